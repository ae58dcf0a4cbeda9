/// <reference lib="dom" />
/**
 * Every page of the H5 build, as people see it: citizen, staff and administrator pages, in the normal mode and in
 * 长辈版, at 375×812, on the seeded demo data with the right person signed in. Each page is measured in the browser
 * (tests/helpers/page-audit.ts) against SPEC §5, screenshotted under artifacts/screenshots/pages/, and the figures
 * are printed as one table (page × mode: min / median font, overlaps, clipped, sideways, small taps, console
 * errors, 5xx).
 *
 * The page list comes from miniapp/src/app.config.ts: a page without an entry in PAGES fails the first test, so a
 * new page cannot slip past this walk. To add one, append an entry to PAGES (route, who is signed in, the query it
 * needs from the fixtures, and what to wait for).
 */
import fs from 'node:fs'
import path from 'node:path'
import { localDate, addDays, creditCodeCheckChar } from '@xz/shared'
import { Bundle, Service } from '../../server/src/modules/catalogue/catalogue.model'
import { Hall } from '../../server/src/modules/halls/hall.model'
import { seedIfEmpty } from '../../server/src/modules/seed/seed'
import { WorkOrder } from '../../server/src/modules/work-orders/work-order.model'
import { Policy } from '../../server/src/modules/policies/policy.model'
import { api } from '../helpers/app'
import { citizen, type Session } from '../helpers/auth'
import { book } from '../helpers/booking-fixtures'
import { useTestDb } from '../helpers/db'
import { servedBooking } from '../helpers/rating-fixtures'
import {
  SCREENSHOT_DIR, currentPage, storeSession, useBrowser, waitForRoute, type Phone,
} from '../helpers/browser'
import { TABLE_HEADER, auditPage, problems, tableRow, watchPage, type Mode } from '../helpers/page-audit'

useTestDb()

const ADMIN_PASSWORD = 'Admin-pages-2026'
const STAFF_PASSWORD = 'Staff-pages-2026'

/** What the pages need: ids of seeded and booked records, and the three signed-in people. */
interface Fixtures {
  citizen: Session
  staff: Session
  admin: Session
  serviceId: string
  hallId: string
  bundleId: string
  bookingId: string
  cancelledId: string
  servedId: string
  workOrderId: string
  dispatcher: Session
  handler: Session
  policyId: string
  /** 全代办: the enterprise owner (a citizen who claimed the project's enterprise), its 项目长 and the project */
  owner: Session
  agent: Session
  projectId: string
}

type Who = 'guest' | 'citizen' | 'staff' | 'admin' | 'dispatcher' | 'handler' | 'owner' | 'agent'

export interface PageEntry {
  /** unique name of the row (a route may appear more than once, e.g. a booking and a cancelled booking) */
  name: string
  /** route as in app.config.ts: 'pages/index/index', 'staff/desk/index', … */
  route: string
  who: Who
  query?: (f: Fixtures) => string
  /** a selector that shows the page's content has arrived (besides the loading state being gone) */
  ready?: string
  /** the modes the page has; default both. The staff and administrator screens are work tools without a 长辈版 */
  modes?: readonly Mode[]
}

const STAFF_MODES = ['normal'] as const

const tid = (id: string) => `[data-testid="${id}"]`

/** The walker's table: one entry (or more) per page of app.config.ts. Append new pages here. */
export const PAGES: PageEntry[] = [
  { name: 'home', route: 'pages/index/index', who: 'guest', ready: tid('elder-switch') },
  { name: 'nearby', route: 'pages/nearby/index', who: 'guest', ready: tid('hall-card') },
  { name: 'bookings', route: 'pages/bookings/index', who: 'citizen', ready: tid('booking-card') },
  { name: 'mine', route: 'pages/mine/index', who: 'citizen', ready: tid('elder-switch') },
  { name: 'mine-guest', route: 'pages/mine/index', who: 'guest', ready: tid('elder-switch') },
  { name: 'search', route: 'pages/search/index', who: 'guest', ready: tid('service-card') },
  { name: 'service', route: 'pages/service/index', who: 'guest', query: (f) => `id=${f.serviceId}`, ready: tid('materials') },
  { name: 'bundle', route: 'pages/bundle/index', who: 'guest', query: (f) => `id=${f.bundleId}`, ready: tid('bundle-title') },
  { name: 'book', route: 'pages/book/index', who: 'citizen', query: (f) => `serviceId=${f.serviceId}&hallId=${f.hallId}`, ready: tid('calendar') },
  { name: 'booking', route: 'pages/booking/index', who: 'citizen', query: (f) => `id=${f.bookingId}`, ready: tid('booking-code') },
  { name: 'booking-cancelled', route: 'pages/booking/index', who: 'citizen', query: (f) => `id=${f.cancelledId}`, ready: tid('booking-code') },
  { name: 'rate', route: 'pages/rate/index', who: 'citizen', query: (f) => `bookingId=${f.servedId}` },
  { name: 'ratings', route: 'pages/ratings/index', who: 'citizen' },
  { name: 'staff-login', route: 'staff/login/index', who: 'guest', ready: tid('login-username'), modes: STAFF_MODES },
  { name: 'staff-desk', route: 'staff/desk/index', who: 'staff', ready: tid('staff-desk'), modes: STAFF_MODES },
  { name: 'staff-checkin', route: 'staff/checkin/index', who: 'staff', ready: tid('checkin-code'), modes: STAFF_MODES },
  { name: 'staff-queue', route: 'staff/queue/index', who: 'staff', modes: STAFF_MODES },
  { name: 'staff-work-orders', route: 'staff/work-orders/index', who: 'staff', modes: STAFF_MODES },
  { name: 'staff-work-order', route: 'staff/work-order/index', who: 'staff', query: (f) => `id=${f.workOrderId}`, modes: STAFF_MODES },
  { name: 'admin-home', route: 'admin/index/index', who: 'admin', ready: tid('admin-home'), modes: STAFF_MODES },
  { name: 'admin-rules', route: 'admin/rules/index', who: 'admin', ready: tid('admin-rules'), modes: STAFF_MODES },
  { name: 'admin-calendar', route: 'admin/calendar/index', who: 'admin', ready: tid('admin-calendar'), modes: STAFF_MODES },
  { name: 'admin-accounts', route: 'admin/accounts/index', who: 'admin', ready: tid('admin-accounts'), modes: STAFF_MODES },
  { name: 'admin-stats', route: 'admin/stats/index', who: 'admin', ready: tid('admin-stats'), modes: STAFF_MODES },
  { name: 'not-found', route: 'pages/not-found/index', who: 'guest', ready: tid('not-found') },
  { name: 'legal-terms', route: 'pages/legal/index', who: 'guest', query: () => 'kind=terms' },
  { name: 'privacy', route: 'pages/privacy/index', who: 'citizen', ready: tid('open-terms') },
  { name: 'hall', route: 'pages/hall/index', who: 'guest', query: (f) => `id=${f.hallId}`, ready: tid('hall-open') },
  { name: 'weekend', route: 'pages/weekend/index', who: 'guest' },
  { name: 'messages', route: 'pages/messages/index', who: 'citizen' },
  { name: 'tickets-new', route: 'pages/tickets/new/index', who: 'citizen' },
  { name: 'tickets-mine', route: 'pages/tickets/mine/index', who: 'citizen' },
  { name: 'enterprise-policies', route: 'enterprise/policies/index', who: 'citizen', ready: tid('policies-page') },
  { name: 'enterprise-policy', route: 'enterprise/policy/index', who: 'citizen', query: (f) => `id=${f.policyId}`, ready: tid('policy-page') },
  { name: 'enterprise-profile', route: 'enterprise/profile/index', who: 'citizen' },
  { name: 'enterprise-applications', route: 'enterprise/applications/index', who: 'citizen', ready: tid('applications-page') },
  { name: 'hotline-dispatch', route: 'hotline/dispatch/index', who: 'dispatcher', modes: STAFF_MODES },
  { name: 'hotline-handler', route: 'hotline/handler/index', who: 'handler', modes: STAFF_MODES },
  { name: 'admin-exchange', route: 'admin/exchange/index', who: 'admin', ready: tid('admin-exchange'), modes: STAFF_MODES },
  { name: 'admin-hotline', route: 'admin/hotline/index', who: 'admin', ready: tid('admin-hotline'), modes: STAFF_MODES },
  { name: 'admin-knowledge', route: 'admin/knowledge/index', who: 'admin', ready: tid('admin-knowledge'), modes: STAFF_MODES },
  { name: 'admin-knowledge-handler', route: 'admin/knowledge/index', who: 'handler', ready: tid('admin-knowledge'), modes: STAFF_MODES },
  { name: 'admin-policies', route: 'admin/policies/index', who: 'admin', modes: STAFF_MODES },
  { name: 'admin-policy-applications', route: 'admin/policy-applications/index', who: 'admin', modes: STAFF_MODES },
  { name: 'admin-policy-report', route: 'admin/policy-report/index', who: 'admin', ready: tid('admin-policy-report'), modes: STAFF_MODES },
  // 全代办 / 项目长: every screen in both modes (the issue asks 长辈版 of the workspace and the administrator view too)
  { name: 'projects-mine', route: 'projects/mine/index', who: 'owner', ready: tid('project-card') },
  { name: 'projects-mine-empty', route: 'projects/mine/index', who: 'citizen', ready: tid('state-empty') },
  { name: 'projects-detail', route: 'projects/detail/index', who: 'owner', query: (f) => `id=${f.projectId}`, ready: tid('project-timeline') },
  { name: 'projects-detail-leader', route: 'projects/detail/index', who: 'agent', query: (f) => `id=${f.projectId}`, ready: tid('item-actions') },
  { name: 'projects-detail-admin', route: 'projects/detail/index', who: 'admin', query: (f) => `id=${f.projectId}`, ready: tid('project-team') },
  { name: 'projects-form', route: 'projects/form/index', who: 'owner', query: (f) => `id=${f.projectId}&form=entrustment`, ready: tid('agency-form') },
  { name: 'projects-work', route: 'projects/work/index', who: 'agent', ready: tid('agent-project') },
  { name: 'projects-admin', route: 'projects/admin/index', who: 'admin', ready: tid('stage-chart') },
  { name: 'projects-create', route: 'projects/create/index', who: 'admin', ready: tid('pick-template') },
  { name: 'projects-team', route: 'projects/team/index', who: 'admin', query: (f) => `id=${f.projectId}`, ready: tid('team-picker') },
  { name: 'projects-templates', route: 'projects/templates/index', who: 'admin', ready: tid('template-card') },
  // a mistyped or outdated link lands on the 页面不存在 page, not on a blank screen
  { name: 'unknown-route', route: 'pages/no-such-page/index', who: 'guest', ready: tid('not-found') },
]

/** Every page route declared in app.config.ts (main package and subpackages). */
export function appPages(): string[] {
  const g = globalThis as { defineAppConfig?: (c: unknown) => unknown }
  g.defineAppConfig = (c) => c
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('../../miniapp/src/app.config').default as { pages: string[]; subPackages?: { root: string; pages: string[] }[] }
  return [...config.pages, ...(config.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]
}

const PAGE_SHOTS = path.join(SCREENSHOT_DIR, 'pages')
const ROWS: string[] = []

let fx: Fixtures

async function staffSession(username: string, password: string): Promise<Session> {
  const res = await api().post('/api/v1/auth/staff').send({ username, password })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`)
  return { id: res.body.user.id, token: res.body.accessToken, refreshToken: res.body.refreshToken, auth: { Authorization: `Bearer ${res.body.accessToken}` } }
}

/** Seeds the demo data and books, cancels, serves and rates through the real routes where they exist. */
async function fixtures(): Promise<Fixtures> {
  await seedIfEmpty({ production: false, adminPassword: ADMIN_PASSWORD, staffPassword: STAFF_PASSWORD, print: () => undefined })
  const [person, staff, admin] = [await citizen(), await staffSession('staff.city-center', STAFF_PASSWORD), await staffSession('admin', ADMIN_PASSWORD)]
  await api().patch('/api/v1/me').set(person.auth).send({ name: '王晓明', mobile: '13812345678' })
  const hall = (await Hall.findOne({ name: '忻州市政务服务中心' }).lean())!
  const today = localDate(new Date())
  // the first item of the city centre with free off-hours slots on two days of the next two weeks
  let serviceId = ''
  let pair: { id: string; date: string }[] = []
  for (const id of hall.serviceIds.map(String)) {
    const res = await api().get('/api/v1/slots').query({ hallId: String(hall._id), serviceId: id, from: today, to: addDays(today, 13) })
    const free = (res.body as { id: string; date: string; remaining: number }[]).filter((s) => s.remaining > 0)
    // two different days (one booking per item and day)
    pair = free.filter((s, i) => i === 0 || s.date !== free[0].date).slice(0, 2)
    if (pair.length === 2) {
      serviceId = id
      break
    }
  }
  if (!serviceId) throw new Error('no item of the city centre has free slots')
  const booked = await book(person, pair[0].id, serviceId)
  const toCancel = await book(person, pair[1].id, serviceId)
  if (booked.status !== 201 || toCancel.status !== 201) throw new Error(`booking failed: ${JSON.stringify([booked.body, toCancel.body])}`)
  const cancelled = await api().post(`/api/v1/bookings/${toCancel.body.id}/cancel`).set(person.auth).send({ reason: '行程有变' })
  if (cancelled.status !== 200) throw new Error(`cancel failed: ${JSON.stringify(cancelled.body)}`)

  const service = (await Service.findById(serviceId).lean())!
  const hallRef = { _id: hall._id, regionCode: hall.regionCode }
  const served = await servedBooking({ userId: person.id, hall: hallRef, service, servedAt: new Date(Date.now() - 3600_000) })
  const ratedOne = await servedBooking({ userId: person.id, hall: hallRef, service, servedAt: new Date(Date.now() - 7200_000) })
  const rated = await api()
    .post('/api/v1/ratings')
    .set(person.auth)
    .send({ bookingId: ratedOne.id, level: 1, tags: ['态度不好'], comment: '窗口人员态度冷淡，材料没有一次说清' })
  if (rated.status !== 201) throw new Error(`rating failed: ${JSON.stringify(rated.body)}`)
  const order = (await WorkOrder.findOne({ ratingId: rated.body.id }).lean())!
  const bundle = (await Bundle.findOne().lean())!
  const policy = (await Policy.findOne({ status: 'published' }).lean<{ _id: unknown }>())!
  const [dispatcher, handler] = [await staffSession('dispatcher', STAFF_PASSWORD), await staffSession('handler.rsj', STAFF_PASSWORD)]
  const projects = await projectFixtures(admin)
  return {
    ...projects,
    dispatcher, handler, policyId: String(policy._id),
    citizen: person, staff, admin, serviceId, hallId: String(hall._id), bundleId: String(bundle._id),
    bookingId: booked.body.id, cancelledId: toCancel.body.id, servedId: served.id, workOrderId: String(order._id),
  }
}

/**
 * 全代办: a template, a 项目长 account, an enterprise owner and its project (started six weeks ago: some items late),
 * with two items done, one paused and the 代办 entrusted, all through the real routes.
 */
async function projectFixtures(admin: Session): Promise<Pick<Fixtures, 'owner' | 'agent' | 'projectId'>> {
  const ok = (res: { status: number; body: unknown }, what: string, status = 200) => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body as Record<string, unknown>
  }
  const template = ok(
    await api().post('/api/v1/admin/project-templates').set(admin.auth).send({
      name: '一般工业项目审批清单（页面检查）',
      type: '一般工业项目',
      items: [
        { key: 'filing', name: '企业投资项目备案', stage: 'land_planning', departmentName: '市行政审批局', legalDays: 5, promisedDays: 2, documentName: '项目备案证明' },
        { key: 'land', name: '建设项目用地预审与选址意见书', stage: 'land_planning', departmentName: '市自然资源局', legalDays: 20, promisedDays: 5 },
        { key: 'eia', name: '环境影响评价审批', stage: 'land_planning', departmentName: '市生态环境局', legalDays: 30, promisedDays: 8, commitmentAllowed: true },
        { key: 'planning', name: '建设工程规划许可证', stage: 'engineering', departmentName: '市自然资源局', legalDays: 20, promisedDays: 5, dependsOn: ['filing', 'land'] },
        { key: 'permit', name: '建筑工程施工许可证', stage: 'construction', departmentName: '市行政审批局', legalDays: 15, promisedDays: 3, dependsOn: ['planning'], commitmentAllowed: true },
        { key: 'acceptance', name: '竣工联合验收', stage: 'acceptance', departmentName: '市住建局', legalDays: 20, promisedDays: 10, dependsOn: ['permit'] },
        { key: 'registration', name: '不动产首次登记', stage: 'registration', departmentName: '市不动产登记中心', legalDays: 30, promisedDays: 5, dependsOn: ['acceptance'] },
      ],
    }),
    'template',
    201,
  )
  const made = ok(
    await api().post('/api/v1/admin/project-accounts').set(admin.auth).send({ username: 'leader.pages', name: '王建国', title: '市发改委副主任', mobile: '13903500001', regionCode: '140900' }),
    'project account',
    201,
  )
  const agent = await staffSession('leader.pages', String(made.password))
  const owner = await citizen()
  const creditCode = '91140900MA0PAGE12'
  const code = creditCode + creditCodeCheckChar(creditCode)!
  ok(await api().put('/api/v1/me/enterprise').set(owner.auth).send({ name: '忻州示例新材料有限公司', creditCode: code }), 'enterprise claim')
  const project = ok(
    await api()
      .post('/api/v1/admin/projects')
      .set(admin.auth)
      .send({
        templateId: template.id, name: '年产5万吨新材料生产线项目', enterprise: { name: '忻州示例新材料有限公司', creditCode: code }, regionCode: '140902',
        location: '忻州经济开发区新材料产业园', industry: '新材料制造', investmentWan: 52000, level: '市级重点', startDate: addDays(localDate(new Date()), -42),
        leaderId: agent.id, contactName: '张企业', contactMobile: '13812345678',
      }),
    'project',
    201,
  )
  const id = String(project.id)
  const patch = (key: string, body: object) => api().patch(`/api/v1/agent/projects/${id}/items/${key}`).set(agent.auth).send(body)
  ok(await patch('filing', { status: 'done', documents: [{ name: '项目备案证明', number: '忻审批备〔2026〕101号' }] }), 'filing done')
  ok(await patch('land', { status: 'done' }), 'land done')
  ok(await patch('planning', { status: 'in_progress' }), 'planning started')
  ok(await patch('planning', { status: 'paused', reason: '等待企业补充总平面图修改稿' }), 'planning paused')
  ok(await api().post(`/api/v1/projects/${id}/agency`).set(owner.auth).send({ action: 'entrust', itemKeys: ['eia', 'planning', 'permit'], signerName: '张企业', signerMobile: '13812345678' }), 'entrust')
  return { owner, agent, projectId: id }
}

const browser = useBrowser({
  phone: 'file',
  setup: async () => {
    fs.rmSync(PAGE_SHOTS, { recursive: true, force: true })
    fs.mkdirSync(PAGE_SHOTS, { recursive: true })
    fx = await fixtures()
  },
})

afterAll(() => {
  if (ROWS.length) console.log(`SPEC §5 page audit (375×812)\n${TABLE_HEADER}\n${ROWS.join('\n')}`)
})

/** Signs the right person in (tokens in storage, as the app keeps them) and sets the mode, before the app loads. */
async function prepare(page: Phone['page'], who: Who, mode: Mode): Promise<void> {
  const session = who === 'guest' ? undefined : fx[who]
  await page.goto(`${browser.server.url}/favicon.ico`)
  await page.evaluate(() => localStorage.clear())
  if (session) await storeSession(page, { accessToken: session.token, refreshToken: session.refreshToken })
  await page.evaluate((elder) => localStorage.setItem('xz.elderMode', JSON.stringify({ data: elder ? '1' : '0' })), mode === 'elder')
}

/** Opens the page and waits until its content is there: the entry's marker, no loading state, fonts and images done. */
async function show(page: Phone['page'], entry: PageEntry): Promise<void> {
  const query = entry.query ? `?${entry.query(fx)}` : ''
  await page.goto(`${browser.server.url}/#/${entry.route}${query}`)
  const root = currentPage(page)
  await root.waitFor({ state: 'visible' })
  if (entry.ready) await root.locator(entry.ready).first().waitFor({ state: 'visible', timeout: 15_000 })
  await page.waitForLoadState('networkidle')
  await page.waitForFunction(() => !document.querySelector('.taro_page.taro_page_stationed [data-testid="state-loading"]'))
  await page.evaluate(() => document.fonts.ready)
}

describe('every page of the H5 build meets SPEC §5 (375×812, normal and 长辈版, seeded data)', () => {
  it('has an entry for every page of app.config.ts', () => {
    const covered = new Set(PAGES.map((p) => p.route))
    const missing = appPages().filter((route) => !covered.has(route))
    expect(missing.map((route) => `page ${route} has no entry in PAGES of tests/e2e/pages.test.ts`)).toEqual([])
  })

  for (const mode of ['normal', 'elder'] as const) {
    it(`${mode}: every page is readable, fits, has big enough tap targets and no console or server errors`, async () => {
      const { page } = browser.phone
      const watch = watchPage(page)
      const failures: string[] = []
      for (const entry of PAGES.filter((p) => (p.modes ?? ['normal', 'elder']).includes(mode))) {
        await prepare(page, entry.who, mode)
        watch.take()
        let found: string[]
        try {
          await show(page, entry)
          const audit = await auditPage(page, mode)
          await page.screenshot({ path: path.join(PAGE_SHOTS, `${entry.name}-${mode}.png`), fullPage: true })
          const watched = watch.take()
          ROWS.push(tableRow(entry.name, mode, audit, watched))
          found = problems(audit, watched, mode)
        } catch (err) {
          await page.screenshot({ path: path.join(PAGE_SHOTS, `${entry.name}-${mode}.png`) }).catch(() => undefined)
          found = [`did not load: ${(err as Error).message.split('\n')[0]}`, ...watch.take().consoleErrors]
        }
        for (const f of found) failures.push(`${entry.name} (${mode}): ${f}`)
      }
      expect(failures).toEqual([])
    }, 10 * 60_000)
  }
})

describe('the page audit itself', () => {
  it('when a page has tiny, overlapping, clipped or sideways text and a small button, then the audit reports each', async () => {
    const { page } = browser.phone
    await page.goto('about:blank')
    await page.setContent(`<!doctype html><meta name="viewport" content="width=device-width,initial-scale=1">
      <body style="margin:0;font-size:16px"><div class="taro_page taro_page_stationed" style="position:relative">
        <p id="tiny" style="font-size:10px">小字说明</p>
        <div style="position:relative;height:40px"><span style="position:absolute;left:0;top:0">不满意</span><span style="position:absolute;left:10px;top:2px">非常不满意</span></div>
        <div style="width:60px;overflow:hidden;white-space:nowrap">双休日值班双休日值班</div>
        <div style="width:60px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis">节假日预约节假日预约</div>
        <button style="height:30px;font-size:14px">取消</button>
        <div style="width:600px">宽内容</div>
      </div></body>`)
    const audit = await auditPage(page, 'normal')
    expect(audit.minFont).toBe(10)
    expect(audit.smallText.join()).toContain('小字说明')
    expect(audit.overlaps.join()).toMatch(/不满意.*非常不满意/)
    expect(audit.clipped.join()).toContain('双休日值班')
    expect(audit.clipped.join()).toContain('ellipsis')
    expect(audit.smallTaps.join()).toContain('取消')
    expect(audit.sideways.length).toBeGreaterThan(0)
    expect(problems(audit, { consoleErrors: ['x'], serverErrors: ['500 GET /api/v1/x'] }, 'normal').length).toBe(7)
    const elder = await auditPage(page, 'elder')
    expect(problems(elder, { consoleErrors: [], serverErrors: [] }, 'elder').join()).toMatch(/median text 1\d(\.\d)?px under 18px/)
  })
})

describe('the defects the walk found stay fixed (issue 12)', () => {
  it('when the app loads, then the strict CSP lets exactly Taro’s root-font script run: <html> is 20 px, a favicon is served', async () => {
    const res = await fetch(`${browser.server.url}/`)
    const csp = res.headers.get('content-security-policy') ?? ''
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? ''
    expect(scriptSrc).toMatch(/'sha256-[A-Za-z0-9+/=]+'/)
    expect(scriptSrc).not.toContain('unsafe-inline')
    const icon = await fetch(`${browser.server.url}/favicon.ico`)
    expect(icon.status).toBe(200)
    expect(Buffer.from(await icon.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]))

    const { page } = browser.phone
    const watch = watchPage(page)
    await prepare(page, 'guest', 'normal')
    watch.take()
    await show(page, PAGES.find((p) => p.name === 'home')!)
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px')
    // tapping a tab follows no javascript: URL (a CSP violation before)
    await page.locator('.weui-tabbar__item').nth(1).click()
    await page.waitForURL((url) => url.hash.includes('pages/nearby/index'))
    await currentPage(page).locator(tid('hall-card')).first().waitFor()
    expect(watch.take()).toEqual({ consoleErrors: [], serverErrors: [] })
  })

  it('when a page is opened from another, then its title bar has a back button that returns in one tap; an unknown route offers the way home', async () => {
    const { page } = browser.phone
    await prepare(page, 'guest', 'normal')
    await show(page, PAGES.find((p) => p.name === 'home')!)
    await currentPage(page).locator(tid('home-theme')).first().click()
    // (tapping back while the new page still slides in leaves Taro's tab page hidden: a person waits for the page)
    await waitForRoute(page, 'pages/search/index')
    await currentPage(page).locator(tid('service-card')).first().waitFor()
    const back = page.locator('#taro-navigation-bar .taro-navigation-bar-back')
    await back.waitFor({ state: 'visible' })
    expect(await page.locator('#taro-navigation-bar .taro-navigation-bar-title').textContent()).toBe('搜索事项')
    await back.click()
    await page.waitForURL((url) => url.hash.includes('pages/index/index') || url.hash === '' || url.hash === '#/')
    await page.locator(`${tid('elder-switch')}:visible`).first().waitFor()
    // tab pages show no bar
    expect(await page.locator('#taro-navigation-bar').isVisible()).toBe(false)

    await show(page, PAGES.find((p) => p.name === 'unknown-route')!)
    await currentPage(page).locator(tid('not-found-home')).click()
    await page.locator(`${tid('elder-switch')}:visible`).first().waitFor()
  })

  it('when a booking is cancelled, its code is muted and struck through under 已取消; the admin header names the region', async () => {
    const { page } = browser.phone
    await prepare(page, 'citizen', 'normal')
    await show(page, PAGES.find((p) => p.name === 'booking-cancelled')!)
    const code = currentPage(page).locator(tid('booking-code'))
    const style = await code.evaluate((el) => ({ line: getComputedStyle(el).textDecorationLine, color: getComputedStyle(el).color }))
    expect(style.line).toBe('line-through')
    expect(style.color).not.toBe('rgb(200, 22, 29)')
    expect(await currentPage(page).textContent()).toContain('已取消')

    await prepare(page, 'admin', 'normal')
    await show(page, PAGES.find((p) => p.name === 'admin-home')!)
    await page.waitForFunction(() => document.querySelector('[data-testid="admin-region"]')?.textContent === '忻州市')
  })

  it('when rating, then every face differs from the others; in 长辈版 the booking calendar is a list of days with seats per part of the day', async () => {
    const { page } = browser.phone
    await prepare(page, 'citizen', 'normal')
    await show(page, PAGES.find((p) => p.name === 'rate')!)
    const mouths = await currentPage(page).locator('.face__mouth').evaluateAll((els) =>
      els.map((el) => {
        const s = getComputedStyle(el)
        return [s.width, s.height, s.top, s.backgroundColor, s.borderTopWidth, s.borderBottomWidth].join('|')
      }),
    )
    expect(mouths).toHaveLength(5)
    expect(new Set(mouths).size).toBe(5)

    await prepare(page, 'citizen', 'elder')
    await show(page, PAGES.find((p) => p.name === 'book')!)
    const rows = await currentPage(page).locator('.slot-days__row').allInnerTexts()
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(row.replace(/\s+/g, ' ')).toMatch(/^\d{1,2}月\d{1,2}日 周. .*(上午|中午|下午|晚间) (余\d+|满)|已约满/)
    expect(await currentPage(page).locator('.day').count()).toBe(0)
  })
})
