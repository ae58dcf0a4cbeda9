import { setNow } from '../../server/src/lib/clock'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { Hall } from '../../server/src/modules/halls/hall.model'
import { Rating, RatingSweep } from '../../server/src/modules/ratings/rating.model'
import { recordDefaultRatings } from '../../server/src/modules/ratings/ratings.service'
import { touchWorkOrders, WorkOrder } from '../../server/src/modules/work-orders/work-order.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { at, CITY, makeDepartment, makeHall, makeRegions, makeService, servedBooking, XINFU, YUANPING, YUANPING_TOWN } from '../helpers/rating-fixtures'

useTestDb()

/**
 * The fixture: 33 ratings in June 2026 (25 given at the window, 3 defaults, 5 item-guide ratings), 30 served bookings,
 * 8 差评 with work orders in various states, and one May 差评 that must stay outside the period.
 *
 *   H1 忻府区政务服务中心 (140902)          H2 原平市崞阳镇便民服务中心 (140981101, rolls up to 原平市)
 *   S1 个体工商户设立登记 (市行政审批局, item region 140900)   S2 食品经营许可 (市行政审批局, 140900)
 *   S3 社会保障卡申领 (市人社局, item region 140981)
 *
 *   H1/S1 5 5 5 4 4 3 2ᵃ 1ᵇ + 2 defaults   H1/S2 5 4 4 3 1ᶜ + 1 served unrated   H1/S3 5 5 4
 *   H2/S1 5 4 3 3 2ʳ + 1 served unrated    H2/S3 4 4 2ᵈ 1ᵖ + 1 default
 *   guide S1 5 4 2ᵉ                       guide S3 3 1ᵖ
 *   work orders: a valid→reply→满意, b valid→reply→不满意, c valid→reply, d valid→reply→基本满意, e valid→reply→满意,
 *                r rejected (误评), p pending
 */
type Steps = 'none' | 'pending' | 'rejected' | 'replied' | '满意' | '基本满意' | '不满意'
interface Row {
  hall: 'H1' | 'H2'
  service: 'S1' | 'S2' | 'S3'
  level: number
  day: string
  steps?: Steps
}
const W = (hall: Row['hall'], service: Row['service'], day: string, level: number, steps: Steps = 'none'): Row => ({ hall, service, level, day, steps })
const WINDOW: Row[] = [
  W('H1', 'S1', '06-08', 5), W('H1', 'S1', '06-08', 5), W('H1', 'S1', '06-09', 5), W('H1', 'S1', '06-09', 4),
  W('H1', 'S1', '06-10', 4), W('H1', 'S1', '06-10', 3), W('H1', 'S1', '06-11', 2, '满意'), W('H1', 'S1', '06-11', 1, '不满意'),
  W('H1', 'S2', '06-15', 5), W('H1', 'S2', '06-15', 4), W('H1', 'S2', '06-15', 4), W('H1', 'S2', '06-16', 3), W('H1', 'S2', '06-16', 1, 'replied'),
  W('H1', 'S3', '06-17', 5), W('H1', 'S3', '06-17', 5), W('H1', 'S3', '06-18', 4),
  W('H2', 'S1', '06-15', 5), W('H2', 'S1', '06-16', 4), W('H2', 'S1', '06-16', 3), W('H2', 'S1', '06-17', 3), W('H2', 'S1', '06-17', 2, 'rejected'),
  W('H2', 'S3', '06-18', 4), W('H2', 'S3', '06-19', 4), W('H2', 'S3', '06-22', 2, '基本满意'), W('H2', 'S3', '06-22', 1, 'pending'),
]
/** Served and never rated: a default 基本满意 is recorded 7 days later (06-09, 06-10, 06-11). */
const DEFAULTED: Pick<Row, 'hall' | 'service' | 'day'>[] = [
  { hall: 'H1', service: 'S1', day: '06-02' },
  { hall: 'H1', service: 'S1', day: '06-03' },
  { hall: 'H2', service: 'S3', day: '06-04' },
]
/** Served late in June, not rated yet, window still open on 06-30: unrated, no default. */
const UNRATED: Pick<Row, 'hall' | 'service' | 'day'>[] = [
  { hall: 'H1', service: 'S2', day: '06-28' },
  { hall: 'H2', service: 'S1', day: '06-29' },
]
const GUIDE: Omit<Row, 'hall'>[] = [
  { service: 'S1', day: '06-20', level: 5 },
  { service: 'S1', day: '06-21', level: 4 },
  { service: 'S1', day: '06-21', level: 2, steps: '满意' },
  { service: 'S3', day: '06-23', level: 3 },
  { service: 'S3', day: '06-24', level: 1, steps: 'pending' },
]

const ids: Record<string, string> = {}
let cityAdmin: Session
let yuanpingAdmin: Session

beforeAll(async () => {
  await makeRegions()
  const d1 = await makeDepartment('市行政审批局')
  const d2 = await makeDepartment('市人社局')
  const services = {
    S1: await makeService({ departmentId: d1._id, name: '个体工商户设立登记' }),
    S2: await makeService({ departmentId: d1._id, name: '食品经营许可' }),
    S3: await makeService({ departmentId: d2._id, name: '社会保障卡申领', regionCode: YUANPING }),
  }
  const halls = { H1: await makeHall({ name: '忻府区政务服务中心', regionCode: XINFU }), H2: await makeHall({ name: '原平市崞阳镇便民服务中心', regionCode: YUANPING_TOWN }) }
  Object.assign(ids, { S1: services.S1.id, S2: services.S2.id, S3: services.S3.id, H1: halls.H1.id, H2: halls.H2.id, D1: d1.id, D2: d2.id })
  const staff = { H1: await account({ role: 'staff', hallIds: [halls.H1._id] }), H2: await account({ role: 'staff', hallIds: [halls.H2._id] }) }
  cityAdmin = await account({ role: 'admin', regionCode: CITY })
  yuanpingAdmin = await account({ role: 'admin', regionCode: YUANPING })
  const rater = await citizen()

  const BAD = { window: { tags: ['等待时间长'], comment: '等候时间超过一个小时' }, guide: { tags: ['指南内容不准确'], comment: '材料清单与实际要求不一致' } }
  async function rateAndHandle(r: Session, body: Record<string, unknown>, steps: Steps, handler: Session) {
    const res = await api().post('/api/v1/ratings').set(r.auth).send(body)
    expect(res.status).toBe(201)
    if (steps === 'none' || steps === 'pending') return
    const order = res.body.workOrder.id
    const verify = steps === 'rejected' ? { valid: false, category: '误评', reason: '该时段窗口未受理评价人的业务' } : { valid: true }
    expect((await api().post(`/api/v1/staff/work-orders/${order}/verify`).set(handler.auth).send(verify)).status).toBe(200)
    if (steps === 'rejected') return
    expect((await api().post(`/api/v1/staff/work-orders/${order}/reply`).set(handler.auth).send({ text: '已增加午间值守人员并公示办理时限' })).status).toBe(200)
    if (steps === 'replied') return
    expect((await api().post(`/api/v1/ratings/${res.body.id}/revisit`).set(r.auth).send({ satisfaction: steps })).status).toBe(200)
  }

  for (const row of WINDOW) {
    const servedAt = at(`2026-${row.day}`, '10:00')
    const b = await servedBooking({ userId: rater.id, hall: halls[row.hall], service: services[row.service], servedAt })
    setNow(at(`2026-${row.day}`, '11:00'))
    const body = { bookingId: b.id, level: row.level, ...(row.level <= 2 ? BAD.window : {}) }
    await rateAndHandle(rater, body, row.steps ?? 'none', staff[row.hall])
  }
  for (const row of GUIDE) {
    setNow(at(`2026-${row.day}`, '20:00'))
    const body = { serviceId: services[row.service].id, level: row.level, ...(row.level <= 2 ? BAD.guide : {}) }
    await rateAndHandle(await citizen(), body, row.steps ?? 'none', cityAdmin)
  }
  for (const row of [...DEFAULTED, ...UNRATED]) {
    await servedBooking({ userId: rater.id, hall: halls[row.hall], service: services[row.service], servedAt: at(`2026-${row.day}`, '10:00') })
  }
  // May: a 差评 with its order, outside the period
  const may = await servedBooking({ userId: rater.id, hall: halls.H1, service: services.S1, servedAt: at('2026-05-20', '10:00') })
  setNow(at('2026-05-20', '11:00'))
  await rateAndHandle(rater, { bookingId: may.id, level: 1, ...BAD.window }, 'replied', staff.H1)

  setNow(at('2026-06-30', '18:00'))
  await RatingSweep.deleteMany({})
  await recordDefaultRatings()
  setNow(undefined)
})
afterEach(() => setNow(undefined))

const JUNE = { from: '2026-06-01', to: '2026-06-30' }
const stats = (query: Record<string, string>, s?: Session) => {
  const req = api().get('/api/v1/stats/ratings').query({ ...JUNE, ...query })
  return s ? req.set(s.auth) : req
}
const lv = (l5: number, l4: number, l3: number, l2: number, l1: number) => ({ '5': l5, '4': l4, '3': l3, '2': l2, '1': l1 })

// Hand-computed figures (see the fixture table above).
const S1 = {
  levels: lv(5, 4, 5, 3, 1), total: 18, defaults: 2, good: 14, goodRate: 0.7778, active: 16, activeGood: 12, activeGoodRate: 0.75,
  served: 16, unrated: 3, unratedRate: 0.1875, bad: 4, replied: 3, replyRate: 0.75, revisited: 3, revisitRate: 0.75,
  revisitSatisfied: 2, revisitSatisfactionRate: 0.6667, average: 3.5,
}
const S2 = {
  levels: lv(1, 2, 1, 0, 1), total: 5, defaults: 0, good: 4, goodRate: 0.8, active: 5, activeGood: 4, activeGoodRate: 0.8,
  served: 6, unrated: 1, unratedRate: 0.1667, bad: 1, replied: 1, replyRate: 1, revisited: 0, revisitRate: 0,
  revisitSatisfied: 0, revisitSatisfactionRate: null, average: 3.4,
}
const S3 = {
  levels: lv(2, 3, 2, 1, 2), total: 10, defaults: 1, good: 7, goodRate: 0.7, active: 9, activeGood: 6, activeGoodRate: 0.6667,
  served: 8, unrated: 1, unratedRate: 0.125, bad: 3, replied: 1, replyRate: 0.3333, revisited: 1, revisitRate: 0.3333,
  revisitSatisfied: 1, revisitSatisfactionRate: 1, average: 3.2,
}
const ALL = {
  levels: lv(8, 9, 8, 4, 4), total: 33, defaults: 3, good: 25, goodRate: 0.7576, active: 30, activeGood: 22, activeGoodRate: 0.7333,
  served: 30, unrated: 5, unratedRate: 0.1667, bad: 8, replied: 5, replyRate: 0.625, revisited: 4, revisitRate: 0.5,
  revisitSatisfied: 3, revisitSatisfactionRate: 0.75, average: 3.39,
}
const H1 = {
  levels: lv(6, 5, 4, 1, 2), total: 18, defaults: 2, good: 15, goodRate: 0.8333, active: 16, activeGood: 13, activeGoodRate: 0.8125,
  served: 19, unrated: 3, unratedRate: 0.1579, bad: 3, replied: 3, replyRate: 1, revisited: 2, revisitRate: 0.6667,
  revisitSatisfied: 1, revisitSatisfactionRate: 0.5, average: 3.67,
}
const H2 = {
  levels: lv(1, 3, 3, 2, 1), total: 10, defaults: 1, good: 7, goodRate: 0.7, active: 9, activeGood: 6, activeGoodRate: 0.6667,
  served: 11, unrated: 2, unratedRate: 0.1818, bad: 3, replied: 1, replyRate: 0.3333, revisited: 1, revisitRate: 0.3333,
  revisitSatisfied: 1, revisitSatisfactionRate: 1, average: 3.1,
}

describe('the fixture', () => {
  it('when it is built, then June holds 33 ratings (3 defaults), 30 served bookings and 8 work orders', async () => {
    const june = { ratedDate: { $gte: JUNE.from, $lte: JUNE.to } }
    expect(await Rating.countDocuments(june)).toBe(33)
    expect(await Rating.countDocuments({ ...june, isDefault: true, level: 3 })).toBe(3)
    expect(await Booking.countDocuments({ status: 'served', date: { $gte: JUNE.from, $lte: JUNE.to } })).toBe(30)
    expect(await WorkOrder.countDocuments(june)).toBe(8)
  })
})

describe('GET /stats/ratings', () => {
  it('when grouped by item (public), then every figure matches the hand count', async () => {
    const res = await stats({ groupBy: 'service' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ groupBy: 'service', from: '2026-06-01', to: '2026-06-30' })
    expect(res.body.rows).toEqual([
      { key: ids.S1, name: '个体工商户设立登记', ...S1 },
      { key: ids.S3, name: '社会保障卡申领', ...S3 },
      { key: ids.S2, name: '食品经营许可', ...S2 },
    ])
    expect(res.body.overall).toEqual(ALL)
  })

  it('when grouped by point (public), then item-guide ratings are left out and figures match', async () => {
    const res = await stats({ groupBy: 'hall' })
    expect(res.status).toBe(200)
    expect(res.body.rows).toEqual([
      { key: ids.H1, name: '忻府区政务服务中心', ...H1 },
      { key: ids.H2, name: '原平市崞阳镇便民服务中心', ...H2 },
    ])
    expect(res.body.overall).toMatchObject({ total: 28, served: 30, defaults: 3 })
  })

  it('when the same public figures are asked again, then the answer is the same; after a point is renamed or a 差评 answered, the next one shows it', async () => {
    const first = await stats({ groupBy: 'hall' })
    expect((await stats({ groupBy: 'hall' })).body).toEqual(first.body)
    await Hall.updateOne({ _id: ids.H1 }, { $set: { name: '忻府区政务服务中心（新址）' } })
    const renamed = await stats({ groupBy: 'hall' })
    expect(renamed.body.rows).toEqual([
      { key: ids.H1, name: '忻府区政务服务中心（新址）', ...H1 },
      { key: ids.H2, name: '原平市崞阳镇便民服务中心', ...H2 },
    ])
    await Hall.updateOne({ _id: ids.H1 }, { $set: { name: '忻府区政务服务中心' } })
    // the pending 差评 of H2 is answered: its reply counts at once
    const pending = await WorkOrder.findOne({ hallId: ids.H2, status: 'pending_verification' }).lean()
    await WorkOrder.updateOne({ _id: pending!._id }, { $set: { status: 'replied' } })
    await touchWorkOrders([pending!.ratedDate]) // (an update by query marks its month itself)
    const answered = await stats({ groupBy: 'hall' })
    expect(answered.body.rows[1]).toEqual({ key: ids.H2, name: '原平市崞阳镇便民服务中心', ...H2, replied: 2, replyRate: 0.6667 })
    await WorkOrder.updateOne({ _id: pending!._id }, { $set: { status: 'pending_verification' } })
    await touchWorkOrders([pending!.ratedDate])
    expect((await stats({ groupBy: 'hall' })).body).toEqual(first.body)
  })

  it('when grouped by department (administrator), then items add up to their department', async () => {
    const res = await stats({ groupBy: 'department' }, cityAdmin)
    expect(res.status).toBe(200)
    expect(res.body.rows).toEqual([
      {
        key: ids.D1,
        name: expect.stringContaining('市行政审批局'),
        levels: lv(6, 6, 6, 3, 2), total: 23, defaults: 2, good: 18, goodRate: 0.7826, active: 21, activeGood: 16, activeGoodRate: 0.7619,
        served: 22, unrated: 4, unratedRate: 0.1818, bad: 5, replied: 4, replyRate: 0.8, revisited: 3, revisitRate: 0.6,
        revisitSatisfied: 2, revisitSatisfactionRate: 0.6667, average: 3.48,
      },
      { key: ids.D2, name: expect.stringContaining('市人社局'), ...S3 },
    ])
    expect(res.body.overall).toEqual(ALL)
  })

  it('when grouped by region, then points roll up to their county and an administrator sees only their region', async () => {
    const res = await stats({ groupBy: 'region' }, cityAdmin)
    expect(res.status).toBe(200)
    const YP = {
      levels: lv(1, 3, 4, 2, 2), total: 12, defaults: 1, good: 8, goodRate: 0.6667, active: 11, activeGood: 7, activeGoodRate: 0.6364,
      served: 11, unrated: 2, unratedRate: 0.1818, bad: 4, replied: 1, replyRate: 0.25, revisited: 1, revisitRate: 0.25,
      revisitSatisfied: 1, revisitSatisfactionRate: 1, average: 2.92,
    }
    const CITY_ITEMS = {
      levels: lv(1, 1, 0, 1, 0), total: 3, defaults: 0, good: 2, goodRate: 0.6667, active: 3, activeGood: 2, activeGoodRate: 0.6667,
      served: 0, unrated: 0, unratedRate: null, bad: 1, replied: 1, replyRate: 1, revisited: 1, revisitRate: 1,
      revisitSatisfied: 1, revisitSatisfactionRate: 1, average: 3.67,
    }
    expect(res.body.rows).toEqual([
      { key: XINFU, name: '忻府区', ...H1 },
      { key: YUANPING, name: '原平市', ...YP },
      { key: CITY, name: '忻州市', ...CITY_ITEMS },
    ])
    expect(res.body.overall).toEqual(ALL)

    const county = await stats({ groupBy: 'region' }, yuanpingAdmin)
    expect(county.body.rows).toEqual([{ key: YUANPING, name: '原平市', ...YP }])
  })

  it('when filtered by point, then only its ratings and bookings count', async () => {
    const res = await stats({ groupBy: 'service', hallId: ids.H1 })
    expect(res.body.rows.map((r: { key: string; total: number; served: number; unrated: number }) => [r.key, r.total, r.served, r.unrated])).toEqual([
      [ids.S1, 10, 10, 2],
      [ids.S2, 5, 6, 1],
      [ids.S3, 3, 3, 0],
    ])
    expect(res.body.overall).toEqual(H1)
  })

  it('when the period is May, then only the May 差评 counts', async () => {
    const res = await stats({ groupBy: 'hall', from: '2026-05-01', to: '2026-05-31' })
    expect(res.body.rows).toHaveLength(1)
    expect(res.body.rows[0]).toMatchObject({ key: ids.H1, total: 1, bad: 1, replied: 1, replyRate: 1, served: 1, unrated: 0, goodRate: 0 })
  })

  it('when department or region figures are asked without being an administrator, then 401 / 403; bad queries 400', async () => {
    expect((await stats({ groupBy: 'department' })).status).toBe(401)
    expect((await stats({ groupBy: 'region' }, await citizen())).status).toBe(403)
    expect((await stats({ groupBy: 'region' }, await account({ role: 'staff', hallIds: [ids.H1] }))).status).toBe(403)
    expect((await stats({ groupBy: 'window' })).status).toBe(400)
    expect((await stats({ groupBy: 'service', from: '2026-06-30', to: '2026-06-01' })).status).toBe(400)
    expect((await stats({ groupBy: 'service', from: '2025-01-01', to: '2026-06-01' })).status).toBe(400)
  })
})

describe('GET /stats/overview (administrator dashboard)', () => {
  it('when the city administrator reads June, then ratings, bookings and work orders are counted per day and state', async () => {
    const res = await api().get('/api/v1/stats/overview').query(JUNE).set(cityAdmin.auth)
    expect(res.status).toBe(200)
    expect(res.body.ratings).toEqual({ levels: ALL.levels, total: 33, goodRate: 0.7576, activeGoodRate: 0.7333 })
    expect(res.body.ratingsByDay).toHaveLength(30)
    const day = (d: string) => res.body.ratingsByDay.find((x: { date: string }) => x.date === d)
    expect(day('2026-06-15')).toEqual({ date: '2026-06-15', total: 4, levels: lv(2, 2, 0, 0, 0), goodRate: 1, activeGoodRate: 1 })
    // 06-11: a 2 and a 1 at H1, and the default of the booking served 06-04 at H2
    expect(day('2026-06-11')).toEqual({ date: '2026-06-11', total: 3, levels: lv(0, 0, 1, 1, 1), goodRate: 0.3333, activeGoodRate: 0 })
    expect(day('2026-06-01')).toEqual({ date: '2026-06-01', total: 0, levels: lv(0, 0, 0, 0, 0), goodRate: null, activeGoodRate: null })
    const bookings = (d: string) => res.body.bookingsByDay.find((x: { date: string }) => x.date === d)
    expect(bookings('2026-06-15')).toEqual({ date: '2026-06-15', booked: 0, checked_in: 0, served: 4, cancelled: 0, no_show: 0 })
    expect(res.body.bookingsByDay.reduce((s: number, d: { served: number }) => s + d.served, 0)).toBe(30)
    expect(res.body.workOrders).toEqual({
      byStatus: { pending_verification: 2, rectifying: 0, rejected: 1, appealed: 0, replied: 1, closed: 4 },
      overdue: 2, // the two never verified (their June deadlines have passed)
    })
  })

  it('when the 原平市 administrator reads June, then only their region is counted', async () => {
    const res = await api().get('/api/v1/stats/overview').query(JUNE).set(yuanpingAdmin.auth)
    expect(res.body.ratings.total).toBe(12)
    expect(res.body.workOrders.byStatus).toEqual({ pending_verification: 2, rectifying: 0, rejected: 1, appealed: 0, replied: 0, closed: 1 })
  })

  it('when the period exceeds 92 days or the caller is not an administrator, then 400 / 403', async () => {
    expect((await api().get('/api/v1/stats/overview').query({ from: '2026-03-01', to: '2026-06-30' }).set(cityAdmin.auth)).status).toBe(400)
    expect((await api().get('/api/v1/stats/overview').query({ from: '2026-04-01', to: '2026-07-01' }).set(cityAdmin.auth)).status).toBe(200)
    expect((await api().get('/api/v1/stats/overview').query(JUNE).set((await account({ role: 'staff', hallIds: [ids.H1] })).auth)).status).toBe(403)
    expect((await api().get('/api/v1/stats/overview').query(JUNE)).status).toBe(401)
  })
})
