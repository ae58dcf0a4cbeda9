import { instantOf } from '@xz/shared'
import { setNow } from '../../server/src/lib/clock'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { WaitlistEntry } from '../../server/src/modules/bookings/waitlist.model'
import { Notification } from '../../server/src/modules/notifications/notification.model'
import { api } from '../helpers/app'
import { account, type Session } from '../helpers/auth'
import { NOW, SATURDAY, book, citizens, makeWorld, slotInvariants, type World } from '../helpers/booking-fixtures'
import { useTestDb } from '../helpers/db'

useTestDb()

beforeAll(() => setNow(NOW))
afterAll(() => setNow(undefined))
afterEach(() => setNow(NOW))

function join(who: Session, slotId: string, serviceId: unknown, name = '候补人') {
  return api()
    .post(`/api/v1/slots/${slotId}/waitlist`)
    .set(who.auth)
    .send({ serviceId: String(serviceId), applicant: { name, phone: '13700001111' } })
}

/** A slot with one seat, taken; returns the booker. */
async function fullSlot(w: World, start = '09:00'): Promise<{ holder: Session; bookingId: string; slotId: string }> {
  const [holder] = await citizens(1)
  const slotId = w.slot(SATURDAY, start)
  const res = await book(holder, slotId, w.service._id)
  expect(res.status).toBe(201)
  return { holder, bookingId: res.body.id, slotId }
}

describe('waitlist', () => {
  it('when the slot still has seats, then joining is 422 SLOT_NOT_FULL', async () => {
    const w = await makeWorld({ capacity: 2 })
    const [who] = await citizens(1)
    const res = await join(who, w.slot(SATURDAY, '09:00'), w.service._id)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('SLOT_NOT_FULL')
    expect(await WaitlistEntry.countDocuments({ userId: who.id })).toBe(0)
  })

  it('when people join a full slot, then they get positions in order; joining twice is 409; without applicant or profile 400', async () => {
    const w = await makeWorld({ capacity: 1 })
    const { slotId } = await fullSlot(w)
    const [first, second, third] = await citizens(3)
    const a = await join(first, slotId, w.service._id)
    expect(a.status).toBe(201)
    expect(a.body).toMatchObject({ slotId, status: 'waiting', position: 1, date: SATURDAY, start: '09:00', serviceName: w.service.name })
    const b = await join(second, slotId, w.service._id)
    expect(b.body.position).toBe(2)
    const twice = await join(first, slotId, w.service._id)
    expect(twice.status).toBe(409)
    expect(twice.body.error.code).toBe('ALREADY_WAITLISTED')
    const noApplicant = await api().post(`/api/v1/slots/${slotId}/waitlist`).set(third.auth).send({ serviceId: String(w.service._id) })
    expect(noApplicant.status).toBe(400)
    expect(noApplicant.body.error.details.issues[0].path).toBe('applicant')
    expect(await WaitlistEntry.countDocuments({ slotId, status: 'waiting' })).toBe(2)
    const mine = await api().get('/api/v1/bookings/waitlist').set(second.auth)
    expect(mine.body).toMatchObject({ total: 1, items: [{ id: b.body.id, position: 2, status: 'waiting' }] })
  })

  it('when a booker cancels, then the first waiting person gets the seat automatically (a booking fromWaitlist, by system) and is notified', async () => {
    const w = await makeWorld({ capacity: 1 })
    const { holder, bookingId, slotId } = await fullSlot(w)
    const [first, second] = await citizens(2)
    const e1 = await join(first, slotId, w.service._id, '甲')
    const e2 = await join(second, slotId, w.service._id, '乙')

    expect((await api().post(`/api/v1/bookings/${bookingId}/cancel`).set(holder.auth).send({})).status).toBe(200)

    const promoted = await Booking.findOne({ userId: first.id }).lean()
    expect(promoted).toMatchObject({ slotId, status: 'booked', fromWaitlist: true, applicant: { name: '甲' } })
    expect(promoted!.history[0]).toMatchObject({ action: 'promoted', by: 'system', byRole: 'system' })
    expect(await WaitlistEntry.findById(e1.body.id).lean()).toMatchObject({ status: 'promoted', bookingId: promoted!._id })
    const notice = await Notification.findById(`waitlist-promoted:${e1.body.id}`).lean()
    expect(notice).toMatchObject({ kind: 'waitlist_promoted', bookingId: promoted!._id })
    expect(notice!.body).toContain(promoted!.code)
    expect(await slotInvariants(slotId, 1)).toMatchObject({ active: 1, seats: 1, orphanSeats: 0 })

    const list = await api().get('/api/v1/bookings/waitlist').set(first.auth)
    expect(list.body.items[0]).toMatchObject({ status: 'promoted', bookingId: String(promoted!._id) })
    const next = await api().get('/api/v1/bookings/waitlist?status=waiting').set(second.auth)
    expect(next.body.items[0]).toMatchObject({ id: e2.body.id, position: 1 })
    const myBookings = await api().get('/api/v1/bookings').set(first.auth)
    expect(myBookings.body.items[0]).toMatchObject({ fromWaitlist: true, slotId })
  })

  it('when the first in line no longer meets the rules, then they are skipped (and told) and the next person gets the seat', async () => {
    const w = await makeWorld({ capacity: 1, serviceCount: 2 })
    const { holder, bookingId, slotId } = await fullSlot(w)
    const [busy, next] = await citizens(2)
    await join(busy, slotId, w.service._id)
    await join(next, slotId, w.service._id)
    // meanwhile `busy` booked the same item that day elsewhere: the quota forbids a second booking
    expect((await book(busy, w.slot(SATURDAY, '11:30'), w.service._id)).status).toBe(201)

    await api().post(`/api/v1/bookings/${bookingId}/cancel`).set(holder.auth).send({})
    expect(await WaitlistEntry.findOne({ userId: busy.id }).lean()).toMatchObject({ status: 'skipped' })
    expect(await Notification.countDocuments({ userId: busy.id, kind: 'waitlist_closed' })).toBe(1)
    expect(await Booking.findOne({ userId: next.id, slotId }).lean()).toMatchObject({ status: 'booked', fromWaitlist: true })
  })

  it('when a booking is rescheduled away or the capacity is raised, then waiting people are promoted', async () => {
    const w = await makeWorld({ capacity: 1 })
    const { holder, bookingId, slotId } = await fullSlot(w)
    const [first, second] = await citizens(2)
    await join(first, slotId, w.service._id)
    await join(second, slotId, w.service._id)
    const moved = await api().post(`/api/v1/bookings/${bookingId}/reschedule`).set(holder.auth).send({ slotId: w.slot(SATURDAY, '10:00') })
    expect(moved.status).toBe(200)
    expect(await Booking.countDocuments({ userId: first.id, slotId, status: 'booked' })).toBe(1)

    const admin = await account({ role: 'admin', regionCode: '140900' })
    expect((await api().patch(`/api/v1/admin/session-rules/${w.ruleId}`).set(admin.auth).send({ capacity: 2 })).status).toBe(200)
    expect(await Booking.countDocuments({ userId: second.id, slotId, status: 'booked' })).toBe(1)
    expect(await slotInvariants(slotId, 2)).toMatchObject({ active: 2, seats: 2, orphanSeats: 0, duplicateSeatNos: 0 })
  })

  it('when a seat frees less than 2 hours before the start, then the waiting people are told it expired', async () => {
    const w = await makeWorld({ capacity: 1 })
    const { holder, bookingId, slotId } = await fullSlot(w, '11:00')
    const [first] = await citizens(1)
    const entry = await join(first, slotId, w.service._id)
    setNow(instantOf(SATURDAY, '09:30'))
    expect((await api().post(`/api/v1/bookings/${bookingId}/cancel`).set(holder.auth).send({})).status).toBe(200)
    expect(await WaitlistEntry.findById(entry.body.id).lean()).toMatchObject({ status: 'expired' })
    expect(await Booking.countDocuments({ userId: first.id })).toBe(0)
  })

  it('when a person leaves the waitlist, then the entry is closed; someone else cannot close it', async () => {
    const w = await makeWorld({ capacity: 1 })
    const { slotId } = await fullSlot(w)
    const [who, other] = await citizens(2)
    const entry = await join(who, slotId, w.service._id)
    expect((await api().delete(`/api/v1/bookings/waitlist/${entry.body.id}`).set(other.auth)).status).toBe(403)
    const left = await api().delete(`/api/v1/bookings/waitlist/${entry.body.id}`).set(who.auth)
    expect(left.status).toBe(200)
    expect(left.body.status).toBe('left')
    expect((await api().delete(`/api/v1/bookings/waitlist/${entry.body.id}`).set(who.auth)).status).toBe(422)
    // and may join again
    expect((await join(who, slotId, w.service._id)).status).toBe(201)
  })
})
