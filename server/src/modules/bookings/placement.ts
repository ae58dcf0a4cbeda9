import crypto from 'node:crypto'
import mongoose from 'mongoose'
import { now } from '../../lib/clock'
import { AppError, isDuplicateKey } from '../../lib/errors'
import { logger } from '../../lib/logger'
import { recentActiveServicesById, Service } from '../catalogue'
import { bookingWindow, type LoadedSlot, loadSlotWith, ruleOffers } from '../sessions'
import { Booking, hallDayKey } from './booking.model'
import { bookingCode, type NoShowStanding } from './bookings.rules'
import { claimForBooking, seatCandidates, releaseClaims, tryLock, unlock, type ClaimOwner, type SeatRef } from './claims'
import { WaitlistFlag } from './waitlist.model'
import type { ObjectId } from '../../lib/db'
import { GroupReads } from '../../lib/group-reads'
import { GroupWrites } from '../../lib/group-writes'
import type { Actor, BookingLean } from './booking.types'
import type { Names } from './booking.dto'
import { standingOf } from './standing'

// Placing a booking: the rules that need the database, then the unique-key claims (seat, quota, active place),
// then the booking document. Used by booking, rescheduling and waitlist promotion alike.
/** Read on every booking, grouped (lib/group-reads). */
const waitlistFlags = new GroupReads<{ _id: string }>(() => WaitlistFlag, { _id: 1 })

export async function hasWaitlist(slotId: string): Promise<boolean> {
  return waitlistFlags.exists(slotId)
}

export function assertBookableWindow(startAt: Date): void {
  const w = bookingWindow(startAt, now())
  if (w === 'too_late') throw new AppError('BOOKING_TOO_LATE', '需至少提前 2 小时预约')
  if (w === 'too_far') throw new AppError('BOOKING_TOO_FAR', '最多可预约 14 天内的时段')
}

/**
 * The item, if the slot offers it: from the in-process catalogue index when the point lists the item (no round trip),
 * otherwise read (an item linked from its own side, `hallIds`, or not active: refused by the rules).
 */
export async function offeredService(loaded: LoadedSlot, serviceId: string) {
  const indexed = (await recentActiveServicesById()).get(serviceId)
  if (indexed && ruleOffers(loaded.rule, loaded.hall, indexed)) return indexed
  const service = mongoose.isValidObjectId(serviceId)
    ? await Service.findById(serviceId).select('name hallIds bookable status').lean()
    : null
  if (!service || !ruleOffers(loaded.rule, loaded.hall, service)) {
    throw new AppError('SERVICE_NOT_OFFERED', '该时段不提供此事项的预约办理')
  }
  return service
}

// ---------------------------------------------------------------------------------------------
// Placing a booking: rules, then unique-key claims, then the booking document
// ---------------------------------------------------------------------------------------------
export interface PlaceBookingInput {
  /** Generated before claiming, so that every claim names the booking it is for. */
  bookingId: ObjectId
  userId: ObjectId | string
  slotId: string
  serviceId: string
  applicant: { name: string; mobile: string }
  enterprise?: { name: string; creditCode: string }
  note?: string
  actor: Actor
  fromWaitlist?: boolean
}

export interface Placed {
  booking: BookingLean
  standing: NoShowStanding
  /** Names of the booking's item and point (already read while booking). */
  names: Names
}

/**
 * The booking as the model stores it (defaults, timestamps), built without a mongoose document and without casting:
 * the busiest write of a burst, and `castObject` alone was 8 % of a burst's CPU. The fields come from code and
 * validated requests, already of the schema's types (ids as ObjectIds, instants as Dates); fields left undefined are
 * left out. tests/api/bookings.test.ts checks that what is stored has the model's types and passes its validation.
 */
function bookingDocument(doc: Record<string, unknown>): BookingLean {
  const stored = withoutUndefined(doc) as BookingLean
  Booking.applyDefaults(stored)
  Booking.applyTimestamps(stored)
  return stored
}

/** A copy without the undefined fields, one level into plain objects and arrays of them (the driver would store null). */
function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue
    out[k] = Array.isArray(v) ? v.map((x) => (isPlain(x) ? withoutUndefined(x) : x)) : isPlain(v) ? withoutUndefined(v) : v
  }
  return out
}
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype

/** Booking inserts of all requests, grouped (lib/group-writes): under load one `insert` command carries many. */
const bookingInserts = new GroupWrites(() => Booking, { raw: true })

async function insertWithFreshCode(doc: Record<string, unknown> & { _id: ObjectId }): Promise<BookingLean> {
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      const stored = bookingDocument({ ...doc, code: bookingCode(crypto.randomBytes(8)) })
      await bookingInserts.write({ insertOne: { document: stored } })
      return stored
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      // a booking with this id already exists (a concurrent promotion): not a code collision
      if (await Booking.exists({ _id: doc._id })) throw new AppError('CONFLICT', '该预约已存在')
    }
  }
  throw new AppError('INTERNAL', '生成预约码失败，请重试')
}

/** Where and when a booking of `seatNo` in a loaded slot takes place (the fields a move rewrites too). */
export function slotFields(loaded: LoadedSlot, seatNo: number) {
  const { slot } = loaded
  return {
    hallId: loaded.hall._id,
    regionCode: loaded.hall.regionCode,
    slotId: slot.id,
    ruleId: loaded.rule._id,
    date: slot.date,
    hallDay: hallDayKey(loaded.hall._id, slot.date),
    start: slot.start,
    end: slot.end,
    startAt: slot.startAt,
    endAt: slot.endAt,
    label: slot.label,
    seatNo,
  }
}

/**
 * Books a seat. The capacity and the per-person limits are enforced by claims (unique `_id` inserts):
 * the day's quota for the item, one of three active places, then a seat; a failed step releases what
 * was claimed. The per-booking lock marks the operation, so that a process dying half-way leaves
 * something the repair job finds.
 */
export async function placeBooking(input: PlaceBookingInput): Promise<Placed> {
  // Round trips: the slot, its rule, point and the calendar come from in-process caches; the day's cancellation
  // check and every read the rules need run at once (each by `_id`); then the lock, the claims and the booking.
  const seatRefOf = ({ slot, hall }: LoadedSlot): SeatRef => ({ slotId: slot.id, hallId: hall._id, date: slot.date, capacity: slot.capacity })
  const {
    loaded,
    result: [service, standing, free, waitlisted],
  } = await loadSlotWith(input.slotId, (l) =>
    Promise.all([
      offeredService(l, input.serviceId),
      standingOf(input.userId),
      seatCandidates(seatRefOf(l), { exact: input.fromWaitlist }),
      input.fromWaitlist ? false : hasWaitlist(l.slot.id),
    ]),
  )
  const { slot } = loaded
  assertBookableWindow(slot.startAt)
  const seatRef = seatRefOf(loaded)
  if (standing.suspendedUntil) {
    const until = standing.suspendedUntil.toISOString()
    throw new AppError('BOOKING_SUSPENDED', '90 天内爽约 2 次，预约功能已暂停 30 天', { until })
  }
  // a full slot is refused before anything is claimed; a freed seat goes to the waitlist first
  if (free.length === 0 || waitlisted) throw new AppError('SLOT_FULL', '该时段已约满，可加入候补')

  const owner: ClaimOwner = { bookingId: input.bookingId, userId: new mongoose.Types.ObjectId(String(input.userId)) }
  const lock = await tryLock(input.bookingId, 'create')
  if (!lock) throw new AppError('CONFLICT', '该预约正在处理中，请稍后再试')
  const held: string[] = []
  let clean = false
  try {
    const seat = await claimForBooking(owner, input.serviceId, seatRef, free, held)
    const at = now()
    const [inserted, hinted] = await Promise.allSettled([insertWithFreshCode({
      _id: input.bookingId,
      userId: owner.userId,
      serviceId: new mongoose.Types.ObjectId(input.serviceId),
      ...slotFields(loaded, seat.seatNo),
      applicant: input.applicant,
      enterprise: input.enterprise,
      note: input.note,
      status: 'booked',
      fromWaitlist: Boolean(input.fromWaitlist),
      bookedAt: at,
      claimIds: held,
      holdsClaims: true,
      history: [
        {
          status: 'booked',
          action: input.fromWaitlist ? 'promoted' : 'created',
          at,
          by: input.actor.by,
          byRole: input.actor.byRole,
          reason: input.fromWaitlist ? '候补递补' : undefined,
        },
      ],
    }), seat.hint])
    if (inserted.status === 'rejected') throw inserted.reason
    // the hint only guides seat choice (the claims decide): a failed write is corrected by the next exact probe
    if (hinted.status === 'rejected') logger.warn({ err: hinted.reason, slotId: slot.id }, 'occupancy hint not written')
    const booking = inserted.value
    clean = true
    const names: Names = {
      services: new Map([[String(service._id), service.name]]),
      halls: new Map([[String(loaded.hall._id), { name: loaded.hall.name, address: loaded.hall.address }]]),
    }
    return { booking, standing, names }
  } catch (err) {
    await releaseClaims(input.bookingId, held)
    clean = err instanceof AppError
    throw err
  } finally {
    // after an unexpected error the lock stays: the repair job reconciles this booking id's claims
    if (clean) await unlock(lock).catch(() => undefined)
  }
}

