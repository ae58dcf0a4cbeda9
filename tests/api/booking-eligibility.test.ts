/**
 * Issue 12 item 6: `GET /bookings/eligibility` tells the booking form, before it is filled in, whether the person
 * may book (the 3-booking limit, a no-show suspension) and on which days they already booked the item.
 */
import { setNow } from '../../server/src/lib/clock'
import { BookingStanding } from '../../server/src/modules/bookings/standing.model'
import { api } from '../helpers/app'
import { account, type Session } from '../helpers/auth'
import { NOW, SATURDAY, book, citizens, makeWorld, type World } from '../helpers/booking-fixtures'
import { useTestDb } from '../helpers/db'

useTestDb()

const ELIGIBILITY = '/api/v1/bookings/eligibility'
let w: World

beforeAll(async () => {
  setNow(NOW)
  w = await makeWorld({ capacity: 5, serviceCount: 4 })
})
afterAll(() => setNow(undefined))

const check = (who: Session, query: Record<string, string> = {}) => api().get(ELIGIBILITY).set(who.auth).query(query)

describe('GET /bookings/eligibility', () => {
  it('when a citizen holds no bookings, then they may book and no day is taken', async () => {
    const [who] = await citizens(1)
    const res = await check(who, { serviceId: String(w.service._id) })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ activeCount: 0, limit: 3, canBook: true, bookedDates: [] })
  })

  it('when a citizen has booked an item on a day, then that day is reported for the item only', async () => {
    const [who] = await citizens(1)
    expect((await book(who, w.slot(SATURDAY, '09:00'), w.services[0]._id)).status).toBe(201)
    const same = await check(who, { serviceId: String(w.services[0]._id) })
    expect(same.body).toMatchObject({ activeCount: 1, canBook: true, bookedDates: [SATURDAY] })
    const other = await check(who, { serviceId: String(w.services[1]._id) })
    expect(other.body.bookedDates).toEqual([])
  })

  it('when a citizen holds 3 active bookings, then BOOKING_LIMIT is reported before any form, and a cancellation lifts it', async () => {
    const [who] = await citizens(1)
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      const res = await book(who, w.slot(SATURDAY, '10:00'), w.services[i]._id)
      expect(res.status).toBe(201)
      ids.push(res.body.id)
    }
    const full = await check(who)
    expect(full.body).toMatchObject({ activeCount: 3, limit: 3, canBook: false, reason: { code: 'BOOKING_LIMIT' } })
    expect(full.body.reason.message).toContain('3')
    // the booking itself is refused with the same code
    const refused = await book(who, w.slot(SATURDAY, '11:00'), w.services[3]._id)
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe('BOOKING_LIMIT')

    expect((await api().post(`/api/v1/bookings/${ids[0]}/cancel`).set(who.auth).send({})).status).toBe(200)
    expect((await check(who)).body).toMatchObject({ activeCount: 2, canBook: true })
  })

  it('when a citizen is suspended after two no-shows, then BOOKING_SUSPENDED with the date it ends', async () => {
    const [who] = await citizens(1)
    const day = 86_400_000
    await BookingStanding.create({ _id: who.id, noShows: [new Date(NOW.getTime() - 20 * day), new Date(NOW.getTime() - 5 * day)], at: NOW })
    const res = await check(who)
    expect(res.body).toMatchObject({ canBook: false, reason: { code: 'BOOKING_SUSPENDED' } })
    expect(new Date(res.body.suspendedUntil).getTime()).toBe(NOW.getTime() - 5 * day + 30 * day)
  })

  it('when called without a citizen session, with a bad item id or by staff, then 401 / 400 / 403', async () => {
    expect((await api().get(ELIGIBILITY)).status).toBe(401)
    const [who] = await citizens(1)
    const bad = await check(who, { serviceId: 'nope' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('VALIDATION_FAILED')
    const staff = await account({ role: 'staff', hallIds: [w.hall._id] })
    expect((await api().get(ELIGIBILITY).set(staff.auth)).status).toBe(403)
  })
})
