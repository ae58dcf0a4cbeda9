/**
 * 周末办 (GET /weekend), 待评价 (GET /me/pending-ratings) and the 消息 badge (GET /notifications/unread-count,
 * POST /notifications/read-all), through HTTP against the real database.
 */
import { addDays, instantOf } from '@xz/shared'
import { setNow } from '../../server/src/lib/clock'
import { Notification } from '../../server/src/modules/notifications/notification.model'
import { SessionCancellation } from '../../server/src/modules/sessions/session.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { NOW, SATURDAY, book, makeWorld, type World } from '../helpers/booking-fixtures'
import { useTestDb } from '../helpers/db'

useTestDb()

let w: World
let staff: Session
beforeAll(async () => {
  setNow(NOW)
  w = await makeWorld({ capacity: 3 })
  staff = await account({ role: 'staff', hallIds: [w.hall._id] })
})
afterEach(() => setNow(NOW))
afterAll(() => setNow(undefined))

const weekend = (date: string) => api().get('/api/v1/weekend').query({ date })

describe('GET /weekend — 周末办, date first', () => {
  it('when two seats of the Saturday are taken, then the point and both items show the seats left that day', async () => {
    const [a, b] = [await citizen(), await citizen()]
    expect((await book(a, w.slot(SATURDAY, '09:00'), w.service._id)).status).toBe(201)
    expect((await book(b, w.slot(SATURDAY, '10:30'), w.services[1]._id)).status).toBe(201)
    const res = await weekend(SATURDAY)
    expect(res.status).toBe(200)
    // 6 slots of 3 seats
    expect(res.body).toMatchObject({ date: SATURDAY, dayType: 'weekend', inHorizon: true })
    const hall = res.body.halls.find((h: { id: string }) => h.id === String(w.hall._id))
    expect(hall).toMatchObject({ name: w.hall.name, remaining: 16, sessions: [{ label: '双休日值班', start: '09:00', end: '12:00', capacity: 18, remaining: 16 }] })
    expect(hall.serviceIds.sort()).toEqual(w.services.map((s) => String(s._id)).sort())
    const items = Object.fromEntries(res.body.services.map((s: { id: string; remaining: number }) => [s.id, s.remaining]))
    expect(items).toEqual({ [String(w.services[0]._id)]: 16, [String(w.services[1]._id)]: 16 })
  })

  it('when the date is a workday without sessions, then nothing is listed', async () => {
    const res = await weekend('2026-11-30')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ dayType: 'workday', inHorizon: true, halls: [], services: [] })
  })

  it('when the date is past the 14-day horizon, then inHorizon is false and nothing is listed', async () => {
    const res = await weekend(addDays(SATURDAY, 21))
    expect(res.body).toMatchObject({ inHorizon: false, halls: [], services: [] })
  })

  it('when an administrator cancelled the point on that day, then the point is left out', async () => {
    const sunday = addDays(SATURDAY, 1)
    expect((await weekend(sunday)).body.halls).toHaveLength(1)
    await SessionCancellation.create({ _id: `${w.hall._id}:${sunday}`, hallId: w.hall._id, date: sunday, reason: '检修', by: 'test', at: NOW })
    expect((await weekend(sunday)).body).toMatchObject({ halls: [], services: [] })
  })

  it('when the date is malformed, missing or past, then 400 naming the field', async () => {
    for (const q of [{ date: '2026-13-01' }, {}, { date: '2026-11-01' }]) {
      const res = await api().get('/api/v1/weekend').query(q)
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('VALIDATION_FAILED')
      expect(JSON.stringify(res.body.error.details)).toContain('date')
    }
  })
})

describe('待评价 and 消息 after service', () => {
  it('when a booking is served, then it is pending rating and its invitation is an unread notice; rating it closes the loop', async () => {
    const me = await citizen()
    const other = await citizen()
    const made = await book(me, w.slot(SATURDAY, '11:00'), w.service._id)
    expect(made.status).toBe(201)
    setNow(instantOf(SATURDAY, '10:50'))
    expect((await api().post('/api/v1/staff/checkins').set(staff.auth).send({ code: made.body.code })).status).toBe(200)
    setNow(instantOf(SATURDAY, '11:10'))
    expect((await api().post(`/api/v1/staff/bookings/${made.body.id}/serve`).set(staff.auth)).status).toBe(200)

    const pending = await api().get('/api/v1/me/pending-ratings').set(me.auth)
    expect(pending.status).toBe(200)
    expect(pending.body.items).toEqual([
      expect.objectContaining({ bookingId: made.body.id, serviceName: w.service.name, hallName: w.hall.name, date: SATURDAY, start: '11:00' }),
    ])
    expect((await api().get('/api/v1/me/pending-ratings').set(other.auth)).body.items).toEqual([])

    const unread = await api().get('/api/v1/notifications/unread-count').set(me.auth)
    expect(unread.status).toBe(200)
    const stored = await Notification.countDocuments({ userId: me.id, readAt: null })
    expect(stored).toBeGreaterThanOrEqual(1)
    expect(unread.body.unread).toBe(stored)
    expect((await api().get('/api/v1/notifications/unread-count').set(other.auth)).body.unread).toBe(0)

    const rated = await api().post('/api/v1/ratings').set(me.auth).send({ bookingId: made.body.id, level: 5 })
    expect(rated.status).toBe(201)
    expect((await api().get('/api/v1/me/pending-ratings').set(me.auth)).body.items).toEqual([])

    const all = await api().post('/api/v1/notifications/read-all').set(me.auth)
    expect(all.status).toBe(200)
    expect(all.body.updated).toBe(stored)
    expect(await Notification.countDocuments({ userId: me.id, readAt: null })).toBe(0)
    expect((await api().get('/api/v1/notifications/unread-count').set(me.auth)).body.unread).toBe(0)
  })

  it('when the 7-day window has passed, then the served booking is no longer pending', async () => {
    const me = await citizen()
    setNow(NOW)
    const made = await book(me, w.slot(SATURDAY, '09:30'), w.service._id)
    expect(made.status).toBe(201)
    setNow(instantOf(SATURDAY, '09:35'))
    await api().post('/api/v1/staff/checkins').set(staff.auth).send({ code: made.body.code })
    expect((await api().post(`/api/v1/staff/bookings/${made.body.id}/serve`).set(staff.auth)).status).toBe(200)
    expect((await api().get('/api/v1/me/pending-ratings').set(me.auth)).body.items).toHaveLength(1)
    setNow(instantOf(addDays(SATURDAY, 7), '09:50'))
    expect((await api().get('/api/v1/me/pending-ratings').set(me.auth)).body.items).toEqual([])
  })

  it('when nobody is signed in, then 401; when staff ask for pending ratings, then 403', async () => {
    expect((await api().get('/api/v1/me/pending-ratings')).status).toBe(401)
    expect((await api().get('/api/v1/notifications/unread-count')).status).toBe(401)
    expect((await api().post('/api/v1/notifications/read-all')).status).toBe(401)
    expect((await api().get('/api/v1/me/pending-ratings').set(staff.auth)).status).toBe(403)
  })
})
