import mongoose from 'mongoose'
import { instantOf } from '@xz/shared'
import { setNow } from '../../server/src/lib/clock'
import { AuditLog } from '../../server/src/modules/audit/audit.model'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { BookingClaim } from '../../server/src/modules/bookings/claim.model'
import { WaitlistEntry } from '../../server/src/modules/bookings/waitlist.model'
import { Service } from '../../server/src/modules/catalogue/catalogue.model'
import { Notification } from '../../server/src/modules/notifications/notification.model'
import { SessionCancellation, SessionRule } from '../../server/src/modules/sessions/session.model'
import { seedSessionRules } from '../../server/src/modules/seed/session-rules.seed'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { NOW, SATURDAY, book, citizens, makeWorld } from '../helpers/booking-fixtures'
import { useTestDb } from '../helpers/db'
import { makeHall, makeService } from '../helpers/factories'

useTestDb()

type Doc = { _id: mongoose.Types.ObjectId }
const id = (d: Doc) => String(d._id)
const RULES = '/api/v1/admin/session-rules'

let admin: Session // 忻州市: every point of the city
let countyAdmin: Session // 忻府区
let otherAdmin: Session // 原平市
let items: Doc[]
let hall: Doc

beforeAll(async () => {
  setNow(NOW)
  admin = await account({ role: 'admin', regionCode: '140900' })
  countyAdmin = await account({ role: 'admin', regionCode: '140902' })
  otherAdmin = await account({ role: 'admin', regionCode: '140981' })
  items = [await makeService(), await makeService(), await makeService({ bookable: false })]
  hall = await makeHall({
    regionCode: '140902',
    serviceIds: items.map(id),
    windows: [
      { number: '1', name: '综合受理窗口', serviceIds: [id(items[0])] },
      { number: '2', name: '社保医保窗口', serviceIds: [id(items[1])] },
      { number: '3', name: '备用窗口', serviceIds: [], staffed: false },
    ],
  })
})
afterAll(() => setNow(undefined))
afterEach(() => setNow(NOW))

const weekendRule = (overrides: Record<string, unknown> = {}) => ({
  hallId: id(hall),
  label: '双休日值班',
  dayTypes: ['weekend'],
  start: '09:00',
  end: '12:00',
  ...overrides,
})

describe('admin session rules', () => {
  it('when an administrator of the region creates a rule, then 201 with the defaults: 30-minute slots, staffed windows × 2 seats, all items', async () => {
    const res = await api().post(RULES).set(countyAdmin.auth).send(weekendRule())
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      hallId: id(hall),
      label: '双休日值班',
      dayTypes: ['weekend'],
      slotMinutes: 30,
      capacity: 4,
      capacityIsDefault: true,
      serviceIds: [],
      status: 'active',
    })
    const stored = await SessionRule.findById(res.body.id).lean()
    expect(stored).toMatchObject({ regionCode: '140902', createdBy: countyAdmin.id })
    expect(stored!.capacity).toBeUndefined()
  })

  it('keeps Service.offHours true exactly for the bookable items some active rule offers', async () => {
    const h = await makeHall({ regionCode: '140902', serviceIds: items.map(id) })
    await SessionRule.deleteMany({})
    await Service.updateMany({}, { $set: { offHours: false } })
    const offHours = async () => (await Service.find({ _id: { $in: items.map((i) => i._id) } }).lean()).map((s) => s.offHours)

    const narrow = await api().post(RULES).set(admin.auth).send(weekendRule({ hallId: id(h), serviceIds: [id(items[1])] }))
    expect(narrow.status).toBe(201)
    expect(await offHours()).toEqual([false, true, false])
    const wide = await api().post(RULES).set(admin.auth).send(weekendRule({ hallId: id(h), label: '延时服务', dayTypes: ['workday'], start: '18:00', end: '19:00' }))
    expect(wide.status).toBe(201)
    expect(await offHours()).toEqual([true, true, false]) // the item not bookable stays false
    await api().delete(`${RULES}/${wide.body.id}`).set(admin.auth)
    expect(await offHours()).toEqual([false, true, false])
    await api().patch(`${RULES}/${narrow.body.id}`).set(admin.auth).send({ status: 'archived' })
    expect(await offHours()).toEqual([false, false, false])
  })

  it('when a workday rule overlaps the regular hours, then 400 naming start; lunchtime and evening are fine', async () => {
    const overlap = await api().post(RULES).set(admin.auth).send(weekendRule({ label: '延时服务', dayTypes: ['workday'], start: '17:00', end: '19:00' }))
    expect(overlap.status).toBe(400)
    expect(overlap.body.error.code).toBe('VALIDATION_FAILED')
    expect(overlap.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['start'])
    const lunch = await api().post(RULES).set(admin.auth).send(weekendRule({ label: '午间不断档', dayTypes: ['workday'], start: '12:00', end: '13:30' }))
    expect(lunch.status).toBe(201)
    const evening = await api().post(RULES).set(admin.auth).send(weekendRule({ label: '延时服务', dayTypes: ['workday', 'weekend'], start: '17:30', end: '19:30' }))
    expect(evening.status).toBe(201)
  })

  it('when the range is not a whole number of slots, runs backwards, capacity is 0, or an item is not handled there, then 400 naming each field', async () => {
    const paths = async (body: Record<string, unknown>) => {
      const res = await api().post(RULES).set(admin.auth).send(weekendRule(body))
      expect(res.status).toBe(400)
      return res.body.error.details.issues.map((i: { path: string }) => i.path)
    }
    expect(await paths({ end: '11:45' })).toEqual(['slotMinutes'])
    expect(await paths({ start: '12:00', end: '09:00' })).toEqual(['end'])
    expect(await paths({ capacity: 0 })).toEqual(['capacity'])
    const elsewhere = await makeService()
    expect(await paths({ serviceIds: [id(elsewhere)] })).toEqual(['serviceIds'])
    expect(await paths({ dayTypes: [] })).toEqual(['dayTypes'])
    expect(await paths({ label: '随便' })).toEqual(['label'])
    expect(await paths({ colour: 'red' })).toEqual([''])
  })

  it('when an administrator of another region or a non-administrator acts on the point, then 403 / 401', async () => {
    const created = await api().post(RULES).set(admin.auth).send(weekendRule({ label: '节假日预约', dayTypes: ['holiday'] }))
    expect((await api().post(RULES).set(otherAdmin.auth).send(weekendRule())).status).toBe(403)
    expect((await api().get(`${RULES}?hallId=${id(hall)}`).set(otherAdmin.auth)).status).toBe(403)
    expect((await api().get(`${RULES}/${created.body.id}`).set(otherAdmin.auth)).status).toBe(403)
    expect((await api().patch(`${RULES}/${created.body.id}`).set(otherAdmin.auth).send({ capacity: 9 })).status).toBe(403)
    expect((await api().delete(`${RULES}/${created.body.id}`).set(otherAdmin.auth)).status).toBe(403)
    const staff = await account({ role: 'staff', hallIds: [hall._id] })
    expect((await api().post(RULES).set(staff.auth).send(weekendRule())).status).toBe(403)
    expect((await api().post(RULES).set((await citizen()).auth).send(weekendRule())).status).toBe(403)
    expect((await api().post(RULES).send(weekendRule())).status).toBe(401)
    expect((await SessionRule.findById(created.body.id).lean())!.capacity).toBeUndefined()
  })

  it('lists a point’s rules, shows one, updates (capacity null = default again) and archives', async () => {
    const h = await makeHall({ regionCode: '140902', serviceIds: [id(items[0])] })
    const created = await api().post(RULES).set(countyAdmin.auth).send(weekendRule({ hallId: id(h), capacity: 7 }))
    expect(created.body).toMatchObject({ capacity: 7, capacityIsDefault: false })
    const list = await api().get(`${RULES}?hallId=${id(h)}`).set(countyAdmin.auth)
    expect(list.status).toBe(200)
    expect(list.body).toMatchObject({ total: 1, page: 1 })
    expect(list.body.items[0]).toMatchObject({ id: created.body.id, hallName: expect.any(String) })
    const mine = await api().get(RULES).set(otherAdmin.auth)
    expect(mine.body.items.some((r: { id: string }) => r.id === created.body.id)).toBe(false)

    const patched = await api().patch(`${RULES}/${created.body.id}`).set(countyAdmin.auth).send({ capacity: null, end: '11:00', effectiveTo: '2026-12-31' })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ capacity: 1, capacityIsDefault: true, end: '11:00', effectiveTo: '2026-12-31' })
    const bad = await api().patch(`${RULES}/${created.body.id}`).set(countyAdmin.auth).send({ slotMinutes: 45 })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('slotMinutes')

    const slotsBefore = (await api().get(`/api/v1/slots?hallId=${id(h)}&from=${SATURDAY}&to=${SATURDAY}`)).body
    expect(slotsBefore).toHaveLength(4)
    const archived = await api().delete(`${RULES}/${created.body.id}`).set(countyAdmin.auth)
    expect(archived.body.status).toBe('archived')
    expect((await api().get(`/api/v1/slots?hallId=${id(h)}&from=${SATURDAY}&to=${SATURDAY}`)).body).toEqual([])
    expect((await api().get(`${RULES}/${new mongoose.Types.ObjectId()}`).set(admin.auth)).status).toBe(404)
  })

  it('seeds demo rules through seedSessionRules (validated, marked demo, offHours updated)', async () => {
    const item = await makeService()
    const h = await makeHall({ regionCode: '140902', serviceIds: [id(item)] })
    await Service.updateOne({ _id: item._id }, { $set: { offHours: false } })
    const n = await seedSessionRules(
      // a weekend rule: offHours now means a session within the horizon, and no public holiday falls in it
      [{ hallKey: 'centre', label: '双休日值班', dayTypes: ['weekend'], start: '09:00', end: '12:00', slotMinutes: 30, capacity: 6, serviceCodes: ['X1'] }],
      new Map([['centre', id(h)]]),
      new Map([['X1', id(item)]]),
    )
    expect(n).toBe(1)
    expect(await SessionRule.findOne({ hallId: h._id }).lean()).toMatchObject({ demo: true, capacity: 6, createdBy: 'seed' })
    expect((await Service.findById(item._id).lean())!.offHours).toBe(true)
    await expect(seedSessionRules([{ hallKey: 'nope', label: '双休日值班', dayTypes: ['weekend'], start: '09:00', end: '10:00', slotMinutes: 30, serviceCodes: [] }], new Map(), new Map())).rejects.toThrow(/nope/)
  })
})

describe('GET /slots', () => {
  let w: Awaited<ReturnType<typeof makeWorld>>
  beforeAll(async () => {
    w = await makeWorld({ capacity: 2, ruleServices: 'first' })
  })

  it('lists the bookable slots of a point with capacity and remaining seats', async () => {
    await book(await citizen(), w.slot(SATURDAY, '09:00'), w.service._id)
    const res = await api().get(`/api/v1/slots?hallId=${w.hall._id}&from=${SATURDAY}&to=2026-11-29`)
    expect(res.status).toBe(200)
    expect(res.body).toHaveLength(12)
    expect(res.body[0]).toEqual({
      id: w.slot(SATURDAY, '09:00'),
      hallId: String(w.hall._id),
      date: SATURDAY,
      start: '09:00',
      end: '09:30',
      label: '双休日值班',
      dayType: 'weekend',
      capacity: 2,
      remaining: 1,
    })
    expect(res.body[1].remaining).toBe(2)
  })

  it('filters by item: an item the rule does not offer has no slots', async () => {
    expect((await api().get(`/api/v1/slots?hallId=${w.hall._id}&serviceId=${w.services[0]._id}&from=${SATURDAY}&to=${SATURDAY}`)).body).toHaveLength(6)
    expect((await api().get(`/api/v1/slots?hallId=${w.hall._id}&serviceId=${w.services[1]._id}`)).body).toEqual([])
  })

  it('is bounded to the 14-day horizon and respects the 2-hour notice', async () => {
    const all = (await api().get(`/api/v1/slots?hallId=${w.hall._id}&from=2026-11-01&to=2027-03-01`)).body as { date: string }[]
    expect(all[0].date).toBe(SATURDAY)
    expect(all.at(-1)!.date).toBe('2026-12-06') // Saturday 12-12 09:00 is beyond 14 days of Friday 10:00
    expect(new Set(all.map((s) => s.date))).toEqual(new Set([SATURDAY, '2026-11-29', '2026-12-05', '2026-12-06']))
    setNow(instantOf(SATURDAY, '07:59'))
    const today = (await api().get(`/api/v1/slots?hallId=${w.hall._id}&from=${SATURDAY}&to=${SATURDAY}`)).body as { start: string }[]
    expect(today.map((s) => s.start)).toEqual(['10:00', '10:30', '11:00', '11:30'])
  })

  it('follows the official calendar: a 调休 Saturday has no weekend session; Golden Week has holiday sessions only', async () => {
    const h = await makeHall({ regionCode: '140902', serviceIds: [id(items[0])], regularHours: [{ start: '09:00', end: '17:00' }] })
    const post = (body: Record<string, unknown>) => api().post(RULES).set(admin.auth).send({ hallId: id(h), ...body })
    expect((await post({ label: '双休日值班', dayTypes: ['weekend'], start: '09:00', end: '10:00' })).status).toBe(201)
    expect((await post({ label: '节假日预约', dayTypes: ['holiday'], start: '10:00', end: '11:00' })).status).toBe(201)
    expect((await post({ label: '延时服务', dayTypes: ['workday'], start: '17:00', end: '18:00' })).status).toBe(201)
    const labelsOn = async (date: string) => {
      const slots = (await api().get(`/api/v1/slots?hallId=${id(h)}&from=${date}&to=${date}`)).body as { label: string; dayType: string }[]
      return [...new Set(slots.map((s) => `${s.label}/${s.dayType}`))]
    }
    setNow(instantOf('2026-09-29', '10:00'))
    expect(await labelsOn('2026-10-03')).toEqual(['节假日预约/holiday']) // a Saturday inside Golden Week
    expect(await labelsOn('2026-10-01')).toEqual(['节假日预约/holiday'])
    setNow(instantOf('2026-10-08', '10:00'))
    expect(await labelsOn('2026-10-10')).toEqual(['延时服务/makeup_workday']) // 调休 Saturday
    expect(await labelsOn('2026-10-11')).toEqual(['双休日值班/weekend'])
  })

  it('answers 404 for an unknown point and 400 for a missing point or reversed range', async () => {
    expect((await api().get(`/api/v1/slots?hallId=${new mongoose.Types.ObjectId()}`)).status).toBe(404)
    expect((await api().get('/api/v1/slots')).status).toBe(400)
    const reversed = await api().get(`/api/v1/slots?hallId=${w.hall._id}&from=2026-12-01&to=2026-11-30`)
    expect(reversed.status).toBe(400)
    expect(reversed.body.error.details.issues[0].path).toBe('to')
  })
})

describe('POST /admin/sessions/:hallId/:date/cancel', () => {
  it('when an administrator cancels a day, then its active bookings are cancelled and released, the bookers and waiting people notified, and the day has no slots', async () => {
    const w = await makeWorld({ capacity: 1 })
    const [a, b, c, waiting] = await citizens(4)
    const bookedA = await book(a, w.slot(SATURDAY, '09:00'), w.service._id)
    const bookedB = await book(b, w.slot(SATURDAY, '11:30'), w.service._id)
    const otherDay = await book(c, w.slot('2026-11-29', '09:00'), w.service._id)
    const joined = await api()
      .post(`/api/v1/slots/${w.slot(SATURDAY, '09:00')}/waitlist`)
      .set(waiting.auth)
      .send({ serviceId: String(w.service._id), applicant: { name: '候补人', phone: '13700000000' } })
    expect(joined.status).toBe(201)

    const res = await api().post(`/api/v1/admin/sessions/${w.hall._id}/${SATURDAY}/cancel`).set(admin.auth).send({ reason: '停电检修' })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ hallId: String(w.hall._id), date: SATURDAY, reason: '停电检修', cancelledBookings: 2, closedWaitlistEntries: 1 })

    for (const booked of [bookedA, bookedB]) {
      const stored = await Booking.findById(booked.body.id).lean()
      expect(stored).toMatchObject({ status: 'cancelled', holdsClaims: false })
      expect(stored!.history.at(-1)).toMatchObject({ status: 'cancelled', action: 'session_cancelled', by: admin.id, byRole: 'admin', reason: '场次取消：停电检修' })
      expect(await BookingClaim.countDocuments({ bookingId: booked.body.id })).toBe(0)
      expect(await Notification.findById(`session-cancelled:${booked.body.id}`).lean()).toMatchObject({ kind: 'session_cancelled' })
      expect(await AuditLog.find({ bookingId: booked.body.id }).lean()).toEqual([
        expect.objectContaining({ action: 'booking.cancel', actorId: admin.id, actorRole: 'admin', hallId: String(w.hall._id) }),
      ])
    }
    expect(await AuditLog.find({ action: 'session.cancel' }).lean()).toEqual([
      expect.objectContaining({ actorId: admin.id, hallId: String(w.hall._id), details: { date: SATURDAY, reason: '停电检修' } }),
    ])
    expect((await Booking.findById(otherDay.body.id).lean())!.status).toBe('booked')
    expect(await WaitlistEntry.findById(joined.body.id).lean()).toMatchObject({ status: 'cancelled' })
    expect(await Notification.countDocuments({ userId: waiting.id })).toBe(1)
    expect(await SessionCancellation.findById(`${w.hall._id}:${SATURDAY}`).lean()).toMatchObject({ reason: '停电检修', by: admin.id })
    expect((await api().get(`/api/v1/slots?hallId=${w.hall._id}&from=${SATURDAY}&to=${SATURDAY}`)).body).toEqual([])

    const again = await api().post(`/api/v1/admin/sessions/${w.hall._id}/${SATURDAY}/cancel`).set(admin.auth).send({ reason: '停电检修' })
    expect(again.body.cancelledBookings).toBe(0)
    expect(await AuditLog.countDocuments({ hallId: String(w.hall._id) })).toBe(3)
  })

  it('when the administrator is of another region, the date is past or the reason is missing, then 403 / 422 / 400', async () => {
    const w = await makeWorld()
    const url = `/api/v1/admin/sessions/${w.hall._id}/2026-11-29/cancel`
    expect((await api().post(url).set(otherAdmin.auth).send({ reason: '停电检修' })).status).toBe(403)
    expect((await api().post(url).set(admin.auth).send({})).status).toBe(400)
    const past = await api().post(`/api/v1/admin/sessions/${w.hall._id}/2026-11-20/cancel`).set(admin.auth).send({ reason: '停电检修' })
    expect(past.status).toBe(422)
    expect(await SessionCancellation.countDocuments({ hallId: w.hall._id })).toBe(0)
  })
})
