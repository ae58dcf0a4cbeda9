/**
 * A server process killed (SIGKILL) in the middle of a booking burst: after a restart and the repair job,
 * no slot holds more active bookings than seats, every held seat (and quota and active place) belongs
 * to an active booking that lists it, and no seat is lost: the slots can be filled to capacity again.
 */
import mongoose from 'mongoose'
import { setNow } from '../../server/src/lib/clock'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { repairClaims } from '../../server/src/modules/bookings/bookings.jobs'
import { BookingClaim, BookingLock } from '../../server/src/modules/bookings/claim.model'
import type { Session } from '../helpers/auth'
import { bookingBody, citizens, makeWorld, slotInvariants } from '../helpers/booking-fixtures'
import { useTestDb } from '../helpers/db'
import { http, startServerProcess, type ServerProcess } from '../helpers/server-process'
import { instantOf } from '@xz/shared'

jest.setTimeout(240_000)
const db = useTestDb()

let server: ServerProcess | undefined
afterAll(async () => {
  await server?.stop()
  setNow(undefined)
})

describe('crash safety', () => {
  it('when a process is killed mid-burst, then after restart and repair capacity holds, every held claim belongs to an active booking, and no seat is lost', async () => {
    const capacity = 10
    const world = await makeWorld({ capacity, dayTypes: ['workday', 'weekend', 'holiday'], label: '延时服务', start: '00:00', end: '23:30' })
    server = await startServerProcess({ dbUri: db.uri })
    // slots well past the 2 h booking notice, so none crosses that edge while the test runs
    const offered = (await http(server, 'GET', `/api/v1/slots?hallId=${world.hall._id}`)).body as { id: string; date: string; start: string }[]
    const slots = offered
      .filter((s) => instantOf(s.date, s.start).getTime() > Date.now() + 3 * 3600_000)
      .slice(0, 8)
      .map((s) => s.id)
    expect(slots).toHaveLength(8)
    const people = await citizens(120)

    // the burst: 120 bookings over 8 slots × 10 seats; the process dies once a quarter have been answered
    let answered = 0
    const victim = server
    let killed: Promise<void> | undefined
    const burst = people.map(async (p, i) => {
      try {
        await http(victim, 'POST', '/api/v1/bookings', { body: bookingBody(slots[i % slots.length], world.service._id), headers: p.auth })
      } catch {
        // the connection died with the process
      }
      if (++answered === 30) killed = victim.kill()
    })
    await Promise.all(burst)
    await killed
    expect(victim.proc.signalCode).toBe('SIGKILL')

    // what the crash left: the locks of the requests in flight (and maybe claims without bookings)
    expect(await BookingLock.countDocuments()).toBeGreaterThan(0)
    server = await startServerProcess({ dbUri: db.uri })

    // the repair job releases what the dead process held once the grace period (2 min) is over
    setNow(new Date(Date.now() + 3 * 60_000))
    const repaired = await repairClaims()
    setNow(undefined)
    expect(repaired.staleLocks).toBeGreaterThan(0)
    expect(await BookingLock.countDocuments()).toBe(0)

    const active = await Booking.find({ status: 'booked' }).lean()
    const listed = new Set(active.flatMap((b) => b.claimIds))
    const claims = await BookingClaim.find().lean()
    expect(claims.filter((c) => !listed.has(c._id as string)).map((c) => c._id)).toEqual([])
    expect(claims).toHaveLength(listed.size) // and every claim a booking lists exists
    for (const slotId of slots) {
      expect(await slotInvariants(slotId, capacity)).toMatchObject({ withinCapacity: true, orphanSeats: 0, duplicateSeatNos: 0 })
    }

    // no seat lost: the restarted process fills every slot to exactly its capacity
    const more = await citizens(slots.length * (capacity + 2))
    let k = 0
    for (const slotId of slots) {
      const free = capacity - (await Booking.countDocuments({ slotId, status: 'booked' }))
      const answers = await Promise.all(
        Array.from({ length: free + 2 }, () => {
          const who: Session = more[k++]
          return http(server!, 'POST', '/api/v1/bookings', { body: bookingBody(slotId, world.service._id), headers: who.auth })
        }),
      )
      expect(answers.filter((a) => a.status === 201)).toHaveLength(free)
      expect(await slotInvariants(slotId, capacity)).toMatchObject({ active: capacity, seats: capacity, orphanSeats: 0 })
    }
    expect(mongoose.connection.readyState).toBe(1)
  })
})
