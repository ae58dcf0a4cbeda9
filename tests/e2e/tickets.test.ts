/**
 * 12345 in the browser (H5 build, real server and database, 375×812): a citizen stops at a knowledge entry instead
 * of submitting a 咨询; another submits a 投诉 that is dispatched, returned, re-dispatched, answered, rated 不满意,
 * re-handled and closed — each step by its actor on their own screen.
 */
import { makeCityRegions } from '../helpers/factories'
import { Knowledge, KnowledgeResolution } from '../../server/src/modules/knowledge/knowledge.model'
import { Ticket, TicketCategory } from '../../server/src/modules/tickets/ticket.model'
import { api } from '../helpers/app'
import type { Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { fill, overflowingElements, screenshot, tap, testId, openAs, useBrowser } from '../helpers/browser'
import { ticketWorld, type TicketWorld } from '../helpers/ticket-fixtures'

useTestDb()

let w: TicketWorld

const browser = useBrowser({
  setup: async () => {
    w = await ticketWorld()
    // a category of the second department, so that the dispatcher can re-dispatch to it
    await TicketCategory.create({ name: '医保报销-示例', parent: '医疗保障', departmentId: w.dept2._id, limitClass: '一般', replyDays: 5 })
    await Knowledge.create({
      title: '社保卡丢失了怎么补办？',
      categoryPath: ['社会保障', '社保卡'],
      content: '携带本人有效身份证件到任一社保卡服务网点办理挂失和补换，即时制卡网点可立等可取。',
      keywords: ['社保卡补办', '挂失'],
      departmentId: w.dept._id,
      type: '热点问答',
      reviewedAt: new Date(),
      searchText: '社保卡丢失了怎么补办？\n社保卡补办\n挂失\n携带本人有效身份证件',
      pinyin: 'shebaokadiushilezenmebuban|shebaokabuban|guashi',
      initials: 'sbkdslzmbb|sbkbb|gs',
    })
  },
})

/** Opens a route as the given actor (the session stored as the app stores it). */
async function as(s: Session, route: string) {
  await openAs(browser.phone.page, browser.server.url, s, route)
  expect(await overflowingElements(browser.phone.page)).toEqual([])
}

describe('12345 in the browser', () => {
  it('a citizen asking a 咨询 sees the matching knowledge entry and stops there (counted, no ticket)', async () => {
    const { page } = browser.phone
    await as(w.actors.requester, 'pages/tickets/new/index')
    await testId(page, 'ticket-category').first().click()
    await fill(page, 'ticket-description', '社保卡丢了怎么补办')
    await testId(page, 'knowledge-suggestion').first().waitFor()
    await screenshot(page, 'ticket-new-suggestions', { fullPage: true })
    await testId(page, 'knowledge-suggestion').first().locator('text=社保卡丢失了怎么补办？').click()
    await tap(page, 'knowledge-resolved')
    await testId(page, 'ticket-resolved').waitFor()
    expect(await testId(page, 'ticket-resolved').textContent()).toContain('携带本人有效身份证件')
    expect(await KnowledgeResolution.countDocuments()).toBe(1)
    expect(await Ticket.countDocuments()).toBe(0)
  })

  it('a 投诉: submitted, dispatched, returned, re-dispatched, answered, 不满意, re-handled and closed, each by its actor', async () => {
    const { page } = browser.phone
    const A = w.actors
    // the requester submits
    await as(A.otherCitizen, 'pages/tickets/new/index')
    await tap(page, 'ticket-type-投诉')
    await testId(page, 'ticket-category').first().click()
    await fill(page, 'ticket-description', '补办社保卡一个月还没拿到，窗口说还要等')
    await fill(page, 'ticket-mobile', '13812345678')
    await tap(page, 'ticket-submit')
    await testId(page, 'my-tickets').waitFor()
    await testId(page, 'my-ticket-status').filter({ hasText: '待受理' }).waitFor()
    const ticket = (await Ticket.findOne({}).lean())!
    expect(ticket.type).toBe('投诉')

    // the city's dispatcher (no county was chosen: the ticket is the city's) dispatches it to the category's department
    await as(A.dispatcherCity, 'hotline/dispatch/index')
    await testId(page, 'hotline-ticket').first().waitFor()
    await screenshot(page, 'hotline-dispatch', { fullPage: true })
    await tap(page, 'dispatch-submit')
    await testId(page, 'dispatch-message').filter({ hasText: '已派单' }).waitFor()

    // the department returns it with a reason
    await as(A.handlerHere, 'hotline/handler/index')
    await testId(page, 'hotline-ticket').first().waitFor()
    await fill(page, 'handler-text', '医保卡问题请派市医保局办理')
    await tap(page, 'handler-return')
    await testId(page, 'handler-message').filter({ hasText: '已退单' }).waitFor()

    // the dispatcher re-dispatches it to the other department (改派)
    await as(A.dispatcherCity, 'hotline/dispatch/index')
    await testId(page, 'hotline-ticket-status').filter({ hasText: '已退单' }).waitFor()
    await testId(page, 'dispatch-department').filter({ hasText: w.dept2.name }).click()
    await tap(page, 'dispatch-submit')
    await testId(page, 'dispatch-message').filter({ hasText: '已改派' }).waitFor()

    // the second department accepts and answers
    await as(A.handler2, 'hotline/handler/index')
    await tap(page, 'handler-accept')
    await testId(page, 'handler-message').filter({ hasText: '已签收' }).waitFor()
    await fill(page, 'handler-text', '已协调制卡中心加急，3 个工作日内可领取新卡')
    await screenshot(page, 'hotline-handler', { fullPage: true })
    await tap(page, 'handler-reply')
    await testId(page, 'handler-message').filter({ hasText: '已答复' }).waitFor()

    // the requester is not satisfied: 重办
    await as(A.otherCitizen, 'pages/tickets/mine/index')
    await testId(page, 'my-ticket-reply').waitFor()
    await tap(page, 'ticket-rate-不满意')
    await testId(page, 'my-ticket-status').filter({ hasText: '办理中' }).waitFor()

    // the department answers again
    await as(A.handler2, 'hotline/handler/index')
    await fill(page, 'handler-text', '新卡已制好，已电话通知并安排送卡上门')
    await tap(page, 'handler-reply')
    await testId(page, 'handler-message').filter({ hasText: '已答复' }).waitFor()

    // the requester rates again: closed
    await as(A.otherCitizen, 'pages/tickets/mine/index')
    await tap(page, 'ticket-rate-满意')
    await testId(page, 'my-ticket-status').filter({ hasText: '已办结' }).waitFor()
    await screenshot(page, 'ticket-mine-closed', { fullPage: true })

    const done = (await Ticket.findById(ticket._id).lean())!
    expect(done.timeline.map((e) => e.action)).toEqual(['submit', 'dispatch', 'return', 'redispatch', 'accept', 'reply', 'rework', 'reply', 'rate'])
    expect(done).toMatchObject({ status: 'closed', reworked: true, satisfaction: '满意', departmentId: w.dept2._id })
  })
})

describe('12345 photos, region, 涉企 and 补充材料 in the browser', () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

  /** Taps 添加照片 (Taro's H5 chooseImage opens a file input) and picks a PNG. */
  async function attachPhoto(scope: string) {
    const { page } = browser.phone
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), testId(page, scope).locator('[data-testid=photo-add]').click()])
    await chooser.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG })
    // the thumbnail, or the reason the upload failed (shown at the field)
    const shown = testId(page, scope).locator('[data-testid=ticket-photo], [data-testid=photo-error]').first()
    await shown.waitFor()
    if ((await shown.getAttribute('data-testid')) !== 'ticket-photo') throw new Error(`photo upload failed: ${await shown.textContent()}`)
  }

  beforeAll(async () => {
    await makeCityRegions()
  })

  it('when a requester submits a 涉企 诉求 of 忻府区 with a photo and later sends the 补充材料 asked for, then the county gets it and the photos reach the ticket', async () => {
    const { page } = browser.phone
    const A = w.actors
    await as(A.requester, 'pages/tickets/new/index')
    await tap(page, 'ticket-type-投诉')
    await testId(page, 'ticket-category').first().click()
    await fill(page, 'ticket-description', '企业办理税务登记时窗口多次要求重复提交材料')
    await attachPhoto('photo-picker')
    await testId(page, 'ticket-photo').first().waitFor()
    await testId(page, 'ticket-region-140902').click()
    await tap(page, 'ticket-enterprise-yes')
    await fill(page, 'ticket-address', '忻府区和平街 1 号')
    await fill(page, 'ticket-mobile', '13812345678')
    await screenshot(page, 'ticket-new-photo', { fullPage: true })
    await tap(page, 'ticket-submit')
    await testId(page, 'my-tickets').waitFor()
    const t = (await Ticket.findOne({ description: /重复提交材料/ }).lean())!
    expect(t).toMatchObject({ regionCode: '140902', enterprise: true, address: '忻府区和平街 1 号' })
    expect(t.photos).toHaveLength(1)
    // the county's dispatcher sees it (涉企 first); the department asks for 补充材料
    const queue = await api().get('/api/v1/dispatch/tickets').set(A.dispatcherHere.auth)
    expect(queue.body.items[0]).toMatchObject({ id: t._id, enterprise: true })
    await api().post(`/api/v1/dispatch/tickets/${t._id}/dispatch`).set(A.dispatcherHere.auth).send({})
    await api().post(`/api/v1/dept/tickets/${t._id}/accept`).set(A.handlerHere.auth).send({})
    await api().post(`/api/v1/dept/tickets/${t._id}/supplement-request`).set(A.handlerHere.auth).send({ reason: '请补充窗口出具的一次性告知单照片' })

    // opened from the notice's link: the ticket, what was asked, and the form
    await as(A.requester, `pages/tickets/mine/index?id=${t._id}`)
    await testId(page, 'ticket-supplement-asked').filter({ hasText: '一次性告知单' }).waitFor()
    expect(await testId(page, 'my-ticket').first().getAttribute('data-id')).toBe(t._id)
    // the stored photo is shown through its signed link (the image loads)
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid=ticket-photos] img')).some((i) => (i as HTMLImageElement).naturalWidth > 0))
    await fill(page, 'ticket-supplement-text', '已补充一次性告知单照片')
    await attachPhoto('ticket-supplement-photos')
    await testId(page, 'ticket-supplement').locator('[data-testid=ticket-photo]').first().waitFor()
    await screenshot(page, 'ticket-supplement', { fullPage: true })
    await tap(page, 'ticket-supplement-submit')
    await testId(page, 'my-ticket-status').filter({ hasText: '办理中' }).first().waitFor()
    const done = (await Ticket.findById(t._id).lean())!
    expect(done.status).toBe('handling')
    expect(done.photos).toHaveLength(2)
    expect(done.timeline.at(-1)).toMatchObject({ action: 'supplement', text: '已补充一次性告知单照片' })
  })
})

describe('12345 administrator screen in the browser', () => {
  it('an administrator approves a handler’s extension and sees the month’s departments ranked in the 月通报 chart', async () => {
    const { page } = browser.phone
    const A = w.actors
    const body = { type: '投诉', categoryId: String(w.category._id), description: '拖欠工资三个月，要求尽快处理', contactMobile: '13812345678', regionCode: '140902' }
    const created = await api().post('/api/v1/tickets').set(A.requester.auth).send(body)
    const id = created.body.id as string
    await api().post(`/api/v1/dispatch/tickets/${id}/dispatch`).set(A.dispatcherHere.auth).send({})
    await api().post(`/api/v1/dept/tickets/${id}/accept`).set(A.handlerHere.auth).send({})
    const ext = await api().post(`/api/v1/dept/tickets/${id}/extension`).set(A.handlerHere.auth).send({ days: 5, reason: '需要劳动监察现场核查' })
    expect(ext.status).toBe(200)

    await as(A.adminHere, 'admin/hotline/index')
    await testId(page, 'hotline-ticket').first().waitFor()
    await tap(page, 'extension-approve')
    await testId(page, 'admin-hotline').locator('text=已同意延期').waitFor()
    expect((await Ticket.findById(id).lean())!.extension).toMatchObject({ status: 'approved', days: 5 })

    const month = id.slice(6, 10) + '-' + id.slice(10, 12)
    await tap(page, `report-month-${month}`)
    await testId(page, 'report-chart-bar').first().waitFor()
    expect(await testId(page, 'report-row').count()).toBeGreaterThanOrEqual(1)
    expect(await testId(page, 'report-row').first().textContent()).toContain(w.dept.name)
    expect(await overflowingElements(page)).toEqual([])
    await screenshot(page, 'admin-hotline', { fullPage: true })
  })
})
