/**
 * 12345 management in the browser (H5 build, real server and database, 375×812): the 知识库 kept month by month by
 * administrators and department handlers, a handler turning an answered 咨询 into a knowledge entry, the dispatcher's
 * 涉企专席 tab and 紧急 switch, and the administrator's dispatch catalogue, metrics and 月通报 downloads.
 */
import fs from 'node:fs'
import { Knowledge } from '../../server/src/modules/knowledge/knowledge.model'
import { Ticket, TicketCategory } from '../../server/src/modules/tickets/ticket.model'
import { api } from '../helpers/app'
import { account, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { currentPage, fill, overflowingElements, screenshot, tap, testId, waitForRoute, openAs, useBrowser } from '../helpers/browser'
import { CITY, insertTicket, submitTicket, ticketWorld, type TicketWorld } from '../helpers/ticket-fixtures'

useTestDb()

let w: TicketWorld
let cityAdmin: Session

const DAY = 86_400_000

/** A knowledge entry created through the API (search fields computed by the server), optionally last reviewed long ago. */
async function entry(s: Session, departmentId: unknown, title: string, reviewedDaysAgo = 0): Promise<string> {
  const res = await api()
    .post('/api/v1/knowledge')
    .set(s.auth)
    .send({ title, categoryPath: ['社会保障', '社保卡'], content: `${title}：携带本人有效身份证件到社保卡服务网点办理。`, keywords: ['社保卡'], departmentId: String(departmentId), type: '热点问答' })
  if (res.status !== 201) throw new Error(`knowledge create failed: ${res.status} ${JSON.stringify(res.body)}`)
  if (reviewedDaysAgo) await Knowledge.updateOne({ _id: res.body.id }, { $set: { reviewedAt: new Date(Date.now() - reviewedDaysAgo * DAY) } })
  return res.body.id as string
}

/** 'YYYY-MM' of today in Asia/Shanghai. */
const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7)

const browser = useBrowser({
  setup: async () => {
    w = await ticketWorld()
    cityAdmin = await account({ role: 'admin', regionCode: CITY })
  },
})

/** Opens a route as the given actor; nothing on it overflows. */
async function as(s: Session, route: string) {
  await openAs(browser.phone.page, browser.server.url, s, route)
  expect(await overflowingElements(browser.phone.page)).toEqual([])
}

/** The card of the entry with this title on the page on screen. */
const entryCard = (title: string) => currentPage(browser.phone.page).locator('[data-testid="kb-entry"]').filter({ hasText: title })

describe('知识库 management in the browser', () => {
  it('when a handler opens the knowledge base, then the entry due for review comes first with 待复核, and review, edit, 下架 and create reach the database', async () => {
    const { page } = browser.phone
    const A = w.actors
    const dueId = await entry(A.handlerHere, w.dept._id, '社保卡密码忘了怎么重置？', 40)
    const freshId = await entry(A.handlerHere, w.dept._id, '社保卡可以异地补办吗？')
    const retireId = await entry(A.handlerHere, w.dept._id, '旧版社保卡还能用吗？')
    await entry(A.handler2, w.dept2._id, '医保报销需要哪些材料？')

    // the entry point on the handler workbench
    await as(A.handlerHere, 'hotline/handler/index')
    await tap(page, 'handler-knowledge-entry')
    await waitForRoute(page, 'admin/knowledge/index')
    await testId(page, 'kb-due-list').waitFor()
    const due = currentPage(page).locator('[data-testid="kb-due-list"] [data-testid="kb-entry"]')
    expect(await due.count()).toBe(1)
    expect(await due.first().textContent()).toContain('社保卡密码忘了怎么重置？')
    expect(await due.first().locator('[data-testid="kb-badge-due"]').textContent()).toBe('待复核')
    // only the handler's own department's entries
    await entryCard('社保卡可以异地补办吗？').waitFor()
    expect(await currentPage(page).locator('text=医保报销需要哪些材料？').count()).toBe(0)
    expect(await overflowingElements(page)).toEqual([])
    await screenshot(page, 'admin-knowledge-handler', { fullPage: true })

    // one tap: 已复核，仍有效
    const before = (await Knowledge.findById(dueId).lean())!.reviewedAt
    await due.first().locator('[data-testid="kb-review-valid"]').click()
    await testId(page, 'kb-message').filter({ hasText: '已复核，仍有效' }).waitFor()
    expect((await Knowledge.findById(dueId).lean())!.reviewedAt.getTime()).toBeGreaterThan(before.getTime() + 30 * DAY)
    await testId(page, 'state-empty').filter({ hasText: '本月的条目都已复核' }).waitFor()

    // edit: the title and the keywords
    await entryCard('社保卡可以异地补办吗？').locator('[data-testid="kb-edit"]').click()
    await fill(page, 'kb-title', '社保卡可以在外地补办吗？')
    await fill(page, 'kb-keywords', '异地补办，社保卡')
    await tap(page, 'kb-save')
    await testId(page, 'kb-message').filter({ hasText: '已保存' }).waitFor()
    expect(await Knowledge.findById(freshId).lean()).toMatchObject({ title: '社保卡可以在外地补办吗？', keywords: ['异地补办', '社保卡'] })

    // 下架
    await entryCard('旧版社保卡还能用吗？').locator('[data-testid="kb-retire"]').click()
    await testId(page, 'kb-message').filter({ hasText: '已下架' }).waitFor()
    expect((await Knowledge.findById(retireId).lean())!.status).toBe('retired')
    // the list is searched again: the retired entry is gone
    await entryCard('旧版社保卡还能用吗？').waitFor({ state: 'detached' })

    // create: the server's message appears at its field, then the corrected entry is saved for the handler's department
    await tap(page, 'kb-new')
    await fill(page, 'kb-title', '灵活就业人员如何参保？')
    await fill(page, 'kb-category', '社会保障 / 参保登记')
    await fill(page, 'kb-content', '太短')
    await tap(page, 'kb-save')
    await testId(page, 'kb-error-content').waitFor()
    expect(await testId(page, 'kb-error-content').textContent()).toBe('内容至少 10 个字')
    expect(await Knowledge.countDocuments({ title: '灵活就业人员如何参保？' })).toBe(0)
    await fill(page, 'kb-content', '携带身份证到户籍所在地社保经办机构办理灵活就业参保登记，也可在线上办理。')
    await tap(page, 'kb-type-办事指南')
    await tap(page, 'kb-save')
    await testId(page, 'kb-message').filter({ hasText: '已新建' }).waitFor()
    expect(await Knowledge.findOne({ title: '灵活就业人员如何参保？' }).lean()).toMatchObject({ categoryPath: ['社会保障', '参保登记'], type: '办事指南', departmentId: w.dept._id, status: 'active' })
  })

  it('when an administrator opens 知识库 from 管理后台, then the monthly review report counts reviewed, due and expired per department', async () => {
    const { page } = browser.phone
    await entry(w.actors.adminHere, w.dept._id, '失业保险金怎么申领？', 45)
    await as(w.actors.adminHere, 'admin/index/index')
    await tap(page, 'admin-entry-knowledge')
    await waitForRoute(page, 'admin/knowledge/index')
    await testId(page, 'kb-report-row').waitFor()
    const row = currentPage(page).locator('[data-testid="kb-report-row"]').filter({ hasText: w.dept.name })
    const report = (await api().get(`/api/v1/knowledge/review-report?month=${thisMonth()}`).set(w.actors.adminHere.auth)).body as { rows: { departmentId: string; reviewed: number; due: number; expired: number }[] }
    const mine = report.rows.find((r) => r.departmentId === String(w.dept._id))!
    expect(mine.due).toBeGreaterThanOrEqual(1)
    expect(await row.textContent()).toContain(`本月已复核 ${mine.reviewed} · 待复核 ${mine.due} · 已过期 ${mine.expired}`)
    await testId(page, 'kb-resolution-rate').waitFor()
    // the entry due for review is listed first, with its badge
    expect(await currentPage(page).locator('[data-testid="kb-due-list"] [data-testid="kb-entry"]').filter({ hasText: '失业保险金怎么申领？' }).locator('[data-testid="kb-badge-due"]').count()).toBe(1)
    expect(await overflowingElements(page)).toEqual([])
    await screenshot(page, 'admin-knowledge', { fullPage: true })
  })
})

describe('12345 workspaces in the browser', () => {
  it('when a handler turns an answered 咨询 into a knowledge entry, then the entry holds the question and the reply', async () => {
    const { page } = browser.phone
    const A = w.actors
    const id = await insertTicket({ status: 'replied', type: '咨询', userId: A.requester.id, categoryId: w.category._id, departmentId: w.dept._id })
    await as(A.handlerHere, 'hotline/handler/index')
    const card = currentPage(page).locator('[data-testid="hotline-ticket"]').filter({ hasText: id })
    await card.locator('[data-testid="to-knowledge-open"]').click()
    await card.locator('[data-testid="to-knowledge-title"] input').fill('补办社保卡需要等多久？')
    await card.locator('[data-testid="to-knowledge-keywords"] input').fill('社保卡补办，等待时间')
    await screenshot(page, 'hotline-handler-to-knowledge', { fullPage: true })
    await card.locator('[data-testid="to-knowledge-submit"]').click()
    await testId(page, 'handler-message').filter({ hasText: '已转为知识条目' }).waitFor()
    const created = (await Knowledge.findOne({ sourceTicketId: id }).lean())!
    expect(created).toMatchObject({ title: '补办社保卡需要等多久？', keywords: ['社保卡补办', '等待时间'], type: '日常咨询', departmentId: w.dept._id })
    expect(created.content).toContain('已办理')
    // a second time: the server's reason (a duplicate title) is shown in the form
    await card.locator('[data-testid="to-knowledge-open"]').click()
    await card.locator('[data-testid="to-knowledge-title"] input').fill('补办社保卡需要等多久？')
    await card.locator('[data-testid="to-knowledge-submit"]').click()
    await card.locator('[data-testid^="to-knowledge-error-"]').first().waitFor()
    expect(await Knowledge.countDocuments({ sourceTicketId: id })).toBe(1)
  })

  it('when the dispatcher opens the 涉企专席 tab and dispatches as 紧急, then only 涉企 tickets are listed and the ticket gets the 2 h first-response limit', async () => {
    const { page } = browser.phone
    const A = w.actors
    const plain = await submitTicket(A.requester, w.category._id, { description: '小区门口路灯坏了一个月，晚上出行不便' })
    const firm = await submitTicket(A.otherCitizen, w.category._id, { description: '企业办理社保登记被要求重复提交材料', enterprise: true })
    await as(A.dispatcherHere, 'hotline/dispatch/index')
    await currentPage(page).locator('[data-testid="hotline-ticket"]').filter({ hasText: plain }).waitFor()
    await tap(page, 'dispatch-tab-enterprise')
    await currentPage(page).locator('[data-testid="hotline-ticket"]').filter({ hasText: plain }).waitFor({ state: 'detached' })
    const cards = currentPage(page).locator('[data-testid="hotline-ticket"]')
    expect(await cards.count()).toBe(1)
    expect(await cards.first().textContent()).toContain(firm)
    await cards.first().locator('[data-testid="dispatch-urgent"]').click()
    expect(await cards.first().locator('[data-testid="dispatch-urgent"]').getAttribute('aria-checked')).toBe('true')
    expect(await overflowingElements(page)).toEqual([])
    await screenshot(page, 'hotline-dispatch-enterprise', { fullPage: true })
    const at = Date.now()
    await cards.first().locator('[data-testid="dispatch-submit"]').click()
    await testId(page, 'dispatch-message').filter({ hasText: '已派单（紧急）' }).waitFor()
    const t = (await Ticket.findById(firm).lean())!
    expect(t).toMatchObject({ status: 'dispatched', urgent: true, enterprise: true })
    expect(t.responseDueAt!.getTime() - at).toBeLessThanOrEqual(2 * 3_600_000 + 60_000)
    expect((await Ticket.findById(plain).lean())!.status).toBe('submitted')
    await testId(page, 'state-empty').filter({ hasText: '暂无待派单的涉企诉求' }).waitFor()
  })
})

describe('12345 administrator screen in the browser', () => {
  it('when the city administrator edits the dispatch catalogue, then the new and the changed categories are stored', async () => {
    const { page } = browser.phone
    await as(cityAdmin, 'admin/hotline/index')
    await testId(page, 'category-row').waitFor()
    // a new category for the second department
    await tap(page, 'category-new')
    await fill(page, 'category-name', '医保异地备案')
    await fill(page, 'category-parent', '医疗保障')
    await fill(page, 'category-department-filter', w.dept2.name.slice(0, 8))
    await currentPage(page).locator('[data-testid="category-department"]').filter({ hasText: w.dept2.name }).click()
    await tap(page, 'category-limit-复杂')
    await tap(page, 'category-save')
    await testId(page, 'category-message').filter({ hasText: '医保异地备案' }).waitFor()
    expect(await TicketCategory.findOne({ name: '医保异地备案' }).lean()).toMatchObject({ parent: '医疗保障', departmentId: w.dept2._id, limitClass: '复杂', replyDays: 15, active: true })

    // the existing category: a shorter time limit
    const row = currentPage(page).locator('[data-testid="category-row"]').filter({ hasText: '社保卡补换' })
    await row.locator('[data-testid="category-edit"]').click()
    await fill(page, 'category-days', '3')
    await tap(page, 'category-save')
    await currentPage(page).locator('[data-testid="category-row"]').filter({ hasText: '社保卡补换' }).filter({ hasText: '3 个工作日' }).waitFor()
    expect((await TicketCategory.findById(w.category._id).lean())!.replyDays).toBe(3)
    expect(await overflowingElements(page)).toEqual([])
  })

  it('when a county administrator tries to change the catalogue, then the server’s reason is shown in the form', async () => {
    const { page } = browser.phone
    await as(w.actors.adminHere, 'admin/hotline/index')
    await testId(page, 'category-row').waitFor()
    await currentPage(page).locator('[data-testid="category-edit"]').first().click()
    await fill(page, 'category-days', '4')
    await tap(page, 'category-save')
    await testId(page, 'category-error-_').filter({ hasText: '派单目录由市级管理员维护' }).waitFor()
  })

  it('when an administrator opens the metrics and the 月通报, then the month’s departments are charted and CSV and XLSX download', async () => {
    const { page } = browser.phone
    const A = w.actors
    const id = await submitTicket(A.requester, w.category._id, { description: '社保卡补办进度无法查询，希望给个说法' })
    await api().post(`/api/v1/dispatch/tickets/${id}/dispatch`).set(A.dispatcherHere.auth).send({})
    await api().post(`/api/v1/dept/tickets/${id}/accept`).set(A.handlerHere.auth).send({})
    const month = thisMonth()

    await as(cityAdmin, 'admin/hotline/index')
    const metricsRow = currentPage(page).locator('[data-testid="hotline-metrics"] [data-testid="metrics-row"]').filter({ hasText: w.dept.name })
    await metricsRow.waitFor()
    const [y, m] = month.split('-').map(Number)
    const to = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
    const stats = (await api().get(`/api/v1/admin/ticket-stats?groupBy=department&from=${month}-01&to=${to}`).set(cityAdmin.auth)).body as {
      rows: { label: string; accepted: number; onTimeResponseRate: number | null }[]
    }
    const mine = stats.rows.find((r) => r.label === w.dept.name)!
    expect(mine.accepted).toBeGreaterThanOrEqual(1)
    expect(mine.onTimeResponseRate).not.toBeNull()
    expect(await metricsRow.locator('[data-testid="metrics-accepted"]').textContent()).toBe(String(mine.accepted))
    expect(await metricsRow.locator('[data-testid="metrics-onTimeResponseRate"]').textContent()).toBe(`${(mine.onTimeResponseRate! / 10).toFixed(1)}%`)
    const bars = currentPage(page).locator('[data-testid="metrics-chart-bar"]')
    expect(await bars.count()).toBe(stats.rows.length)
    // another metric in the chart
    await tap(page, 'metrics-chart-onTimeResponseRate')
    await currentPage(page).locator(`[data-testid="metrics-chart-bar"][data-value="${Math.round(mine.onTimeResponseRate!) / 10}"]`).first().waitFor()
    // an earlier month has nothing
    await tap(page, 'metrics-month-prev')
    await currentPage(page).locator('[data-testid="hotline-metrics"] [data-testid="state-empty"]').waitFor()
    await tap(page, 'metrics-month-next')
    await metricsRow.waitFor()
    expect(await overflowingElements(page)).toEqual([])
    await screenshot(page, 'admin-hotline-metrics', { fullPage: true })

    // the 月通报 of this month, downloaded
    await tap(page, `report-month-${month}`)
    await currentPage(page).locator('[data-testid="report-row"]').filter({ hasText: w.dept.name }).waitFor()
    const [csv] = await Promise.all([page.waitForEvent('download'), tap(page, 'report-download-csv')])
    expect(csv.suggestedFilename()).toBe(`12345-月通报-${month}.csv`)
    expect(fs.readFileSync((await csv.path())!, 'utf8')).toContain(w.dept.name)
    await testId(page, 'report-download-result').filter({ hasText: '已下载' }).waitFor()
    const [xlsx] = await Promise.all([page.waitForEvent('download'), tap(page, 'report-download-xlsx')])
    expect(xlsx.suggestedFilename()).toBe(`12345-月通报-${month}.xlsx`)
    expect(fs.readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK')
  })
})
