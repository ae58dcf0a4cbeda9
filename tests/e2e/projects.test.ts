/// <reference lib="dom" />
/**
 * 全代办 / 项目长 in the H5 build (real server and database, Chromium at 375×812): an administrator creates a project
 * from a checklist template (a server error shown at its field first) and names its 项目长; the 项目长 completes two
 * items and pauses one; the enterprise sees its timeline move and the late item highlighted, in both display modes.
 * Then the enterprise entrusts the 代办, the 项目长 accepts it, the 委托书 prints, and the administrator's overview
 * charts the stages against the promised limits.
 */
import { addDays, localDate, type ProjectTemplateInput } from '@xz/shared'
import { makeCityRegions } from '../helpers/factories'
import { Project, type ProjectDoc } from '../../server/src/modules/projects/project.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { currentPage, fill, overflowingElements, screenshot, settle, tap, testId, useBrowser, waitForRoute, openAs } from '../helpers/browser'
import { useTestDb } from '../helpers/db'
import { auditPage, problems, type Mode } from '../helpers/page-audit'
import { creditCode } from '../helpers/policy-fixtures'

useTestDb()

const ENTERPRISE = '忻州示例新材料有限公司'
const TEMPLATE = '一般工业项目审批清单（测试）'
const PROJECT = '年产5万吨新材料生产线项目'

/** Seven items over the five stages; 立项备案, 用地预审 and 环评 start at once, 规划许可 needs the first two. */
const template: ProjectTemplateInput = {
  name: TEMPLATE,
  type: '一般工业项目',
  items: [
    { key: 'filing', name: '企业投资项目备案', stage: 'land_planning', departmentName: '市行政审批局', legalDays: 5, promisedDays: 2, documentName: '项目备案证明' },
    { key: 'land', name: '建设项目用地预审与选址意见书', stage: 'land_planning', departmentName: '市自然资源局', legalDays: 20, promisedDays: 5 },
    { key: 'eia', name: '环境影响评价审批', stage: 'land_planning', departmentName: '市生态环境局', legalDays: 30, promisedDays: 8, commitmentAllowed: true },
    { key: 'planning', name: '建设用地规划许可证', stage: 'land_planning', departmentName: '市自然资源局', legalDays: 20, promisedDays: 5, dependsOn: ['filing', 'land'] },
    { key: 'drawings', name: '施工图设计文件审查', stage: 'engineering', departmentName: '市住建局', legalDays: 20, promisedDays: 10, dependsOn: ['planning'] },
    { key: 'permit', name: '建筑工程施工许可证', stage: 'construction', departmentName: '市行政审批局', legalDays: 15, promisedDays: 3, dependsOn: ['drawings'], commitmentAllowed: true },
    { key: 'acceptance', name: '竣工联合验收', stage: 'acceptance', departmentName: '市住建局', legalDays: 20, promisedDays: 10, dependsOn: ['permit'] },
    { key: 'registration', name: '不动产首次登记', stage: 'registration', departmentName: '市不动产登记中心', legalDays: 30, promisedDays: 5, dependsOn: ['acceptance'] },
  ],
}

let admin: Session
let leader: Session
let enterprise: Session
let code: string
let projectId = ''
const consoleErrors: string[] = []

async function agentAccount(username: string, name: string, title: string, mobile: string): Promise<Session> {
  const made = await api().post('/api/v1/admin/project-accounts').set(admin.auth).send({ username, name, title, mobile, regionCode: '140900' })
  expect(made.status).toBe(201)
  const res = await api().post('/api/v1/auth/staff').send({ username, password: made.body.password })
  expect(res.status).toBe(200)
  return { id: res.body.user.id, token: res.body.accessToken, refreshToken: res.body.refreshToken, auth: { Authorization: `Bearer ${res.body.accessToken}` } }
}

const browser = useBrowser({
  phone: 'file',
  setup: async () => {
    await makeCityRegions()
    admin = await account({ role: 'admin', regionCode: '140900', name: '市审批局管理员' })
    const made = await api().post('/api/v1/admin/project-templates').set(admin.auth).send(template)
    expect(made.status).toBe(201)
    leader = await agentAccount('leader.wang', '王建国', '市发改委副主任', '13903500001')
    await agentAccount('agent.li', '李代办', '代办专员', '13903500002')
    enterprise = await citizen()
    code = creditCode()
    const claimed = await api().put('/api/v1/me/enterprise').set(enterprise.auth).send({ name: ENTERPRISE, creditCode: code })
    expect(claimed.status).toBe(200)
  },
})
beforeAll(() => {
  browser.phone.page.on('console', (m) => {
    // (the 400 of the form submitted without 建设地点 is logged by the browser itself: expected)
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) consoleErrors.push(m.text())
  })
})

/** Opens a route as the given person (the session stored as the app stores it), in the given mode. */
const as = (s: Session, route: string, elder = false) => openAs(browser.phone.page, browser.server.url, s, route, { fresh: true, elder })

/** Every element with this data-testid on the page on screen. */
const all = (id: string) => currentPage(browser.phone.page).locator(`[data-testid="${id}"]`)
const item = (key: string) => currentPage(browser.phone.page).locator(`[data-testid="timeline-item"][data-key="${key}"]`)

/**
 * Screenshot of the whole page (Taro's H5 page scrolls inside its own box, so the window is made as tall as the
 * content for the picture), and nothing may stick out of the 375 px width. With a mode, the whole page (not just
 * the first screen) is measured against SPEC §5 at that size too.
 */
async function shoot(name: string, mode?: Mode) {
  const { page } = browser.phone
  await settle(page)
  expect(await overflowingElements(page)).toEqual([])
  const height = await currentPage(page).evaluate((el) => el.scrollHeight)
  await page.setViewportSize({ width: 375, height: Math.min(Math.max(812, height + 60), 12_000) })
  await settle(page)
  await screenshot(page, name, { fullPage: true })
  const found = mode ? problems(await auditPage(page, mode), { consoleErrors: [], serverErrors: [] }, mode) : []
  await page.setViewportSize({ width: 375, height: 812 })
  expect(found).toEqual([])
}

describe('全代办 / 项目长 in the browser', () => {
  it('when an administrator creates a project and names its 项目长, and the 项目长 completes two items and pauses one, then the enterprise sees the timeline move and the late item highlighted', async () => {
    const { page } = browser.phone
    const start = addDays(localDate(new Date()), -40)

    // the administrator: 全代办 overview → 新建项目
    await as(admin, 'projects/admin/index')
    await testId(page, 'admin-projects').waitFor()
    await tap(page, 'admin-project-new')
    await waitForRoute(page, 'projects/create/index')
    await all('pick-template').filter({ hasText: TEMPLATE }).click()
    await testId(page, 'template-summary').filter({ hasText: '8 个事项' }).waitFor()
    await fill(page, 'pf-name', PROJECT)
    await fill(page, 'pf-ent-name', ENTERPRISE)
    await fill(page, 'pf-credit-code', code)
    await all('pf-region').filter({ hasText: '忻府区' }).click()
    await fill(page, 'pf-industry', '新材料制造')
    await fill(page, 'pf-investment', '52000')
    await fill(page, 'pf-start', start)
    // no 建设地点: the server's message appears at that field
    await tap(page, 'pf-submit')
    await testId(page, 'pf-location-error').waitFor()
    expect(await testId(page, 'pf-location-error').textContent()).toContain('建设地点')
    expect(await Project.countDocuments()).toBe(0)
    await fill(page, 'pf-location', '忻州经济开发区新材料产业园')
    await shoot('project-create', 'normal')
    await tap(page, 'pf-submit')
    await waitForRoute(page, 'projects/detail/index')
    await testId(page, 'project-header').waitFor()
    const created = (await Project.findOne({}).lean<ProjectDoc>())!
    projectId = String(created._id)
    expect(created).toMatchObject({ name: PROJECT, enterpriseCode: code, regionCode: '140902' })
    expect(created.items).toHaveLength(8)
    // started 40 days ago: the items without 前置事项 are past their promised dates
    await testId(page, 'project-risk').waitFor()

    // … and names the 项目长 and an agent
    await tap(page, 'project-team')
    await waitForRoute(page, 'projects/team/index')
    await currentPage(page).locator('[data-testid="pick-leader"][data-username="leader.wang"]').click()
    await currentPage(page).locator('[data-testid="pick-agent"][data-username="agent.li"]').click()
    await tap(page, 'team-save')
    await testId(page, 'team-saved').filter({ hasText: '王建国' }).waitFor()
    expect(String((await Project.findById(projectId).lean<ProjectDoc>())!.leaderId)).toBe(leader.id)

    // the enterprise before: nothing done yet, late items flagged, the 项目长 on the page
    await as(enterprise, 'projects/mine/index')
    await all('project-card').filter({ hasText: PROJECT }).click()
    await waitForRoute(page, 'projects/detail/index')
    await testId(page, 'project-done-count').filter({ hasText: '已办结 0/8' }).waitFor()
    expect(await testId(page, 'contact-leader').textContent()).toContain('王建国')
    expect(await currentPage(page).locator('[data-testid="late-item"]').count()).toBeGreaterThanOrEqual(3)
    await shoot('project-enterprise-before')

    // the 项目长: workspace → the project → 办结 two items, start and pause a third
    await as(leader, 'projects/work/index')
    await all('agent-project').filter({ hasText: PROJECT }).click()
    await waitForRoute(page, 'projects/detail/index')
    await testId(page, 'viewer-role').filter({ hasText: '项目长' }).waitFor()
    for (const [key, doc] of [['filing', '项目备案证明'], ['land', '用地预审与选址意见书']]) {
      await item(key).locator('[data-testid="item-done-open"]').click()
      await item(key).locator('[data-testid="item-doc-name"] input').fill(doc)
      await item(key).locator('[data-testid="item-doc-number"] input').fill(`忻审批备〔2026〕${key === 'filing' ? '101' : '102'}号`)
      await item(key).locator('[data-testid="item-done"]').click()
      await item(key).locator('[data-testid="item-status"]').filter({ hasText: '已办结' }).waitFor()
    }
    await item('planning').locator('[data-testid="item-start"]').click()
    await item('planning').locator('[data-testid="item-status"]').filter({ hasText: '办理中' }).waitFor()
    await item('planning').locator('[data-testid="item-pause-open"]').click()
    await item('planning').locator('[data-testid="item-pause-reason-input"] textarea').fill('等待企业补充总平面图修改稿')
    await item('planning').locator('[data-testid="item-pause"]').click()
    await item('planning').locator('[data-testid="item-status"]').filter({ hasText: '暂停' }).waitFor()
    await shoot('project-leader', 'normal')
    const after = (await Project.findById(projectId).lean<ProjectDoc>())!
    const status = Object.fromEntries(after.items.map((i) => [i.key, i.status]))
    expect(status).toMatchObject({ filing: 'done', land: 'done', planning: 'paused', eia: 'not_started' })
    expect(after.items.find((i) => i.key === 'filing')!.documents?.[0]).toMatchObject({ name: '项目备案证明', number: '忻审批备〔2026〕101号' })

    // the enterprise after: the timeline moved, the pause and its reason shown, the late item in red
    await as(enterprise, `projects/detail/index?id=${projectId}`)
    await testId(page, 'project-done-count').filter({ hasText: '已办结 2/8' }).waitFor()
    expect(await item('filing').getAttribute('data-status')).toBe('done')
    expect(await item('land').locator('[data-testid="item-document"]').textContent()).toContain('用地预审与选址意见书')
    expect(await item('planning').getAttribute('data-status')).toBe('paused')
    expect(await item('planning').locator('[data-testid="item-pause-reason"]').textContent()).toContain('等待企业补充总平面图修改稿')
    const stage = currentPage(page).locator('[data-testid="stage"][data-stage="land_planning"] [data-testid="stage-summary"]')
    expect(await stage.textContent()).toContain('已办结 2/4')
    const late = currentPage(page).locator('[data-testid="late-item"][data-key="eia"]')
    expect(await late.textContent()).toMatch(/已逾期 \d+ 个工作日/)
    expect(await late.evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe('rgb(200, 22, 29)')
    expect(await item('eia').getAttribute('data-late')).toBe('1')
    expect(await item('eia').evaluate((el) => getComputedStyle(el).borderTopColor)).toBe('rgb(200, 22, 29)')
    expect(await item('filing').getAttribute('data-late')).toBe('0')
    await shoot('project-enterprise-after', 'normal')

    // 长辈版: the same page in large type, nothing squeezed
    await as(enterprise, `projects/detail/index?id=${projectId}`, true)
    await testId(page, 'project-done-count').filter({ hasText: '已办结 2/8' }).waitFor()
    await shoot('project-enterprise-elder', 'elder')
    expect(consoleErrors).toEqual([])
  })

  it('when the enterprise entrusts the 代办 and the 项目长 accepts it, then the 委托书 prints; the administrator sees the stages charted and the project at risk', async () => {
    const { page } = browser.phone
    expect(projectId).not.toBe('')

    await as(enterprise, `projects/detail/index?id=${projectId}`)
    await testId(page, 'entrust-form').waitFor()
    await fill(page, 'entrust-name', '张企业')
    await fill(page, 'entrust-mobile', '13812345678')
    await tap(page, 'entrust-submit')
    await testId(page, 'agency-status').filter({ hasText: '已委托' }).waitFor()

    await as(leader, `projects/detail/index?id=${projectId}`)
    await tap(page, 'agency-accept')
    await testId(page, 'agency-status').filter({ hasText: '已受理' }).waitFor()
    expect(await all('agency-event').first().textContent()).toContain('受理')
    await tap(page, 'form-link-entrustment')
    await waitForRoute(page, 'projects/form/index')
    await testId(page, 'agency-form-title').filter({ hasText: '委托书' }).waitFor()
    expect(await currentPage(page).locator('[data-testid="agency-form-item"]').count()).toBeGreaterThanOrEqual(5)
    expect(await testId(page, 'agency-form').textContent()).toContain(ENTERPRISE)
    await testId(page, 'form-print').waitFor()
    await shoot('project-entrustment-form')

    await as(admin, 'projects/admin/index')
    await testId(page, 'stage-chart').waitFor()
    expect(await currentPage(page).locator('[data-testid="stage-chart-group"]').count()).toBe(5)
    await testId(page, 'kpi-at-risk').filter({ hasText: '1' }).waitFor()
    expect(await currentPage(page).locator('[data-testid="at-risk-project"]').count()).toBe(1)
    await all('filter-risk').filter({ hasText: '有风险' }).click()
    await testId(page, 'admin-project-total').filter({ hasText: '共 1 个' }).waitFor()
    await shoot('project-admin', 'normal')

    // 长辈版 of the 项目长's page with the 办结 panel open, measured whole
    await as(leader, `projects/detail/index?id=${projectId}`, true)
    await item('eia').locator('[data-testid="item-done-open"]').click()
    await item('eia').locator('[data-testid="item-done-panel"]').waitFor()
    await shoot('project-leader-elder', 'elder')
    expect(consoleErrors).toEqual([])
  })

  it('when an administrator edits a template item so that its promise exceeds the legal limit, then the server message appears at that field; fixed, the template saves', async () => {
    const { page } = browser.phone
    await as(admin, 'projects/templates/index')
    await all('template-card').filter({ hasText: TEMPLATE }).locator('[data-testid="template-edit"]').click()
    await testId(page, 'template-editor').waitFor()
    const land = all('template-item').filter({ hasText: '建设项目用地预审与选址意见书' })
    await land.locator('[data-testid="template-item-edit"]').click()
    await land.locator('[data-testid="ti-promised"] input').fill('25')
    await tap(page, 'tpl-save')
    const error = land.locator('[data-testid="ti-promised-error"]')
    await error.waitFor()
    expect(await error.textContent()).toBe('承诺时限不能长于法定时限')
    await shoot('project-template-error', 'normal')
    await land.locator('[data-testid="ti-promised"] input').fill('4')
    await tap(page, 'tpl-save')
    await testId(page, 'template-message').filter({ hasText: TEMPLATE }).waitFor()
    const saved = await api().get('/api/v1/admin/project-templates').set(admin.auth)
    const tpl = (saved.body.items as { name: string; items: { key: string; promisedDays: number }[] }[]).find((t) => t.name === TEMPLATE)!
    expect(tpl.items.find((i) => i.key === 'land')!.promisedDays).toBe(4)
    expect(consoleErrors).toEqual([])
  })
})
