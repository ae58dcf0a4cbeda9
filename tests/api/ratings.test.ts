import mongoose from 'mongoose'
import { setNow } from '../../server/src/lib/clock'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { Notification } from '../../server/src/modules/notifications/notification.model'
import { StepClaim as RatingClaim } from '../../server/src/lib/step-claims'
import { Rating, RatingSweep } from '../../server/src/modules/ratings/rating.model'
import { recordDefaultRatings } from '../../server/src/modules/ratings/ratings.service'
import { WorkOrder } from '../../server/src/modules/work-orders/work-order.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { daysAgo, makeDepartment, makeHall, makeService, ratedPoint, servedBooking, YUANPING_TOWN, type FixtureHall, type FixtureService } from '../helpers/rating-fixtures'

useTestDb()

let hall: FixtureHall
let service: FixtureService
let guide: FixtureService
let me: Session

beforeAll(async () => {
  const point = await ratedPoint({ name: '忻府区政务服务中心' })
  service = point.service
  hall = point.hall
  guide = await makeService({ departmentId: point.department._id, name: '营业执照遗失补领' })
  me = await citizen()
})
afterEach(() => setNow(undefined))

const rate = (s: Session, body: Record<string, unknown>) => api().post('/api/v1/ratings').set(s.auth).send(body)
const served = (userId: string, servedAt = daysAgo(1), extra: Partial<Parameters<typeof servedBooking>[0]> = {}) =>
  servedBooking({ userId, hall, service, servedAt, ...extra })
const BAD = { level: 1, tags: ['态度不好'], comment: '窗口人员一直在玩手机' }

describe('POST /ratings: 一次一评 of a served booking', () => {
  it('when its booker rates a served booking with the window dimensions, then 201 and one rating is stored', async () => {
    const b = await served(me.id, daysAgo(2), { applicantName: '李建国' })
    const res = await rate(me, { bookingId: b.id, level: 5, dimensions: { 服务效率: 5, 服务水平: 4, 服务态度: 5 }, comment: '很快就办好了' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ kind: 'window', level: 5, levelLabel: '非常满意', bookingId: b.id, hallName: '忻府区政务服务中心', isDefault: false })
    expect(res.body.workOrder).toBeUndefined()
    const stored = await Rating.findOne({ bookingId: b._id }).lean()
    expect(stored).toMatchObject({ key: `booking:${b.id}`, level: 5, raterName: '李**', regionCode: hall.regionCode, isDefault: false })
    expect(stored!.dimensions).toEqual({ 服务效率: 5, 服务水平: 4, 服务态度: 5 })
    expect(stored!.userId.toString()).toBe(me.id)
    expect(await WorkOrder.countDocuments({ ratingId: stored!._id })).toBe(0)
  })

  it("when someone rates another person's booking, then 403 FORBIDDEN and nothing is stored", async () => {
    const other = await citizen()
    const b = await served(other.id)
    const res = await rate(me, { bookingId: b.id, level: 5 })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('FORBIDDEN')
    expect(await Rating.countDocuments({ bookingId: b._id })).toBe(0)
  })

  it.each(['booked', 'checked_in', 'cancelled', 'no_show'] as const)('when the booking is %s, then 422 NOT_RATABLE', async (status) => {
    const b = await served(me.id, daysAgo(1), { status })
    const res = await rate(me, { bookingId: b.id, level: 4 })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('NOT_RATABLE')
    expect(await Rating.countDocuments({ bookingId: b._id })).toBe(0)
  })

  it('when the booking does not exist, then 404', async () => {
    const res = await rate(me, { bookingId: new mongoose.Types.ObjectId().toString(), level: 4 })
    expect(res.status).toBe(404)
  })

  it('when more than 7 days have passed since service, then 422 RATING_WINDOW_CLOSED (backdated or with the clock moved)', async () => {
    const old = await served(me.id, daysAgo(8))
    const late = await rate(me, { bookingId: old.id, level: 5 })
    expect(late.status).toBe(422)
    expect(late.body.error.code).toBe('RATING_WINDOW_CLOSED')

    const servedAt = new Date('2026-05-10T10:00:00+08:00')
    const b = await served(me.id, servedAt)
    setNow(new Date('2026-05-17T10:00:01+08:00'))
    expect((await rate(me, { bookingId: b.id, level: 5 })).body.error.code).toBe('RATING_WINDOW_CLOSED')
    setNow(new Date('2026-05-17T09:59:59+08:00'))
    expect((await rate(me, { bookingId: b.id, level: 5 })).status).toBe(201)
    expect(await Rating.countDocuments({ bookingId: { $in: [old._id, b._id] } })).toBe(1)
  })

  it('when a booking is rated twice, then 409 RATING_EXISTS and the first rating is unchanged', async () => {
    const b = await served(me.id)
    expect((await rate(me, { bookingId: b.id, level: 5 })).status).toBe(201)
    const again = await rate(me, { bookingId: b.id, ...BAD })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('RATING_EXISTS')
    const stored = await Rating.find({ bookingId: b._id }).lean()
    expect(stored.map((r) => r.level)).toEqual([5])
    expect(await WorkOrder.countDocuments({ ratingId: stored[0]._id })).toBe(0)
  })

  it('when ten ratings of one booking race, then exactly one is stored and the rest get 409', async () => {
    const b = await served(me.id)
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => rate(me, i % 2 ? { bookingId: b.id, ...BAD } : { bookingId: b.id, level: 5 })))
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'RATING_EXISTS')).toBe(true)
    expect(results.filter((r) => r.status === 409)).toHaveLength(9)
    const stored = await Rating.find({ bookingId: b._id }).lean()
    expect(stored).toHaveLength(1)
    expect(await WorkOrder.countDocuments({ ratingId: stored[0]._id })).toBe(stored[0].level <= 2 ? 1 : 0)
  })

  it.each([
    ['no reason tag', { level: 2, comment: '等了整整两个小时' }, 'tags'],
    ['a comment under 5 characters', { level: 1, tags: ['等待时间长'], comment: '太慢了' }, 'comment'],
    ['neither', { level: 1 }, 'tags'],
    ['a tag of the other kind', { level: 2, tags: ['系统操作不便'], comment: '等了整整两个小时' }, 'tags.0'],
  ])('when a 差评 has %s, then 400 VALIDATION_FAILED names the field and nothing is stored', async (_label, body, path) => {
    const b = await served(me.id)
    const res = await rate(me, { bookingId: b.id, ...body })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.details.issues[0].path).toBe(path)
    expect(await Rating.countDocuments({ bookingId: b._id })).toBe(0)
  })

  it.each([
    ['isDefault', { isDefault: true }],
    ['userId', { userId: new mongoose.Types.ObjectId().toString() }],
    ['createdAt', { createdAt: '2020-01-01T00:00:00Z' }],
    ['hallId', { hallId: new mongoose.Types.ObjectId().toString() }],
    ['ratedAt', { ratedAt: '2020-01-01T00:00:00Z' }],
    ['key', { key: 'booking:x' }],
    ['an unknown dimension', { dimensions: { 服务效率: 5, 颜值: 5 } }],
    ['a dimension of 6', { dimensions: { 服务效率: 6 } }],
    ['an online dimension', { dimensions: { 平台操作性: 5 } }],
    ['a fractional level', { level: 4.5 }],
    ['a level as text', { level: '5' }],
    ['an operator object', { level: { $gt: 0 } }],
  ])('when the body carries %s, then 400 and nothing is stored', async (_label, extra) => {
    const b = await served(me.id)
    const res = await rate(me, { bookingId: b.id, level: 5, ...extra })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(await Rating.countDocuments({ bookingId: b._id })).toBe(0)
  })

  it('when staff or an anonymous caller rate, then 403 / 401', async () => {
    const b = await served(me.id)
    const staff = await account({ role: 'staff', hallIds: [hall._id] })
    expect((await rate(staff, { bookingId: b.id, level: 5 })).status).toBe(403)
    expect((await api().post('/api/v1/ratings').send({ bookingId: b.id, level: 5 })).status).toBe(401)
  })

  it('when a 差评 is given, then its work order opens for the point and the point staff are notified', async () => {
    const staff = await account({ role: 'staff', hallIds: [hall._id] })
    const otherStaff = await account({ role: 'staff', hallIds: [new mongoose.Types.ObjectId()] })
    const b = await served(me.id)
    const res = await rate(me, { bookingId: b.id, ...BAD })
    expect(res.status).toBe(201)
    expect(res.body.workOrder).toMatchObject({ status: 'pending_verification', statusLabel: '待核实', overdue: false, canAppeal: false })
    const order = await WorkOrder.findOne({ ratingId: res.body.id }).lean()
    expect(order).toMatchObject({ status: 'pending_verification', level: 1, comment: BAD.comment, tags: BAD.tags })
    expect(order!.hallId!.toString()).toBe(hall.id)
    expect(await Notification.countDocuments({ _id: `wo-open:${order!._id}:${staff.id}` })).toBe(1)
    expect(await Notification.countDocuments({ _id: `wo-open:${order!._id}:${otherStaff.id}` })).toBe(0)
  })
})

describe('POST /ratings: 一事一评 of an item guide', () => {
  it('when a citizen rates a guide with the online dimensions, then 201; a second time 409', async () => {
    const c = await citizen()
    const body = { serviceId: guide.id, level: 4, dimensions: { 办事效率: 4, 办事指南精确度: 5, 办事便捷度: 4, 平台操作性: 3 } }
    const res = await rate(c, body)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ kind: 'guide', serviceName: '营业执照遗失补领' })
    expect(res.body.hallId).toBeUndefined()
    const again = await rate(c, { ...body, level: 5 })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('RATING_EXISTS')
    expect(await Rating.countDocuments({ serviceId: guide._id, userId: c.id, kind: 'guide' })).toBe(1)
    // another person may rate the same item
    expect((await rate(await citizen(), body)).status).toBe(201)
  })

  it('when the dimensions are the window ones, or the item is archived or unknown, then 400 / 404', async () => {
    const c = await citizen()
    expect((await rate(c, { serviceId: guide.id, level: 4, dimensions: { 服务态度: 4 } })).status).toBe(400)
    const archived = await makeService({ departmentId: guide.departmentId, status: 'archived' })
    expect((await rate(c, { serviceId: archived.id, level: 4 })).status).toBe(404)
    expect((await rate(c, { serviceId: new mongoose.Types.ObjectId().toString(), level: 4 })).status).toBe(404)
  })

  it("when a guide gets a 差评, then the order goes to the item region's administrators (no point)", async () => {
    const dept = await makeDepartment('原平市行政审批局', '140981')
    const item = await makeService({ departmentId: dept._id, regionCode: '140981' })
    const cityAdmin = await account({ role: 'admin', regionCode: '140900' })
    const countyAdmin = await account({ role: 'admin', regionCode: '140981' })
    const elsewhere = await account({ role: 'admin', regionCode: '140902' })
    const res = await rate(await citizen(), { serviceId: item.id, level: 2, tags: ['指南内容不准确'], comment: '材料清单与窗口要求不一致' })
    expect(res.status).toBe(201)
    const order = await WorkOrder.findOne({ ratingId: res.body.id }).lean()
    expect(order!.hallId).toBeUndefined()
    expect(order!.regionCode).toBe('140981')
    const notified = (await Notification.find({ _id: new RegExp(`^wo-open:${order!._id}:`) }).lean()).map((n) => String(n.accountId))
    expect(notified.sort()).toEqual([cityAdmin.id, countyAdmin.id].sort())
    expect(notified).not.toContain(elsewhere.id)
  })
})

describe('POST /ratings/:id/append (追评)', () => {
  it('when the rater adds a follow-up, then it is stored once; a second one is 409 and changes nothing', async () => {
    const b = await served(me.id)
    const r = await rate(me, { bookingId: b.id, level: 4 })
    const first = await api().post(`/api/v1/ratings/${r.body.id}/append`).set(me.auth).send({ comment: '后续补充材料也很顺利' })
    expect(first.status).toBe(200)
    expect(first.body.append.comment).toBe('后续补充材料也很顺利')
    const second = await api().post(`/api/v1/ratings/${r.body.id}/append`).set(me.auth).send({ comment: '改一下' })
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('RATING_EXISTS')
    const stored = await Rating.findById(r.body.id).lean()
    expect(stored!.append!.comment).toBe('后续补充材料也很顺利')
    expect(stored!.level).toBe(4)
  })

  it('when five follow-ups race, then one is stored', async () => {
    const b = await served(me.id)
    const r = await rate(me, { bookingId: b.id, level: 3 })
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => api().post(`/api/v1/ratings/${r.body.id}/append`).set(me.auth).send({ comment: `追评${i}` })))
    expect(results.filter((x) => x.status === 200)).toHaveLength(1)
    const winner = results.find((x) => x.status === 200)!.body.append.comment
    expect((await Rating.findById(r.body.id).lean())!.append!.comment).toBe(winner)
  })

  it('when the write after a won claim was lost, then the next attempt completes the first follow-up and is refused', async () => {
    const b = await served(me.id)
    const r = await rate(me, { bookingId: b.id, level: 4 })
    await RatingClaim.create({ _id: `append:${r.body.id}`, at: new Date(), by: me.id, changes: { append: { comment: '第一条追评', at: new Date() } } })
    const res = await api().post(`/api/v1/ratings/${r.body.id}/append`).set(me.auth).send({ comment: '第二条' })
    expect(res.status).toBe(409)
    expect((await Rating.findById(r.body.id).lean())!.append!.comment).toBe('第一条追评')
  })

  it("when someone else appends to my rating, or the body has extra fields, then 403 / 400", async () => {
    const b = await served(me.id)
    const r = await rate(me, { bookingId: b.id, level: 4 })
    const other = await citizen()
    expect((await api().post(`/api/v1/ratings/${r.body.id}/append`).set(other.auth).send({ comment: '冒充追评' })).status).toBe(403)
    expect((await api().post(`/api/v1/ratings/${r.body.id}/append`).set(me.auth).send({ comment: 'x', level: 1 })).status).toBe(400)
    expect((await Rating.findById(r.body.id).lean())!.append).toBeUndefined()
  })

  it('when there is no update or delete route, then a rating cannot be changed through the API', async () => {
    const b = await served(me.id)
    const r = await rate(me, { bookingId: b.id, level: 4 })
    for (const method of ['put', 'patch', 'delete'] as const) {
      const res = await api()[method](`/api/v1/ratings/${r.body.id}`).set(me.auth).send({ level: 1 })
      expect(res.status).toBe(404)
    }
    expect((await Rating.findById(r.body.id).lean())!.level).toBe(4)
  })
})

describe('GET /ratings/mine and GET /ratings (public)', () => {
  it('when I list my ratings, then each 差评 carries its work-order progress and only my ratings are listed', async () => {
    const c = await citizen()
    const good = await rate(c, { bookingId: (await served(c.id)).id, level: 5 })
    const bad = await rate(c, { bookingId: (await served(c.id)).id, ...BAD })
    await rate(me, { bookingId: (await served(me.id)).id, level: 4 })
    const res = await api().get('/api/v1/ratings/mine').set(c.auth)
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(2)
    const byId = new Map(res.body.items.map((r: { id: string }) => [r.id, r]))
    expect(byId.get(good.body.id)).not.toHaveProperty('workOrder')
    expect(byId.get(bad.body.id)).toMatchObject({ workOrder: { status: 'pending_verification', overdue: false } })
  })

  it('when anyone lists the ratings of an item or a point, then raters are masked names, no ids, defaults left out', async () => {
    const h = await makeHall({ regionCode: YUANPING_TOWN, name: '原平市崞阳镇便民服务中心' })
    const c = await citizen()
    await rate(c, { bookingId: (await servedBooking({ userId: c.id, hall: h, service, servedAt: daysAgo(1), applicantName: '欧阳娜娜' })).id, level: 5, comment: '服务很热情' })
    await servedBooking({ userId: c.id, hall: h, service, servedAt: daysAgo(9), applicantName: '张三' })
    await RatingSweep.deleteMany({})
    expect(await recordDefaultRatings()).toBeGreaterThanOrEqual(1)
    const res = await api().get('/api/v1/ratings').query({ hallId: h.id })
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(1)
    expect(res.body.items[0]).toEqual({
      kind: 'window',
      level: 5,
      levelLabel: '非常满意',
      dimensions: {},
      tags: [],
      comment: '服务很热情',
      isDefault: false,
      ratedAt: expect.any(String),
      serviceName: '个体工商户设立登记',
      hallName: '原平市崞阳镇便民服务中心',
      raterName: '欧***',
    })
    expect(JSON.stringify(res.body)).not.toContain(c.id)
    // the summary counts every rating, the default included
    expect(res.body.summary).toEqual({ count: 2, goodRate: 1, average: 4, levels: { '1': 0, '2': 0, '3': 1, '4': 0, '5': 1 } })
    expect((await api().get('/api/v1/ratings')).status).toBe(400)
  })

  it('when the item guide is read, then GET /services/:id carries its rating summary', async () => {
    const item = await makeService({ departmentId: guide.departmentId })
    for (const level of [5, 4, 2]) {
      await rate(await citizen(), { serviceId: item.id, level, ...(level <= 2 ? { tags: ['其他'], comment: '页面信息过时了' } : {}) })
    }
    const res = await api().get(`/api/v1/services/${item.id}`)
    expect(res.status).toBe(200)
    expect(res.body.ratingSummary).toEqual({ count: 3, goodRate: 0.6667, average: 3.67, levels: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 1 } })
  })
})

describe('default 基本满意 after the 7-day window (sweeper)', () => {
  beforeEach(() => RatingSweep.deleteMany({}))

  it('when a served booking was not rated within 7 days, then one default (level 3, isDefault) is recorded at the window end', async () => {
    const c = await citizen()
    const servedAt = daysAgo(8)
    const b = await served(c.id, servedAt, { applicantName: '赵敏' })
    const fresh = await served(c.id, daysAgo(6))
    await recordDefaultRatings()
    const stored = await Rating.find({ bookingId: { $in: [b._id, fresh._id] } }).lean()
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ key: `booking:${b.id}`, level: 3, isDefault: true, raterName: '赵*' })
    expect(stored[0].ratedAt.getTime()).toBe(servedAt.getTime() + 7 * 24 * 60 * 60 * 1000)
    expect(await WorkOrder.countDocuments({ ratingId: stored[0]._id })).toBe(0)
    // the booker can no longer rate it, and the default is listed among their ratings
    expect((await rate(c, { bookingId: b.id, level: 5 })).body.error.code).toBe('RATING_WINDOW_CLOSED')
    const mine = await api().get('/api/v1/ratings/mine').set(c.auth)
    expect(mine.body.items.find((r: { bookingId: string }) => r.bookingId === b.id)).toMatchObject({ isDefault: true, level: 3 })
  })

  it('when the sweeper runs twice and four times in parallel, then each booking has exactly one default', async () => {
    const c = await citizen()
    const bookings = await Promise.all([8, 9, 10, 12, 20].map((d) => served(c.id, daysAgo(d))))
    await recordDefaultRatings()
    await RatingSweep.deleteMany({})
    await recordDefaultRatings()
    await RatingSweep.deleteMany({})
    await Promise.all([1, 2, 3, 4].map(() => recordDefaultRatings()))
    for (const b of bookings) expect(await Rating.countDocuments({ bookingId: b._id })).toBe(1)
    expect(await Rating.countDocuments({ bookingId: { $in: bookings.map((b) => b._id) }, isDefault: true })).toBe(5)
  })

  it('when a process with a lagging clock still takes a rating after another recorded the default, then 409 and one rating', async () => {
    const c = await citizen()
    const b = await served(c.id, daysAgo(10))
    const closesAt = b.servedAt!.getTime() + 7 * 24 * 60 * 60 * 1000
    setNow(new Date(closesAt + 1000))
    expect(await recordDefaultRatings()).toBeGreaterThanOrEqual(1)
    setNow(new Date(closesAt - 1000)) // the other process still sees the window open
    const results = await Promise.all([rate(c, { bookingId: b.id, level: 5 }), rate(c, { bookingId: b.id, ...BAD })])
    expect(results.map((r) => r.body.error?.code)).toEqual(['RATING_EXISTS', 'RATING_EXISTS'])
    const stored = await Rating.find({ bookingId: b._id }).lean()
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ isDefault: true, level: 3 })
    expect(await WorkOrder.countDocuments({ ratingId: stored[0]._id })).toBe(0)
  })

  it('when the booker rated in the last seconds of the window, then the sweeper never adds a default', async () => {
    const c = await citizen()
    const b = await served(c.id, daysAgo(10))
    const closesAt = b.servedAt!.getTime() + 7 * 24 * 60 * 60 * 1000
    setNow(new Date(closesAt - 2000)) // business time moves on from here
    const [res] = await Promise.all([rate(c, { bookingId: b.id, level: 4 }), recordDefaultRatings()])
    expect(res.status).toBe(201)
    setNow(new Date(closesAt + 60_000))
    await RatingSweep.deleteMany({})
    await Promise.all([recordDefaultRatings(), recordDefaultRatings()])
    const stored = await Rating.find({ bookingId: b._id }).lean()
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ isDefault: false, level: 4 })
  })

  it('when bookings were never served, then no default is recorded', async () => {
    const c = await citizen()
    const noShow = await served(c.id, daysAgo(9), { status: 'no_show' })
    await recordDefaultRatings()
    expect(await Rating.countDocuments({ bookingId: noShow._id })).toBe(0)
    expect(await Booking.countDocuments({ _id: noShow._id, status: 'no_show' })).toBe(1)
  })
})
