import mongoose from 'mongoose'
import { setNow } from '../../server/src/lib/clock'
import { Notification } from '../../server/src/modules/notifications/notification.model'
import { StepClaim as RatingClaim } from '../../server/src/lib/step-claims'
import { Rating, RatingSweep } from '../../server/src/modules/ratings/rating.model'
import { repairWorkOrders } from '../../server/src/modules/ratings/ratings.service'
import { WorkOrder } from '../../server/src/modules/work-orders/work-order.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { at, CITY, makeHall, ratedPoint, servedBooking, XINFU, YUANPING, type FixtureHall, type FixtureService } from '../helpers/rating-fixtures'

useTestDb()

let hall: FixtureHall
let service: FixtureService
let staff: Session
let cityAdmin: Session

beforeAll(async () => {
  const point = await ratedPoint({ name: '忻府区政务服务中心', regionCode: XINFU })
  service = point.service
  hall = point.hall
  staff = await account({ role: 'staff', hallIds: [hall._id] })
  cityAdmin = await account({ role: 'admin', regionCode: CITY })
})
afterEach(() => setNow(undefined))

const BAD = { level: 1, tags: ['态度不好', '一次告知不清'], comment: '窗口人员态度冷淡，材料要求没有一次说清' }

/** A citizen gives a 差评 on a booking served at `when` (business time set to `when` + 1 hour). */
async function badRating(opts: { when?: Date; hall?: FixtureHall; rater?: Session; name?: string } = {}) {
  const rater = opts.rater ?? (await citizen())
  const servedAt = opts.when ?? new Date(Date.now() - 60 * 60 * 1000)
  const b = await servedBooking({ userId: rater.id, hall: opts.hall ?? hall, service, servedAt, applicantName: opts.name ?? '王晓明' })
  if (opts.when) setNow(new Date(servedAt.getTime() + 60 * 60 * 1000))
  const res = await api().post('/api/v1/ratings').set(rater.auth).send({ bookingId: b.id, ...BAD })
  expect(res.status).toBe(201)
  const order = (await WorkOrder.findOne({ ratingId: res.body.id }).lean())!
  return { rater, ratingId: res.body.id as string, orderId: order._id.toString() }
}

const verify = (s: Session, id: string, body: Record<string, unknown>) => api().post(`/api/v1/staff/work-orders/${id}/verify`).set(s.auth).send(body)
const reply = (s: Session, id: string, text = '已对窗口人员进行批评教育，并在窗口张贴一次性告知单') =>
  api().post(`/api/v1/staff/work-orders/${id}/reply`).set(s.auth).send({ text })
const revisit = (s: Session, ratingId: string, satisfaction: string) => api().post(`/api/v1/ratings/${ratingId}/revisit`).set(s.auth).send({ satisfaction })
const decide = (s: Session, id: string, body: Record<string, unknown>) =>
  api().post(`/api/v1/admin/work-orders/${id}/appeal-decision`).set(s.auth).send(body)
const REJECT = { valid: false, category: '误评', reason: '评价人所述时段该窗口未办理其业务' }

describe('deadlines in working days across Golden Week (official 2026 schedule)', () => {
  it('when a 差评 comes on 2026-09-30, then it must be verified by 2026-10-08 23:59:59 and is overdue a second later', async () => {
    const { orderId } = await badRating({ when: at('2026-09-30', '09:00') })
    const order = (await WorkOrder.findById(orderId).lean())!
    expect(order.verifyDeadline.toISOString()).toBe('2026-10-08T15:59:59.000Z')
    const view = await api().get(`/api/v1/staff/work-orders/${orderId}`).set(staff.auth)
    expect(view.body).toMatchObject({ verifyDeadline: '2026-10-08T15:59:59.000Z', dueAt: '2026-10-08T15:59:59.000Z', overdue: false })

    setNow(new Date('2026-10-08T23:59:00+08:00'))
    expect((await api().get(`/api/v1/staff/work-orders/${orderId}`).set(staff.auth)).body.overdue).toBe(false)
    setNow(new Date('2026-10-09T00:00:01+08:00'))
    expect((await api().get(`/api/v1/staff/work-orders/${orderId}`).set(staff.auth)).body.overdue).toBe(true)
    // overdue is read from the clock, never stored
    expect((await WorkOrder.findById(orderId).lean()) as object).not.toHaveProperty('overdue')
  })

  it('when it is verified on 2026-10-08, then the reply is due 5 working days later: 2026-10-14 (10-10 is a 调休 workday)', async () => {
    const { orderId } = await badRating({ when: at('2026-09-30', '15:00') })
    setNow(at('2026-10-08', '09:30'))
    const res = await verify(staff, orderId, { valid: true })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'rectifying', replyDeadline: '2026-10-14T15:59:59.000Z', dueAt: '2026-10-14T15:59:59.000Z', overdue: false })
    setNow(at('2026-10-15', '08:00'))
    expect((await api().get(`/api/v1/staff/work-orders/${orderId}`).set(staff.auth)).body.overdue).toBe(true)
  })

  it("when the point allows 3 working days, then the reply deadline follows the point's setting", async () => {
    const quick = await makeHall({ rectifyDays: 3 })
    const s = await account({ role: 'staff', hallIds: [quick._id] })
    const { orderId } = await badRating({ when: at('2026-09-30', '09:00'), hall: quick })
    setNow(at('2026-10-08', '10:00'))
    expect((await verify(s, orderId, { valid: true })).body.replyDeadline).toBe('2026-10-12T15:59:59.000Z')
  })
})

describe('the work-order path', () => {
  it('when valid → replied → followed up, then the order closes and the rater is kept informed', async () => {
    const { rater, ratingId, orderId } = await badRating({ name: '欧阳娜娜' })
    const open = await api().get(`/api/v1/staff/work-orders/${orderId}`).set(staff.auth)
    expect(open.status).toBe(200)
    expect(open.body).toMatchObject({ status: 'pending_verification', hallName: '忻府区政务服务中心', serviceName: '个体工商户设立登记' })
    expect(open.body.rating).toMatchObject({ level: 1, tags: BAD.tags, comment: BAD.comment, raterName: '欧***' })
    expect(JSON.stringify(open.body)).not.toContain(rater.id)
    expect(JSON.stringify(open.body)).not.toContain('欧阳娜娜')

    expect((await reply(staff, orderId)).body.error.code).toBe('INVALID_STATE') // not verified yet
    expect((await revisit(rater, ratingId, '满意')).body.error.code).toBe('INVALID_STATE') // nothing to follow up yet

    expect((await verify(staff, orderId, { valid: true, reason: '调取监控属实' })).body).toMatchObject({ status: 'rectifying', verification: { valid: true } })
    const replied = await reply(staff, orderId)
    expect(replied.status).toBe(200)
    expect(replied.body).toMatchObject({ status: 'replied', statusLabel: '已整改答复', overdue: false, reply: { text: expect.stringContaining('一次性告知单') } })
    expect((await reply(staff, orderId, '重复答复内容')).body.error.code).toBe('INVALID_STATE')
    const notice = await Notification.findById(`wo-reply:${orderId}`).lean()
    expect(notice?.userId?.toString()).toBe(rater.id)

    const mine = await api().get('/api/v1/ratings/mine').set(rater.auth)
    expect(mine.body.items[0].workOrder).toMatchObject({ status: 'replied', canRevisit: true, reply: { text: expect.any(String) } })

    const other = await citizen()
    expect((await revisit(other, ratingId, '满意')).status).toBe(403)
    const done = await revisit(rater, ratingId, '基本满意')
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ status: 'closed', revisit: { satisfaction: '基本满意' }, canRevisit: false })
    expect((await revisit(rater, ratingId, '不满意')).body.error.code).toBe('INVALID_STATE')

    const stored = (await WorkOrder.findById(orderId).lean())!
    expect(stored).toMatchObject({ status: 'closed', revisit: { satisfaction: '基本满意' }, dueRank: 1 })
    expect(stored.closedAt).toBeInstanceOf(Date)
    expect(stored.dueAt).toBeNull()
  })

  it('when a rejection lacks a category or a reason, or the body smuggles fields, then 400 and nothing changes', async () => {
    const { orderId } = await badRating()
    for (const body of [
      { valid: false, reason: '评价人所述时段该窗口未办理其业务' },
      { valid: false, category: '恶意' },
      { valid: false, category: '恶意', reason: '不对' },
      { valid: false, category: '其他', reason: '评价人所述时段该窗口未办理其业务' },
      { valid: true, category: '误评' },
      { valid: true, status: 'closed' },
    ]) {
      const res = await verify(staff, orderId, body)
      expect(res.status).toBe(400)
    }
    expect((await WorkOrder.findById(orderId).lean())!.status).toBe('pending_verification')
  })

  it('when rejected as 误评 and the appeal is upheld, then the rejection stands and no second appeal is possible', async () => {
    const { rater, ratingId, orderId } = await badRating()
    const rejected = await verify(staff, orderId, REJECT)
    expect(rejected.body).toMatchObject({ status: 'rejected', verification: { valid: false, category: '误评' }, overdue: false })
    expect(await Notification.countDocuments({ _id: `wo-rejected:${orderId}`, userId: rater.id })).toBe(1)
    expect((await reply(staff, orderId)).body.error.code).toBe('INVALID_STATE')
    expect((await decide(cityAdmin, orderId, { uphold: true, reason: '尚无申诉可审核' })).body.error.code).toBe('INVALID_STATE')

    const other = await citizen()
    expect((await api().post(`/api/v1/ratings/${ratingId}/appeal`).set(other.auth).send({ reason: '我替他申诉一下' })).status).toBe(403)
    const appealed = await api().post(`/api/v1/ratings/${ratingId}/appeal`).set(rater.auth).send({ reason: '当天确实在该窗口排队两小时，有取号凭证' })
    expect(appealed.status).toBe(200)
    expect(appealed.body).toMatchObject({ status: 'appealed', canAppeal: false, appeal: { reason: expect.any(String) } })

    expect((await decide(staff, orderId, { uphold: true, reason: '窗口人员不能审核' })).status).toBe(403)
    const countyAdmin = await account({ role: 'admin', regionCode: YUANPING })
    expect((await decide(countyAdmin, orderId, { uphold: true, reason: '不属于本区域' })).status).toBe(403)
    const upheld = await decide(cityAdmin, orderId, { uphold: true, reason: '经调取叫号记录，评价人当日未在该窗口办理' })
    expect(upheld.status).toBe(200)
    expect(upheld.body).toMatchObject({ status: 'rejected', appealDecision: { uphold: true }, overdue: false })
    expect(await Notification.countDocuments({ _id: `wo-decision:${orderId}` })).toBe(1)

    const again = await api().post(`/api/v1/work-orders/${orderId}/appeal`).set(rater.auth).send({ reason: '我还要再申诉一次' })
    expect(again.status).toBe(422)
    expect(again.body.error.code).toBe('INVALID_STATE')
    expect((await WorkOrder.findById(orderId).lean())!).toMatchObject({ status: 'rejected', appealDecision: { uphold: true } })
  })

  it('when the appeal overturns the rejection, then the order goes to rectification with a new reply deadline', async () => {
    const { rater, ratingId, orderId } = await badRating({ when: at('2026-06-01', '10:00') })
    setNow(at('2026-06-02', '09:00'))
    await verify(staff, orderId, { valid: false, category: '恶意', reason: '评论包含与业务无关的攻击性内容' })
    const appealed = await api().post(`/api/v1/work-orders/${orderId}/appeal`).set(rater.auth).send({ reason: '我反映的问题属实，请复核' })
    expect(appealed.status).toBe(200)
    setNow(at('2026-06-03', '16:00'))
    const overturned = await decide(cityAdmin, orderId, { uphold: false, reason: '复核认为评价内容属实，不属于恶意差评' })
    expect(overturned.status).toBe(200)
    // 5 working days after Wed 06-03: 04, 05, 08, 09, 10
    expect(overturned.body).toMatchObject({ status: 'rectifying', replyDeadline: '2026-06-10T15:59:59.000Z', appealDecision: { uphold: false } })
    expect((await reply(staff, orderId)).body.status).toBe('replied')
    expect((await revisit(rater, ratingId, '满意')).body.status).toBe('closed')
  })

  it('when the administrator who rejected a 差评 decides the appeal against it, then 403', async () => {
    const { rater, orderId } = await badRating()
    await verify(cityAdmin, orderId, REJECT)
    await api().post(`/api/v1/work-orders/${orderId}/appeal`).set(rater.auth).send({ reason: '确实是这个窗口办理的业务' })
    const res = await decide(cityAdmin, orderId, { uphold: true, reason: '我维持我自己的决定' })
    expect(res.status).toBe(403)
    const colleague = await account({ role: 'admin', regionCode: CITY })
    expect((await decide(colleague, orderId, { uphold: false, reason: '复核后认为评价属实' })).body.status).toBe('rectifying')
  })
})

describe('concurrency of steps', () => {
  it('when two staff verify one order at once (valid vs rejected), then one wins and one verification is stored', async () => {
    const colleague = await account({ role: 'staff', hallIds: [hall._id] })
    const { orderId } = await badRating()
    const results = await Promise.all([verify(staff, orderId, { valid: true }), verify(colleague, orderId, REJECT)])
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    const loser = results.find((r) => r.status !== 200)!
    expect(['CONFLICT', 'INVALID_STATE']).toContain(loser.body.error.code)
    const winner = results.find((r) => r.status === 200)!
    const stored = (await WorkOrder.findById(orderId).lean())!
    expect(stored.status).toBe(winner.body.status)
    expect(await RatingClaim.countDocuments({ _id: `wo:${orderId}:verify` })).toBe(1)
  })

  it('when ten replies race, then one reply is stored and one notice queued', async () => {
    const { orderId } = await badRating()
    await verify(staff, orderId, { valid: true })
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => reply(staff, orderId, `整改答复第${i}版内容`)))
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    const text = results.find((r) => r.status === 200)!.body.reply.text
    expect((await WorkOrder.findById(orderId).lean())!.reply!.text).toBe(text)
    expect(await Notification.countDocuments({ _id: `wo-reply:${orderId}` })).toBe(1)
  })

  it('when a verification was claimed but its write was lost, then the next attempt completes it and is refused', async () => {
    const { orderId } = await badRating()
    const when = new Date()
    await RatingClaim.create({
      _id: `wo:${orderId}:verify`,
      at: when,
      by: staff.id,
      changes: { status: 'rectifying', verification: { valid: true, by: staff.id, at: when }, replyDeadline: when, dueAt: when, dueRank: 0 },
    })
    const res = await verify(staff, orderId, REJECT)
    expect(res.status).toBe(409)
    expect((await WorkOrder.findById(orderId).lean())!).toMatchObject({ status: 'rectifying', verification: { valid: true } })
  })

  it('when a 差评 was stored but its order never opened, then the repair job opens exactly one', async () => {
    const { ratingId, orderId } = await badRating()
    await WorkOrder.deleteOne({ _id: orderId })
    await RatingSweep.deleteMany({})
    await Promise.all([repairWorkOrders(), repairWorkOrders()])
    const orders = await WorkOrder.find({ ratingId }).lean()
    expect(orders).toHaveLength(1)
    expect(orders[0].status).toBe('pending_verification')
    expect(await Rating.countDocuments({ _id: ratingId })).toBe(1)
  })
})

describe('who sees which orders, in which order', () => {
  it('when staff of another point, a citizen or an administrator of another region ask, then 403', async () => {
    const { orderId } = await badRating()
    const stranger = await account({ role: 'staff', hallIds: [new mongoose.Types.ObjectId()] })
    const farAdmin = await account({ role: 'admin', regionCode: YUANPING })
    expect((await api().get(`/api/v1/staff/work-orders/${orderId}`).set(stranger.auth)).status).toBe(403)
    expect((await verify(stranger, orderId, { valid: true })).status).toBe(403)
    expect((await api().get(`/api/v1/staff/work-orders/${orderId}`).set(farAdmin.auth)).status).toBe(403)
    expect((await api().get('/api/v1/staff/work-orders').set((await citizen()).auth)).status).toBe(403)
    expect((await api().get('/api/v1/staff/work-orders').query({ hallId: hall.id }).set(stranger.auth)).status).toBe(403)
    const list = await api().get('/api/v1/staff/work-orders').set(stranger.auth)
    expect(list.body.items.map((o: { id: string }) => o.id)).not.toContain(orderId)
    expect((await api().get(`/api/v1/staff/work-orders/${new mongoose.Types.ObjectId()}`).set(staff.auth)).status).toBe(404)
    expect((await WorkOrder.findById(orderId).lean())!.status).toBe('pending_verification')
  })

  it('when a point has orders in several states, then due ones come first, overdue first, then by deadline', async () => {
    const point = await makeHall({ name: '忻府区长征街便民服务中心' })
    const desk = await account({ role: 'staff', hallIds: [point._id] })
    const first = await badRating({ hall: point, when: at('2026-06-01', '09:00') }) // verify by 06-02: overdue at 06-03
    const rejected = await badRating({ hall: point, when: at('2026-06-01', '11:00') })
    await verify(desk, rejected.orderId, REJECT) // nothing due
    const second = await badRating({ hall: point, when: at('2026-06-03', '09:00') }) // verify by 06-04
    const third = await badRating({ hall: point, when: at('2026-06-03', '10:00') })
    await verify(desk, third.orderId, { valid: true }) // reply by 06-10
    setNow(at('2026-06-03', '12:00'))

    const res = await api().get('/api/v1/staff/work-orders').set(desk.auth)
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(4)
    expect(res.body.items.map((o: { id: string; overdue: boolean }) => [o.id, o.overdue])).toEqual([
      [first.orderId, true],
      [second.orderId, false],
      [third.orderId, false],
      [rejected.orderId, false],
    ])
    const rectifying = await api().get('/api/v1/staff/work-orders').query({ status: 'rectifying' }).set(desk.auth)
    expect(rectifying.body.items.map((o: { id: string }) => o.id)).toEqual([third.orderId])
    const overdue = await api().get('/api/v1/staff/work-orders').query({ overdue: 'true' }).set(desk.auth)
    expect(overdue.body.items.map((o: { id: string }) => o.id)).toEqual([first.orderId])
    // the city administrator sees them too (their region), the staff of the other point does not
    const adminList = await api().get('/api/v1/staff/work-orders').query({ hallId: point.id, pageSize: 50 }).set(cityAdmin.auth)
    expect(adminList.body.total).toBe(4)
    expect((await api().get('/api/v1/staff/work-orders').query({ hallId: point.id }).set(staff.auth)).status).toBe(403)
  })

  it("when staff list their points' ratings, then raters are masked and no user or booking id is shown", async () => {
    const { rater } = await badRating({ name: '司马相如' })
    const res = await api().get('/api/v1/staff/ratings').query({ hallId: hall.id, level: 1 }).set(staff.auth)
    expect(res.status).toBe(200)
    expect(res.body.items.length).toBeGreaterThan(0)
    expect(res.body.items.some((r: { raterName: string; workOrderId?: string }) => r.raterName === '司***' && r.workOrderId)).toBe(true)
    const text = JSON.stringify(res.body)
    expect(text).not.toContain(rater.id)
    expect(text).not.toContain('司马相如')
    expect(text).not.toContain('bookingId')
    expect(text).not.toContain('userId')
    const stranger = await account({ role: 'staff', hallIds: [new mongoose.Types.ObjectId()] })
    expect((await api().get('/api/v1/staff/ratings').query({ hallId: hall.id }).set(stranger.auth)).status).toBe(403)
  })
})
