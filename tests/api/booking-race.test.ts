/**
 * Race tests in one process: many parallel requests against the real database. Capacity and the
 * per-person limits hold because they are unique-key claims, not read-then-write checks.
 */
import supertest from 'supertest'
import { sleep } from '../../server/src/lib/clock'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { BookingClaim } from '../../server/src/modules/bookings/claim.model'
import { WaitlistEntry } from '../../server/src/modules/bookings/waitlist.model'
import { useListeningApp } from '../helpers/app'
import type { Session } from '../helpers/auth'
import { NOW, SATURDAY, bookingBody, citizens, makeWorld, slotInvariants } from '../helpers/booking-fixtures'
import { useTestDb } from '../helpers/db'

useTestDb()

const server = useListeningApp(NOW)
const http = () => supertest(server())
const post = (who: Session, path: string, body: unknown) => http().post(path).set(who.auth).send(body as object)

describe('booking races (one process)', () => {
  it('when 200 different people book a 5-seat slot at once, then exactly 5 get 201, 195 get 409 SLOT_FULL, and 5 bookings are stored', async () => {
    const w = await makeWorld({ capacity: 5 })
    const slotId = w.slot(SATURDAY, '09:00')
    const people = await citizens(200)
    const answers = await Promise.all(people.map((p) => post(p, '/api/v1/bookings', bookingBody(slotId, w.service._id))))
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(5)
    expect(statuses.filter((s) => s === 409)).toHaveLength(195)
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'SLOT_FULL')).toBe(true)
    expect(await Booking.countDocuments({ slotId })).toBe(5)
    expect(await slotInvariants(slotId, 5)).toEqual({ active: 5, seats: 5, orphanSeats: 0, duplicateSeatNos: 0, withinCapacity: true })
    const slots = (await http().get(`/api/v1/slots?hallId=${w.hall._id}&from=${SATURDAY}&to=${SATURDAY}`)).body
    expect(slots.find((s: { id: string }) => s.id === slotId).remaining).toBe(0)
    // the losers hold nothing
    expect(await BookingClaim.countDocuments({ kind: 'active' })).toBe(5)
    expect(await BookingClaim.countDocuments({ kind: 'quota' })).toBe(5)
  })

  it('when one person fires 20 requests for the same item and day at once, then exactly one booking is made', async () => {
    const w = await makeWorld({ capacity: 20 })
    const [who] = await citizens(1)
    const starts = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(who, '/api/v1/bookings', bookingBody(w.slot(SATURDAY, starts[i % starts.length]), w.service._id))),
    )
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'ALREADY_BOOKED')).toBe(true)
    expect(await Booking.countDocuments({ userId: who.id })).toBe(1)
    expect(await BookingClaim.countDocuments({ userId: who.id })).toBe(3)
  })

  it('when one person fires 20 requests for different items and days at once, then at most 3 are active', async () => {
    const w = await makeWorld({ capacity: 20, serviceCount: 2 })
    const [who] = await citizens(1)
    const combos = [SATURDAY, '2026-11-29', '2026-12-05'].flatMap((d) => w.services.map((s) => ({ d, s })))
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(who, '/api/v1/bookings', bookingBody(w.slot(combos[i % 6].d, '09:00'), combos[i % 6].s._id))),
    )
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3)
    expect(await Booking.countDocuments({ userId: who.id, status: 'booked' })).toBe(3)
    expect(await BookingClaim.countDocuments({ userId: who.id, kind: 'active' })).toBe(3)
  })

  it('when cancels and new bookings race on a full slot with a waitlist, then capacity is never exceeded and the first in line is promoted once', async () => {
    const capacity = 3
    const w = await makeWorld({ capacity })
    const slotId = w.slot(SATURDAY, '10:00')
    const holders = await citizens(9)
    const active: { who: Session; id: string }[] = []
    for (const who of holders.slice(0, capacity)) {
      const res = await post(who, '/api/v1/bookings', bookingBody(slotId, w.service._id))
      expect(res.status).toBe(201)
      active.push({ who, id: res.body.id })
    }
    const [first, second] = await citizens(2)
    const joinBody = (name: string) => ({ serviceId: String(w.service._id), applicant: { name, phone: '13700000001' } })
    expect((await post(first, `/api/v1/slots/${slotId}/waitlist`, joinBody('甲'))).status).toBe(201)
    expect((await post(second, `/api/v1/slots/${slotId}/waitlist`, joinBody('乙'))).status).toBe(201)

    // a sampler reads the slot while the races run: capacity must hold at every moment it looks
    let sampling = true
    const samples: number[] = []
    const sampler = (async () => {
      while (sampling) {
        samples.push((await slotInvariants(slotId, capacity)).active)
        await sleep(20)
      }
    })()

    const newcomers = holders.slice(capacity)
    for (let round = 0; round < 3; round++) {
      // each round: two holders cancel while two newcomers try to book (and repeats of each)
      const leaving = active.splice(0, 2)
      const comers = newcomers.splice(0, 2)
      const answers = await Promise.all([
        ...leaving.flatMap((b) => [post(b.who, `/api/v1/bookings/${b.id}/cancel`, {}), post(b.who, `/api/v1/bookings/${b.id}/cancel`, {})]),
        ...comers.flatMap((c) => [post(c, '/api/v1/bookings', bookingBody(slotId, w.service._id)), post(c, '/api/v1/bookings', bookingBody(slotId, w.service._id))]),
      ])
      const unexpected = answers.filter((a) => ![200, 201, 409, 422].includes(a.status)).map((a) => `${a.status} ${JSON.stringify(a.body)}`)
      expect(unexpected).toEqual([])
      const inv = await slotInvariants(slotId, capacity)
      expect(inv).toMatchObject({ withinCapacity: true, orphanSeats: 0, duplicateSeatNos: 0 })
      // refresh who holds what (promotions happen inside the cancels)
      const now = await Booking.find({ slotId, status: 'booked' }).lean()
      active.length = 0
      for (const b of now) {
        const who = [...holders, first, second].find((p) => p.id === String(b.userId))
        if (who && who !== first && who !== second) active.push({ who, id: String(b._id) })
      }
    }
    sampling = false
    await sampler
    expect(samples.length).toBeGreaterThan(0)
    expect(Math.max(...samples)).toBeLessThanOrEqual(capacity)

    // both waiting people were promoted, each exactly once
    const promoted = async (p: Session) => (await Booking.find({ userId: p.id, slotId }).lean()).map((b) => `${b.status}/${b.fromWaitlist}`)
    const entries = (await WaitlistEntry.find({ slotId }).sort({ joinedAt: 1 }).lean()).map((e) => `${e.status}${e.reason ? `: ${e.reason}` : ''}`)
    expect({ first: await promoted(first), second: await promoted(second), entries }).toEqual({
      first: ['booked/true'],
      second: ['booked/true'],
      entries: ['promoted', 'promoted'],
    })
    const end = await slotInvariants(slotId, capacity)
    expect(end).toMatchObject({ withinCapacity: true, orphanSeats: 0, duplicateSeatNos: 0 })
    expect(end.seats).toBe(end.active)
  })
})
