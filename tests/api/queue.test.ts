import { addDays } from '@xz/shared'
import { setNow } from '../../server/src/lib/clock'
import { AuditLog } from '../../server/src/modules/audit/audit.model'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { DeskClaim } from '../../server/src/modules/staff/desk-claim.model'
import { Walkin } from '../../server/src/modules/staff/walkin.model'
import { api } from '../helpers/app'
import { account, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { at, deskWorld, makeBooking, makeHall, makeService, testDay, type DeskWorld } from '../helpers/desk-fixtures'

useTestDb()

let w: DeskWorld
beforeAll(async () => {
  w = await deskWorld()
})
afterEach(() => setNow(undefined))

type Hall = Awaited<ReturnType<typeof makeHall>>

async function pointWithStaff(): Promise<{ hall: Hall; staff: Session }> {
  const hall = await makeHall({ serviceIds: [w.service._id] })
  const staff = await account({ role: 'staff', hallIds: [hall._id] })
  return { hall, staff }
}

const checkin = (s: Session, code: string) => api().post('/api/v1/staff/checkins').set(s.auth).send({ code })
const next = (s: Session, hallId: unknown, windowNumber?: string) =>
  api()
    .post('/api/v1/staff/queue/next')
    .set(s.auth)
    .send({ hallId: String(hallId), ...(windowNumber ? { windowNumber } : {}) })
const walkin = (s: Session, body: Record<string, unknown>) => api().post('/api/v1/staff/walkins').set(s.auth).send(body)
const queue = (s: Session, hallId: unknown) => api().get('/api/v1/staff/queue').query({ hallId: String(hallId) }).set(s.auth)

describe('POST /staff/queue/next: calling order', () => {
  it('when people wait, then they are called by slot start, then queue number, walk-ins by arrival, and then nobody', async () => {
    const { hall, staff } = await pointWithStaff()
    const late = await makeBooking({ hall, service: w.service, start: '10:30', name: '晚场甲' })
    const early1 = await makeBooking({ hall, service: w.service, start: '10:00', name: '早场乙' })
    const early2 = await makeBooking({ hall, service: w.service, start: '10:00', name: '早场丙' })
    setNow(at('10:02'))
    expect((await checkin(staff, late.code)).body.queueNumber).toBe('Y001')
    expect((await checkin(staff, early1.code)).body.queueNumber).toBe('Y002')
    expect((await checkin(staff, early2.code)).body.queueNumber).toBe('Y003')
    setNow(at('10:06'))
    const walk = await walkin(staff, { hallId: hall._id.toString(), serviceId: w.service._id.toString(), name: '现场丁' })
    expect(walk.status).toBe(201)
    expect(walk.body.queueNumber).toBe('W001')

    const called: string[] = []
    for (const window of ['1', '2', '1', '2']) {
      const res = await next(staff, hall._id, window)
      expect(res.status).toBe(200)
      expect(res.body.windowNumber).toBe(window)
      called.push(`${res.body.queueNumber} ${res.body.name}`)
    }
    expect(called).toEqual(['Y002 早场乙', 'Y003 早场丙', 'W001 现场丁', 'Y001 晚场甲'])
    const empty = await next(staff, hall._id, '1')
    expect(empty.status).toBe(404)
    expect(empty.body.error.code).toBe('QUEUE_EMPTY')

    const stored = await Booking.findById(early1._id).lean()
    expect(stored?.windowNumber).toBe('1')
    expect(stored?.calledAt).toBeInstanceOf(Date)
    expect((await Walkin.findById(walk.body.id).lean())?.windowNumber).toBe('1')
    expect(await AuditLog.countDocuments({ hallId: hall._id.toString(), action: { $in: ['booking.call', 'walkin.call'] } })).toBe(4)
    // each booker gets one 叫号 notice (the app's 消息 list), the walk-in none
    const { Notification } = await import('../../server/src/modules/notifications/notification.model')
    const calls = await Notification.find({ kind: 'queue_called', bookingId: { $in: [late._id, early1._id, early2._id] } }).lean()
    expect(calls).toHaveLength(3)
    const early1Call = calls.find((n) => String(n.bookingId) === String(early1._id))
    expect(early1Call).toMatchObject({ _id: `called:${early1._id}`, userId: early1.userId, title: '请 Y002 号到 1 号窗口办理' })
  })

  it('when several windows call at the same moment, then each person is called once and the extra calls find the queue empty', async () => {
    const { hall, staff } = await pointWithStaff()
    const bookings = await Promise.all(Array.from({ length: 10 }, () => makeBooking({ hall, service: w.service, start: '11:00' })))
    setNow(at('10:45'))
    for (const b of bookings) await checkin(staff, b.code).expect(200)
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => next(staff, hall._id, String((i % 4) + 1))))
    const ok = results.filter((r) => r.status === 200)
    expect(ok).toHaveLength(10)
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(10)
    expect(results.filter((r) => r.status === 404 && r.body.error.code === 'QUEUE_EMPTY')).toHaveLength(2)
    const stored = await Booking.find({ hallId: hall._id }).lean()
    expect(stored.every((b) => b.calledAt)).toBe(true)
    expect(await DeskClaim.countDocuments({ kind: 'call', ref: { $in: bookings.map((b) => b._id.toString()) } })).toBe(10)
  })

  it('when a booking is only booked (not checked in) or from another day, then it is not called', async () => {
    const { hall, staff } = await pointWithStaff()
    await makeBooking({ hall, service: w.service, start: '11:00' })
    const yesterday = await makeBooking({ hall, service: w.service, start: '11:00', date: addDays(testDay(), -1) })
    await Booking.updateOne({ _id: yesterday._id }, { $set: { status: 'checked_in', queueNumber: 'Y001', checkedInAt: at('10:40', yesterday.date) } })
    setNow(at('10:45'))
    const res = await next(staff, hall._id)
    expect(res.status).toBe(404)
    expect(res.body.error).toMatchObject({ code: 'QUEUE_EMPTY', details: { hallId: hall._id.toString(), date: testDay() } })
  })

  it('when staff of another point call, then 403; when the body is wrong, then 400', async () => {
    const { hall } = await pointWithStaff()
    expect((await next(w.actors.staffOther, hall._id)).status).toBe(403)
    expect((await next(w.actors.adminOther, hall._id)).status).toBe(403)
    expect((await next(w.actors.adminHere, hall._id)).status).toBe(404)
    const bad = await api().post('/api/v1/staff/queue/next').set(w.actors.adminHere.auth).send({ hallId: hall._id.toString(), windowNumber: '' })
    expect(bad.status).toBe(400)
  })
})

describe('GET /staff/queue', () => {
  it('when some are called and one served, then the queue shows who waits, who is called, and how many were served', async () => {
    const { hall, staff } = await pointWithStaff()
    const bs = await Promise.all(
      ['14:00', '14:00', '14:30'].map((start, i) => makeBooking({ hall, service: w.service, start, name: `排队${i}`, mobile: '13812345678' })),
    )
    setNow(at('14:05'))
    for (const b of bs) await checkin(staff, b.code).expect(200)
    const first = await next(staff, hall._id, '3')
    const second = await next(staff, hall._id, '4')
    await api().post(`/api/v1/staff/bookings/${first.body.id}/serve`).set(staff.auth).expect(200)

    const res = await queue(staff, hall._id)
    expect(res.status).toBe(200)
    expect(res.body.date).toBe(testDay())
    expect(res.body.servedCount).toBe(1)
    expect(res.body.called.map((e: { id: string }) => e.id)).toEqual([second.body.id])
    expect(res.body.called[0]).toMatchObject({ windowNumber: '4', kind: 'booking' })
    expect(res.body.waiting).toHaveLength(1)
    expect(res.body.waiting[0]).toMatchObject({ name: '排队2', mobileMasked: '138****5678', start: '14:30', kind: 'booking' })
    expect(JSON.stringify(res.body)).not.toContain('13812345678')
    expect((await queue(w.actors.staffOther, hall._id)).status).toBe(403)
  })
})

describe('POST /staff/walkins', () => {
  it('when visitors without a booking register, then they get W-numbers of the day, distinct even in parallel', async () => {
    const { hall, staff } = await pointWithStaff()
    setNow(at('09:00'))
    const body = { hallId: hall._id.toString(), serviceId: w.service._id.toString() }
    const results = await Promise.all(Array.from({ length: 20 }, () => walkin(staff, body)))
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201))
    expect(results.map((r) => r.body.queueNumber).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `W${String(i + 1).padStart(3, '0')}`))
    expect(await Walkin.countDocuments({ hallId: hall._id, date: testDay() })).toBe(20)
    expect(await AuditLog.countDocuments({ hallId: hall._id.toString(), action: 'walkin.create' })).toBe(20)
  })

  it('when a name and mobile are given, then the mobile is stored but shown masked', async () => {
    const { hall, staff } = await pointWithStaff()
    const res = await walkin(staff, { hallId: hall._id.toString(), serviceId: w.service._id.toString(), name: '刘现场', mobile: '+86 139 0350 1234' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ name: '刘现场', mobileMasked: '139****1234', status: 'waiting', serviceName: '个体工商户设立登记' })
    expect((await Walkin.findById(res.body.id).lean())?.mobile).toBe('13903501234')
  })

  it('when the item is not handled at the point, unknown, or the body is wrong, then 422, 404 or 400', async () => {
    const { hall, staff } = await pointWithStaff()
    const elsewhere = await makeService({ name: '不动产登记' })
    const notOffered = await walkin(staff, { hallId: hall._id.toString(), serviceId: elsewhere._id.toString() })
    expect(notOffered.status).toBe(422)
    expect(notOffered.body.error.code).toBe('SERVICE_NOT_OFFERED')
    const unknown = await walkin(staff, { hallId: hall._id.toString(), serviceId: '64b7f0c2a1b2c3d4e5f60718' })
    expect(unknown.status).toBe(404)
    for (const body of [
      { hallId: hall._id.toString() },
      { hallId: hall._id.toString(), serviceId: w.service._id.toString(), mobile: '12345' },
      { hallId: hall._id.toString(), serviceId: w.service._id.toString(), note: 'x' },
    ]) {
      expect((await walkin(staff, body)).status).toBe(400)
    }
    expect(await Walkin.countDocuments({ hallId: hall._id })).toBe(0)
    expect(await DeskClaim.countDocuments({ scope: `${hall._id}:${testDay()}:W` })).toBe(0)
    const forbidden = await walkin(w.actors.staffOther, { hallId: hall._id.toString(), serviceId: w.service._id.toString() })
    expect(forbidden.status).toBe(403)
  })

  it('when a walk-in is served, then it leaves the queue; a second serve is 422 and other points get 403', async () => {
    const { hall, staff } = await pointWithStaff()
    const res = await walkin(staff, { hallId: hall._id.toString(), serviceId: w.service._id.toString() })
    expect((await api().post(`/api/v1/staff/walkins/${res.body.id}/serve`).set(w.actors.staffOther.auth)).status).toBe(403)
    const served = await api().post(`/api/v1/staff/walkins/${res.body.id}/serve`).set(staff.auth)
    expect(served.status).toBe(200)
    expect(served.body.status).toBe('served')
    expect((await Walkin.findById(res.body.id).lean())).toMatchObject({ status: 'served', servedBy: staff.id })
    const again = await api().post(`/api/v1/staff/walkins/${res.body.id}/serve`).set(staff.auth)
    expect(again.status).toBe(422)
    const q = await queue(staff, hall._id)
    expect(q.body.waiting).toHaveLength(0)
    expect(q.body.servedCount).toBe(1)
  })
})
