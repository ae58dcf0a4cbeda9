/**
 * Fixtures for session and booking tests: a point with items and one session rule (created through the
 * sessions module's own write path), many citizens, booking requests, and the capacity invariants.
 */
import crypto from 'node:crypto'
import mongoose from 'mongoose'
import { instantOf, type SessionDayType } from '@xz/shared'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { BookingClaim } from '../../server/src/modules/bookings/claim.model'
import { createRuleAt, loadHall } from '../../server/src/modules/sessions/sessions.service'
import { slotIdOf, type SessionLabel } from '../../server/src/modules/sessions/sessions.rules'
import { api } from './app'
import { citizen, type Session } from './auth'
import { makeHall, makeService } from './factories'

/** Friday 2026-11-27 10:00 (Asia/Shanghai): the in-process clock of the booking tests. */
export const NOW = instantOf('2026-11-27', '10:00')
/** The next day, a plain Saturday. */
export const SATURDAY = '2026-11-28'

export interface WorldOptions {
  regionCode?: string
  capacity?: number
  dayTypes?: SessionDayType[]
  label?: SessionLabel
  start?: string
  end?: string
  slotMinutes?: number
  /** Items the rule offers; default: all of the point's. */
  ruleServices?: 'all' | 'first'
  /** Items the point handles (default 2). */
  serviceCount?: number
  /** The point's regular working-day hours (default none, so that any time can be an off-hours session). */
  regularHours?: { start: string; end: string }[]
}

export interface World {
  hall: { _id: mongoose.Types.ObjectId; regionCode: string; name: string }
  services: { _id: mongoose.Types.ObjectId; name: string }[]
  service: { _id: mongoose.Types.ObjectId; name: string }
  ruleId: string
  capacity: number
  /** The slot id of this rule on a date at a start time. */
  slot(date: string, start: string): string
}

/** A point handling `serviceCount` items, with one session rule (default: weekend 09:00–12:00, 30-minute slots). */
export async function makeWorld(opts: WorldOptions = {}): Promise<World> {
  const services = []
  for (let i = 0; i < (opts.serviceCount ?? 2); i++) services.push(await makeService({ regionCode: '140900' }))
  const hall = await makeHall({
    regionCode: opts.regionCode ?? '140902',
    serviceIds: services.map((s) => String(s._id)),
    regularHours: opts.regularHours ?? [],
  })
  const capacity = opts.capacity ?? 3
  const rule = await createRuleAt(
    await loadHall(hall._id),
    {
      hallId: String(hall._id),
      label: opts.label ?? '双休日值班',
      dayTypes: opts.dayTypes ?? ['weekend'],
      start: opts.start ?? '09:00',
      end: opts.end ?? '12:00',
      slotMinutes: opts.slotMinutes ?? 30,
      capacity,
      serviceIds: opts.ruleServices === 'first' ? [String(services[0]._id)] : [],
      status: 'active',
    },
    'test',
  )
  const ruleId = String(rule._id)
  return {
    hall: { _id: hall._id, regionCode: hall.regionCode, name: hall.name },
    services: services.map((s) => ({ _id: s._id, name: s.name })),
    service: { _id: services[0]._id, name: services[0].name },
    ruleId,
    capacity,
    slot: (date, start) => slotIdOf(ruleId, date, start),
  }
}

/** `n` signed-in citizens (real logins), a few at a time. */
export async function citizens(n: number): Promise<Session[]> {
  const out: Session[] = []
  for (let i = 0; i < n; i += 20) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(20, n - i) }, () => citizen()))))
  }
  return out
}

let phoneSeq = 0
/** A valid booking body for a slot and item. */
export function bookingBody(slotId: string, serviceId: string | mongoose.Types.ObjectId, overrides: Record<string, unknown> = {}) {
  phoneSeq = (phoneSeq + 1) % 10_000
  return {
    slotId,
    serviceId: String(serviceId),
    applicant: { name: '王晓明', phone: `1380000${String(phoneSeq).padStart(4, '0')}` },
    ...overrides,
  }
}

export function book(who: Session, slotId: string, serviceId: string | mongoose.Types.ObjectId, overrides: Record<string, unknown> = {}) {
  return api().post('/api/v1/bookings').set(who.auth).send(bookingBody(slotId, serviceId, overrides))
}

export const randomKey = () => `k-${crypto.randomBytes(8).toString('hex')}`

/**
 * The capacity invariants of a slot, read from the database: active bookings ≤ capacity, seat claims ≤
 * capacity, and every seat claim is held by an active booking that lists it.
 */
export async function slotInvariants(slotId: string, capacity: number) {
  const [active, seats] = await Promise.all([
    Booking.find({ slotId, status: { $in: ['booked', 'checked_in'] } }).select('claimIds seatNo').lean(),
    BookingClaim.find({ slotId, kind: 'seat' }).lean(),
  ])
  const byId = new Map(active.map((b) => [String(b._id), b]))
  const orphanSeats = seats.filter((c) => !byId.get(String(c.bookingId))?.claimIds.includes(c._id as string))
  const seatNos = active.map((b) => b.seatNo)
  return {
    active: active.length,
    seats: seats.length,
    orphanSeats: orphanSeats.length,
    duplicateSeatNos: seatNos.length - new Set(seatNos).size,
    withinCapacity: active.length <= capacity && seats.length <= capacity,
  }
}
