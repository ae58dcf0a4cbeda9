import fs from 'node:fs/promises'
import path from 'node:path'
import { setNow } from '../../server/src/lib/clock'
import { Notification } from '../../server/src/modules/notifications/notification.model'
import { forgetTicketNumberHints } from '../../server/src/modules/tickets/ticket-numbers'
import { photoDir, TicketPhoto } from '../../server/src/modules/tickets/ticket-photos'
import { Ticket, TicketClaim } from '../../server/src/modules/tickets/ticket.model'
import { remindDueTickets } from '../../server/src/modules/tickets/tickets.service'
import { api } from '../helpers/app'
import type { Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { submitBody, submitTicket, useTicketWorld } from '../helpers/ticket-fixtures'

useTestDb()

const w = useTicketWorld()
const A = w.actors

const at = (local: string) => new Date(`${local}+08:00`)
const post = (s: Session, path: string, body?: Record<string, unknown>) => api().post(`/api/v1${path}`).set(s.auth).send(body ?? {})
const get = (s: Session, path: string) => api().get(`/api/v1${path}`).set(s.auth)
const dispatch = (s: Session, id: string, body: Record<string, unknown> = {}) => post(s, `/dispatch/tickets/${id}/dispatch`, body)
const accept = (s: Session, id: string) => post(s, `/dept/tickets/${id}/accept`)
const reply = (s: Session, id: string, text = '已协调制卡中心加急办理，3 个工作日内可领取新卡') => post(s, `/dept/tickets/${id}/reply`, { text })
const rate = (s: Session, id: string, satisfaction: string) => post(s, `/tickets/${id}/rate`, { satisfaction })
/** End (23:59:59 Asia/Shanghai) of a local date, as the API shows it. */
const endOf = (date: string) => new Date(`${date}T23:59:59+08:00`).toISOString()

describe('submission', () => {
  it('when a requester submits, then the ticket gets 12345-YYYYMMDD-NNNN, status 待受理 and the category, and only the requester sees the mobile in full', async () => {
    setNow(at('2026-11-02T09:00:00'))
    const res = await post(A.requester, '/tickets', submitBody(w.category._id))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'submitted', statusLabel: '待受理', type: '投诉', contactMobile: '13812345678', limitDays: 5 })
    expect(res.body.id).toMatch(/^12345-20261102-\d{4}$/)
    const seen = await get(A.dispatcherHere, `/tickets/${res.body.id}`)
    expect(seen.body.contactMobile).toBe('138****5678')
    expect((await get(A.otherCitizen, `/tickets/${res.body.id}`)).status).toBe(403)
    expect((await get(A.dispatcherOther, `/tickets/${res.body.id}`)).status).toBe(403)
  })

  it('when the body is wrong, then 400 names the field and nothing is stored', async () => {
    const before = await Ticket.countDocuments()
    const res = await post(A.requester, '/tickets', submitBody(w.category._id, { contactMobile: '12345', description: '' }))
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(await Ticket.countDocuments()).toBe(before)
  })

  it('when 50 requesters submit on the same day in parallel, then the day has numbers 0001…0050 exactly, and a fresh process continues at 0051', async () => {
    setNow(at('2026-11-20T10:00:00'))
    const results = await Promise.all(Array.from({ length: 50 }, () => post(A.requester, '/tickets', submitBody(w.category._id))))
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201))
    const numbers = results.map((r) => r.body.id as string).sort()
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `12345-20261120-${String(i + 1).padStart(4, '0')}`))
    forgetTicketNumberHints()
    expect((await post(A.requester, '/tickets', submitBody(w.category._id))).body.id).toBe('12345-20261120-0051')
  })
})

describe('deadlines in working days on the holiday calendar', () => {
  it('when dispatched on 2026-09-30, then 5 working days land on 2026-10-13 (Golden Week skipped, the 调休 Saturday 10-10 counted)', async () => {
    setNow(at('2026-09-30T10:00:00'))
    const id = await submitTicket(A.requester, w.category._id)
    const res = await dispatch(A.dispatcherHere, id)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'dispatched', replyDueAt: endOf('2026-10-13'), responseDueAt: endOf('2026-10-08') })
    expect(res.body.clock).toMatchObject({ kind: 'response', overdue: false })
  })

  it('when the ticket waits for 补充材料 and an extension is approved, then the deadline moves by the paused working days and the extension', async () => {
    setNow(at('2026-09-30T10:00:00'))
    const id = await submitTicket(A.requester, w.category._id)
    await dispatch(A.dispatcherHere, id)
    expect((await accept(A.handlerHere, id)).status).toBe(200)
    // paused on Friday 10-09, resumed on Monday 10-12: the 调休 Saturday 10-10 and Monday 10-12 are 2 working days
    setNow(at('2026-10-09T16:00:00'))
    const paused = await post(A.handlerHere, `/dept/tickets/${id}/supplement-request`, { reason: '请补充社保卡挂失回执照片' })
    expect(paused.body).toMatchObject({ status: 'awaiting_supplement', clock: { kind: 'paused', overdue: false } })
    setNow(at('2026-10-12T09:00:00'))
    const resumed = await post(A.requester, `/tickets/${id}/supplement`, { text: '挂失回执已补充，见照片' })
    expect(resumed.body).toMatchObject({ status: 'handling', pausedWorkingDays: 2, replyDueAt: endOf('2026-10-15') })
    // an extension of 3 working days, approved: 10-16, 10-19, 10-20
    expect((await post(A.handlerHere, `/dept/tickets/${id}/extension`, { days: 3, reason: '需要省制卡中心配合核查' })).body.extension).toMatchObject({ status: 'pending', days: 3 })
    expect((await post(A.handlerHere, `/dept/tickets/${id}/extension`, { days: 2, reason: '再次申请延期' })).status).toBe(422)
    const list = await get(A.adminHere, '/admin/tickets/extensions')
    expect(list.body.items.map((t: { id: string }) => t.id)).toContain(id)
    const approved = await post(A.adminHere, `/admin/tickets/${id}/extension-decision`, { approve: true, reason: '情况属实' })
    expect(approved.body).toMatchObject({ replyDueAt: endOf('2026-10-20'), extension: { status: 'approved', days: 3 } })
    expect((await get(A.adminHere, '/admin/tickets/extensions')).body.items.map((t: { id: string }) => t.id)).not.toContain(id)
    expect((await post(A.adminHere, `/admin/tickets/${id}/extension-decision`, { approve: false })).status).toBe(422)
  })

  it('when an extension is refused, then the deadline stays', async () => {
    setNow(at('2026-11-02T10:00:00'))
    const id = await submitTicket(A.requester, w.category._id)
    await dispatch(A.dispatcherHere, id)
    await accept(A.handlerHere, id)
    const before = (await get(A.handlerHere, `/tickets/${id}`)).body.replyDueAt
    await post(A.handlerHere, `/dept/tickets/${id}/extension`, { days: 10, reason: '需要现场勘查' })
    expect((await post(A.handlerHere, `/dept/tickets/${id}/extension`, { days: 11, reason: '超过上限' })).status).toBe(400)
    const refused = await post(A.adminHere, `/admin/tickets/${id}/extension-decision`, { approve: false, reason: '不属于复杂情形' })
    expect(refused.body).toMatchObject({ replyDueAt: before, extension: { status: 'refused' } })
  })

  it('when a 紧急 ticket is dispatched, then first response is due 2 hours later and the clock shows the time left and, later, how long overdue', async () => {
    setNow(at('2026-11-03T10:00:00'))
    const id = await submitTicket(A.requester, w.category._id)
    const res = await dispatch(A.dispatcherHere, id, { urgent: true })
    expect(new Date(res.body.responseDueAt).getTime() - new Date(res.body.dispatchedAt).getTime()).toBe(2 * 3_600_000)
    expect(res.body.clock).toMatchObject({ kind: 'response', minutesLeft: 120, label: '签收剩余 2 小时', overdue: false })
    setNow(at('2026-11-03T13:30:00'))
    expect((await get(A.handlerHere, `/tickets/${id}`)).body.clock).toMatchObject({ overdue: true, minutesLeft: -90, label: '签收已超时 1 小时 30 分钟' })
  })

  it('when a department returns a ticket after 2 working days, then it is refused; within them it goes back to the queue and is re-dispatched (改派)', async () => {
    setNow(at('2026-09-30T10:00:00'))
    const late = await submitTicket(A.requester, w.category._id)
    const inTime = await submitTicket(A.requester, w.category._id)
    await dispatch(A.dispatcherHere, late)
    await dispatch(A.dispatcherHere, inTime)
    // 2 working days after 09-30: 10-08, 10-09
    setNow(at('2026-10-09T17:00:00'))
    const ok = await post(A.handlerHere, `/dept/tickets/${inTime}/return`, { reason: '该事项属于市医保局职责' })
    expect(ok.body).toMatchObject({ status: 'returned', returns: 1 })
    expect((await get(A.dispatcherHere, '/dispatch/tickets')).body.items[0].id).toBe(inTime)
    setNow(at('2026-10-10T09:00:00'))
    const refused = await post(A.handlerHere, `/dept/tickets/${late}/return`, { reason: '不属于本部门职责' })
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe('RULE_VIOLATION')
    const redispatched = await dispatch(A.dispatcherHere, inTime, { departmentId: String(w.dept2._id) })
    expect(redispatched.body).toMatchObject({ status: 'dispatched', departmentId: String(w.dept2._id) })
    expect(redispatched.body.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'dispatch', 'return', 'redispatch'])
    expect((await accept(A.handlerHere, inTime)).status).toBe(403)
    expect((await accept(A.handler2, inTime)).status).toBe(200)
  })
})

describe('the whole life cycle through HTTP', () => {
  it('submit → 派单 → 退单 → 改派 → 签收 → 补充材料 → 答复 → 不满意 (重办) → 答复 → 不满意 → 办结 → 归档, each step recorded once with who and when', async () => {
    setNow(at('2026-11-09T09:00:00'))
    const id = await submitTicket(A.requester, w.category._id)
    expect((await dispatch(A.dispatcherHere, id)).status).toBe(200)
    expect((await post(A.handlerHere, `/dept/tickets/${id}/return`, { reason: '医保卡问题请派市医保局' })).status).toBe(200)
    expect((await dispatch(A.dispatcherCity, id, { departmentId: String(w.dept2._id), note: '改派市医保局' })).status).toBe(200)
    expect((await accept(A.handler2, id)).status).toBe(200)
    expect((await post(A.handler2, `/dept/tickets/${id}/supplement-request`, { reason: '请补充身份证照片' })).status).toBe(200)
    expect((await post(A.requester, `/tickets/${id}/supplement`, { text: '已补充身份证照片' })).status).toBe(200)
    expect((await reply(A.handler2, id)).status).toBe(200)
    const mine = await get(A.requester, '/tickets/mine?status=replied')
    expect(mine.body.items.find((t: { id: string }) => t.id === id)).toMatchObject({ status: 'replied', canRate: true })
    const rework = await rate(A.requester, id, '不满意')
    expect(rework.body).toMatchObject({ status: 'handling', reworked: true, satisfaction: '不满意' })
    expect((await reply(A.handler2, id, '已当面送达新卡并致歉')).status).toBe(200)
    const closed = await rate(A.requester, id, '不满意')
    expect(closed.body).toMatchObject({ status: 'closed', statusLabel: '已办结' })
    expect((await post(A.adminOther, `/admin/tickets/${id}/archive`)).status).toBe(403)
    const archived = await post(A.adminHere, `/admin/tickets/${id}/archive`)
    expect(archived.body.status).toBe('archived')
    const tl = archived.body.timeline as { seq: number; action: string; byRole: string; at: string; from?: string; to: string }[]
    expect(tl.map((e) => e.action)).toEqual(['submit', 'dispatch', 'return', 'redispatch', 'accept', 'request_supplement', 'supplement', 'reply', 'rework', 'reply', 'rate', 'archive'])
    expect(tl.map((e) => e.byRole)).toEqual(['citizen', 'dispatcher', 'handler', 'dispatcher', 'handler', 'handler', 'citizen', 'handler', 'citizen', 'handler', 'citizen', 'admin'])
    expect(tl.map((e) => e.seq)).toEqual(tl.map((_, i) => i + 1))
    // one claim per step
    expect(await TicketClaim.countDocuments({ _id: { $in: tl.slice(1).map((e) => `${id}#${e.seq}`) } })).toBe(tl.length - 1)
    // the requester got notices for the supplement request and both replies
    expect(await Notification.countDocuments({ userId: A.requester.id, _id: { $regex: `^tk-(supp|reply):${id}` } })).toBe(3)
  })

  it('重办 happens only once: a second 不满意 closes the ticket', async () => {
    const id = await submitTicket(A.requester, w.category._id)
    await dispatch(A.dispatcherHere, id)
    await accept(A.handlerHere, id)
    await reply(A.handlerHere, id)
    expect((await rate(A.requester, id, '不满意')).body.status).toBe('handling')
    await reply(A.handlerHere, id)
    expect((await rate(A.requester, id, '不满意')).body).toMatchObject({ status: 'closed', reworked: true })
    expect((await rate(A.requester, id, '满意')).status).toBe(422)
  })

  it('并单: a repeated submission of the same person joins the open ticket; another person’s cannot', async () => {
    const first = await submitTicket(A.requester, w.category._id)
    const again = await submitTicket(A.requester, w.category._id)
    const stranger = await submitTicket(A.otherCitizen, w.category._id)
    expect((await post(A.dispatcherHere, `/dispatch/tickets/${stranger}/merge`, { intoId: first })).status).toBe(422)
    const merged = await post(A.dispatcherHere, `/dispatch/tickets/${again}/merge`, { intoId: first })
    expect(merged.body).toMatchObject({ status: 'merged', mergedInto: first })
    expect((await get(A.requester, `/tickets/${first}`)).body.mergedIds).toEqual([again])
    expect((await get(A.dispatcherHere, '/dispatch/tickets')).body.items.map((t: { id: string }) => t.id)).not.toContain(again)
  })

  it('即问即答: a 咨询 answered by the dispatcher is closed at once; a 投诉 cannot be', async () => {
    const q = await submitTicket(A.requester, w.category._id, { type: '咨询', description: '社保卡丢了在哪里补办？需要带什么材料？' })
    const c = await submitTicket(A.requester, w.category._id)
    const res = await post(A.dispatcherHere, `/dispatch/tickets/${q}/answer`, { text: '携带身份证到任一社保卡服务网点即可补办，立等可取' })
    expect(res.body).toMatchObject({ status: 'closed', reply: '携带身份证到任一社保卡服务网点即可补办，立等可取' })
    expect((await post(A.dispatcherHere, `/dispatch/tickets/${c}/answer`, { text: '请到窗口咨询办理' })).status).toBe(422)
  })
})

describe('transitions × actors', () => {
  /** Moves a fresh ticket to a state through the API. */
  async function ticketIn(state: 'submitted' | 'dispatched' | 'handling' | 'replied' | 'closed', type = '投诉'): Promise<string> {
    const id = await submitTicket(A.requester, w.category._id, { type })
    if (state === 'submitted') return id
    await dispatch(A.dispatcherHere, id)
    if (state === 'dispatched') return id
    await accept(A.handlerHere, id)
    if (state === 'handling') return id
    await reply(A.handlerHere, id)
    if (state === 'replied') return id
    await rate(A.requester, id, '满意')
    return id
  }

  const everyone = () => ({
    requester: A.requester,
    otherCitizen: A.otherCitizen,
    staff: A.staff,
    dispatcherCity: A.dispatcherCity,
    dispatcherHere: A.dispatcherHere,
    dispatcherOther: A.dispatcherOther,
    handlerHere: A.handlerHere,
    handlerOther: A.handlerOther,
    adminHere: A.adminHere,
    adminOther: A.adminOther,
  })

  const CASES: { name: string; state: Parameters<typeof ticketIn>[0]; type?: string; path: (id: string) => string; body: Record<string, unknown>; allowed: string[] }[] = [
    { name: 'dispatch', state: 'submitted', path: (id) => `/dispatch/tickets/${id}/dispatch`, body: {}, allowed: ['dispatcherCity', 'dispatcherHere'] },
    { name: 'answer', state: 'submitted', type: '咨询', path: (id) => `/dispatch/tickets/${id}/answer`, body: { text: '请携带身份证办理' }, allowed: ['dispatcherCity', 'dispatcherHere'] },
    { name: 'accept', state: 'dispatched', path: (id) => `/dept/tickets/${id}/accept`, body: {}, allowed: ['handlerHere'] },
    { name: 'return', state: 'dispatched', path: (id) => `/dept/tickets/${id}/return`, body: { reason: '不属于本部门' }, allowed: ['handlerHere'] },
    { name: 'supplement-request', state: 'handling', path: (id) => `/dept/tickets/${id}/supplement-request`, body: { reason: '请补充照片' }, allowed: ['handlerHere'] },
    { name: 'extension', state: 'handling', path: (id) => `/dept/tickets/${id}/extension`, body: { days: 2, reason: '需要会商' }, allowed: ['handlerHere'] },
    { name: 'reply', state: 'handling', path: (id) => `/dept/tickets/${id}/reply`, body: { text: '已办理完毕' }, allowed: ['handlerHere'] },
    { name: 'rate', state: 'replied', path: (id) => `/tickets/${id}/rate`, body: { satisfaction: '满意' }, allowed: ['requester'] },
    { name: 'archive', state: 'closed', path: (id) => `/admin/tickets/${id}/archive`, body: {}, allowed: ['adminHere'] },
  ]

  it.each(CASES.map((c) => [c.name, c] as const))('%s: only its actors, refused callers get 403 (anonymous 401)', async (_n, c) => {
    const id = await ticketIn(c.state, c.type)
    const observed: Record<string, number> = {}
    const expected: Record<string, number> = {}
    const allowed = c.allowed
    for (const [name, s] of Object.entries(everyone())) {
      if (allowed.includes(name)) continue
      observed[name] = (await post(s, c.path(id), c.body)).status
      expected[name] = 403
    }
    observed.anonymous = (await api().post(`/api/v1${c.path(id)}`).send(c.body)).status
    expected.anonymous = 401
    expect(observed).toEqual(expected)
    if (allowed.length) expect((await post(everyone()[allowed[allowed.length - 1] as keyof ReturnType<typeof everyone>], c.path(id), c.body)).status).toBe(200)
  })

  it.each([
    ['dispatch a ticket being handled', 'handling', (id: string) => post(A.dispatcherHere, `/dispatch/tickets/${id}/dispatch`)],
    ['accept a ticket twice', 'handling', (id: string) => accept(A.handlerHere, id)],
    ['reply before accepting', 'dispatched', (id: string) => reply(A.handlerHere, id)],
    ['rate before the reply', 'handling', (id: string) => rate(A.requester, id, '满意')],
    ['supplement without a request', 'handling', (id: string) => post(A.requester, `/tickets/${id}/supplement`, { text: '补充说明材料' })],
    ['archive an open ticket', 'replied', (id: string) => post(A.adminHere, `/admin/tickets/${id}/archive`)],
    ['return a closed ticket', 'closed', (id: string) => post(A.handlerHere, `/dept/tickets/${id}/return`, { reason: '不属于本部门' })],
  ] as const)('a transition from a wrong state is refused with 422 INVALID_STATE: %s', async (_n, state, call) => {
    const id = await ticketIn(state)
    const res = await call(id)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('INVALID_STATE')
  })
})

describe('concurrency', () => {
  it('when two dispatchers dispatch the same ticket at once, then one wins, the other gets 409, and one step is recorded', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await submitTicket(A.requester, w.category._id)
      const [a, b] = await Promise.all([
        dispatch(A.dispatcherCity, id, { departmentId: String(w.dept._id) }),
        dispatch(A.dispatcherHere, id, { departmentId: String(w.dept2._id) }),
      ])
      expect([a.status, b.status].sort()).toEqual([200, 409])
      const winner = a.status === 200 ? a : b
      const t = (await get(A.adminHere, `/tickets/${id}`)).body
      expect(t.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'dispatch'])
      expect(t.departmentId).toBe(winner.body.departmentId)
    }
  })
})

describe('handler list and reminders', () => {
  it('lists overdue first, then soon due, then the rest, and reminds each handler once per deadline', async () => {
    setNow(at('2026-11-16T09:00:00'))
    const later = await submitTicket(A.requester, w.complexCategory._id)
    const overdue = await submitTicket(A.requester, w.category._id)
    const soon = await submitTicket(A.requester, w.category._id)
    await dispatch(A.dispatcherHere, later)
    await accept(A.handlerHere, later)
    await dispatch(A.dispatcherHere, overdue, { urgent: true })
    setNow(at('2026-11-16T15:00:00'))
    await dispatch(A.dispatcherHere, soon)
    // the next morning: the urgent one is overdue, the other is due tonight (签收 by the end of the next working day)
    setNow(at('2026-11-17T09:00:00'))
    const list = await get(A.handlerHere, '/dept/tickets')
    const ids = list.body.items.map((t: { id: string }) => t.id)
    expect([ids.indexOf(overdue), ids.indexOf(soon), ids.indexOf(later)].every((i) => i >= 0)).toBe(true)
    expect(ids.indexOf(overdue)).toBeLessThan(ids.indexOf(soon))
    expect(ids.indexOf(soon)).toBeLessThan(ids.indexOf(later))
    expect(list.body.items[ids.indexOf(overdue)].clock.overdue).toBe(true)

    const first = await remindDueTickets()
    expect(first).toBeGreaterThanOrEqual(2)
    expect(await remindDueTickets()).toBe(0)
    const mine = await Notification.find({ accountId: A.handlerHere.id, kind: 'ticket_due' }).lean()
    expect(mine.filter((n) => n.body.includes(overdue))).toHaveLength(1)
    expect(mine.filter((n) => n.body.includes(soon))).toHaveLength(1)
    expect(mine.filter((n) => n.body.includes(later))).toHaveLength(0)
  })
})

describe('photos (multipart upload, personal data)', () => {
  // the smallest valid PNG (1×1) and a JPEG header: the type is read from the bytes, not from the name
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
  const upload = (s: Session | undefined, bytes: Buffer, filename = 'photo.png') => {
    const req = api().post('/api/v1/tickets/photos')
    return (s ? req.set(s.auth) : req).attach('photo', bytes, { filename, contentType: 'image/png' })
  }

  it('when a requester uploads a photo and submits with it, then only the requester, the dispatchers of its region, the handlers of its department and its administrators can open it', async () => {
    const up = await upload(A.requester, PNG)
    expect(up.status).toBe(201)
    expect(up.body.url).toMatch(/^\/api\/v1\/tickets\/photos\/[a-f0-9]{32}\.png$/)
    const name = (up.body.url as string).split('/').pop()!
    expect((await fs.readFile(path.join(photoDir(), name))).equals(PNG)).toBe(true)
    // before it is on a ticket: the uploader only
    expect((await api().get(up.body.url).set(A.requester.auth)).status).toBe(200)
    expect((await api().get(up.body.url).set(A.dispatcherHere.auth)).status).toBe(403)

    const res = await post(A.requester, '/tickets', submitBody(w.category._id, { photos: [up.body.url] }))
    expect(res.status).toBe(201)
    expect(res.body.photos).toEqual([up.body.url])
    expect((await TicketPhoto.findById(name).lean())!.ticketId).toBe(res.body.id)
    const id = res.body.id as string
    await dispatch(A.dispatcherHere, id)

    for (const s of [A.requester, A.dispatcherHere, A.dispatcherCity, A.handlerHere, A.adminHere]) {
      const got = await api().get(up.body.url).set(s.auth).buffer(true)
      expect(got.status).toBe(200)
      expect(got.headers['content-type']).toBe('image/png')
      expect(Buffer.from(got.body).equals(PNG)).toBe(true)
    }
    for (const s of [A.otherCitizen, A.dispatcherOther, A.handlerOther, A.handler2, A.adminOther]) {
      expect((await api().get(up.body.url).set(s.auth)).status).toBe(403)
    }
    expect((await api().get(up.body.url)).status).toBe(401)

    // the signed link of the ticket view opens it without a token (an image element sends none); a forged one does not
    const view = await get(A.handlerHere, `/tickets/${id}`)
    const link = view.body.photoLinks[0] as string
    expect(link.startsWith(`${up.body.url}?exp=`)).toBe(true)
    expect((await api().get(link)).status).toBe(200)
    const forged = link.replace(/sig=(.)/, (_, c: string) => `sig=${c === '0' ? '1' : '0'}`)
    expect((await api().get(forged)).status).toBe(403)
    setNow(new Date(Date.now() + 3 * 3_600_000))
    expect((await api().get(link)).status).toBe(403)
  })

  it('when the file is too large, not an image, or missing, then 413 / 415 / 400 and nothing is stored', async () => {
    const before = await TicketPhoto.countDocuments()
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)])
    expect((await upload(A.requester, big)).status).toBe(413)
    const fake = await upload(A.requester, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'photo.png')
    expect(fake.status).toBe(415)
    expect(fake.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    expect((await post(A.requester, '/tickets/photos', { photo: 'x' })).status).toBe(415)
    expect((await api().post('/api/v1/tickets/photos').set(A.requester.auth).field('note', 'x')).status).toBe(400)
    expect((await upload(undefined, PNG)).status).toBe(401)
    expect((await upload(A.handlerHere, PNG)).status).toBe(403)
    expect(await TicketPhoto.countDocuments()).toBe(before)
  })

  it('when a requester submits a photo of someone else, or one already on another ticket, then 400 names the photo and no ticket is stored', async () => {
    const theirs = (await upload(A.otherCitizen, PNG)).body.url as string
    const before = await Ticket.countDocuments()
    const res = await post(A.requester, '/tickets', submitBody(w.category._id, { photos: [theirs] }))
    expect(res.status).toBe(400)
    expect(res.body.error.details.issues[0].path).toBe('photos.0')
    const mine = (await upload(A.requester, PNG)).body.url as string
    expect((await post(A.requester, '/tickets', submitBody(w.category._id, { photos: [mine] }))).status).toBe(201)
    expect((await post(A.requester, '/tickets', submitBody(w.category._id, { photos: [mine] }))).status).toBe(400)
    expect(await Ticket.countDocuments()).toBe(before + 1)
    const four = await Promise.all([1, 2, 3, 4].map(async () => (await upload(A.requester, PNG)).body.url as string))
    expect((await post(A.requester, '/tickets', submitBody(w.category._id, { photos: four }))).status).toBe(400)
  })

  it('when the requester sends 补充材料 with a photo, then the photo joins the ticket and its handlers can open it', async () => {
    const id = await submitTicket(A.requester, w.category._id)
    await dispatch(A.dispatcherHere, id)
    await accept(A.handlerHere, id)
    await post(A.handlerHere, `/dept/tickets/${id}/supplement-request`, { reason: '请补充社保卡挂失回执照片' })
    const url = (await upload(A.requester, PNG)).body.url as string
    const res = await post(A.requester, `/tickets/${id}/supplement`, { text: '已补充挂失回执照片', photos: [url] })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'handling', photos: [url] })
    expect((await api().get(url).set(A.handlerHere.auth)).status).toBe(200)
  })
})
