/**
 * Background work of bookings. Every process runs every job; each unit of work is claimed (a unique key
 * or the booking lock) before it is done, so running them in several processes changes nothing.
 */
import { addDays, dateRange, localDate, localDatesBetween } from '@xz/shared'
import { now } from '../../lib/clock'
import { findOnDates } from '../../lib/day-reads'
import { atMostEvery, type Job } from '../../lib/jobs'
import { logger } from '../../lib/logger'
import { notify } from '../notifications'
import { Booking } from './booking.model'
import { dueReminder, isActiveStatus, type ReminderKind } from './bookings.rules'
import { namesOf } from './booking.dto'
import { STALE_OPERATION_MS, type BookingLean } from './booking.types'
import { refreshStanding } from './standing'
import { BookingClaim, BookingLock, IdempotencyRecord, SlotOccupancy, type BookingClaimLean, type BookingLockLean } from './claim.model'
import { releaseClaims } from './claims'
import { promoteAllWaitlists, promoteWaitlist } from './waitlist.service'
import type { ObjectId } from '../../lib/db'

const MINUTE_MS = 60_000
const BATCH = 200
/** Idempotency keys are honoured for a day. */
const IDEMPOTENCY_TTL_MS = 24 * 60 * MINUTE_MS
/**
 * The repair job's second net (bookings ended elsewhere that still hold claims) and its clean-ups run at most this
 * often per process (10 minutes): they read a booking horizon day by day, which is not worth doing every tick.
 */
const sweepDue = atMostEvery(10 * MINUTE_MS)

// ---------------------------------------------------------------------------------------------
// Repair: claims left behind by a process that died, or by status changes made elsewhere
// ---------------------------------------------------------------------------------------------
/**
 * Releases every claim naming this booking id that the booking does not hold (the booking is missing,
 * no longer active, or moved to another slot). Returns the slots whose seats were released.
 */
export async function reconcileClaims(bookingId: ObjectId | string): Promise<string[]> {
  const [booking, claims] = await Promise.all([
    Booking.findById(bookingId).select('status claimIds holdsClaims').lean(),
    BookingClaim.find({ bookingId }).lean<BookingClaimLean[]>(),
  ])
  const keep = new Set(booking && isActiveStatus(booking.status) ? booking.claimIds : [])
  const orphans = claims.filter((c) => !keep.has(c._id))
  await releaseClaims(bookingId, orphans.map((c) => c._id))
  if (booking && !isActiveStatus(booking.status) && booking.holdsClaims) {
    await Booking.updateOne({ _id: bookingId }, { $set: { holdsClaims: false } })
  }
  return orphans.filter((c) => c.kind === 'seat' && c.slotId).map((c) => c.slotId!)
}

/**
 * The repair job: (1) an operation lock older than the grace period belongs to a process that died
 * between claiming and finishing — reconcile that booking's claims, then drop the lock; (2) bookings
 * that ended elsewhere (served, no-show or cancelled at the desk) release their claims; (3) idempotency
 * records older than a day and occupancy hints of past days are dropped. Freed seats go to the waitlist. The job runs
 * (1) every tick and (2)–(3), the `sweep`, at most every 10 minutes.
 */
export async function repairClaims(opts: { sweep?: boolean } = {}): Promise<{ staleLocks: number; releasedBookings: number }> {
  const t = now().getTime()
  const freed = new Set<string>()
  const stale = await BookingLock.find({ at: { $lt: new Date(t - STALE_OPERATION_MS) } }).limit(BATCH).lean<BookingLockLean[]>()
  for (const lock of stale) {
    for (const slotId of await reconcileClaims(lock._id)) freed.add(slotId)
    await BookingLock.deleteOne({ _id: lock._id, token: lock.token })
  }
  let releasedBookings = 0
  const sweep = opts.sweep ?? true
  // the days whose bookings can still hold claims that matter: the booking horizon and the last few days
  const today = localDate(now())
  const ended = sweep
    ? (
        await findOnDates<{ _id: ObjectId; status: string; claimIds: string[]; slotId: string; userId: ObjectId }>(
          Booking,
          'date',
          dateRange(addDays(today, -3), addDays(today, 14)),
          { holdsClaims: true, status: { $in: ['served', 'no_show', 'cancelled'] } },
          'status claimIds slotId userId',
        )
      ).slice(0, BATCH)
    : []
  for (const b of ended) {
    await releaseClaims(b._id, b.claimIds)
    await Booking.updateOne({ _id: b._id }, { $set: { holdsClaims: false } })
    if (b.status === 'no_show') await refreshStanding(b.userId)
    if (b.status === 'cancelled') freed.add(b.slotId)
    releasedBookings++
  }
  if (sweep) {
    await IdempotencyRecord.deleteMany({ at: { $lt: new Date(t - IDEMPOTENCY_TTL_MS) } })
    await SlotOccupancy.deleteMany({ date: { $lt: today } })
  }
  for (const slotId of freed) await promoteWaitlist(slotId)
  return { staleLocks: stale.length, releasedBookings }
}

// ---------------------------------------------------------------------------------------------
// Reminders
// ---------------------------------------------------------------------------------------------
async function queueReminder(b: BookingLean, kind: ReminderKind, names: Awaited<ReturnType<typeof namesOf>>): Promise<void> {
  const hall = names.halls.get(String(b.hallId))
  const serviceName = names.services.get(String(b.serviceId)) ?? '办事'
  const lead = kind === 'remind1h' ? `1 小时后（${b.start}）` : `${b.date} ${b.start}`
  await notify({
    key: `${kind}:${b._id}`,
    to: { userId: b.userId },
    kind,
    title: '办事预约提醒',
    body: `您预约的「${serviceName}」将于${lead}在${hall?.name ?? '服务网点'}办理，请携带相关材料按时到场，预约码 ${b.code}。`,
    data: {
      thing1: serviceName.slice(0, 20),
      time2: `${b.date} ${b.start}`,
      thing3: (hall?.name ?? '服务网点').slice(0, 20),
      thing4: '请按时到场签到',
    },
    bookingId: b._id,
    page: `pages/booking/index?id=${b._id}`,
  })
}

/**
 * Queues the 24 h and 1 h reminders of booked bookings through the notifier. The outbox key
 * (`remind24h:<id>`, `remind1h:<id>`) makes each reminder exist once, whatever the number of processes.
 */
export async function queueReminders(): Promise<number> {
  const t = now()
  const horizon = new Date(t.getTime() + 24 * 60 * MINUTE_MS)
  // today's and tomorrow's bookings (by `date`, in SQL), those not reminded an hour before yet
  const rows = await findOnDates<BookingLean>(Booking, 'date', localDatesBetween(t, horizon), { status: 'booked', startAt: { $gt: t, $lte: horizon }, reminded1h: { $ne: true } })
  const due = rows
    .map((b) => ({ b, kind: dueReminder({ ...b, bookedAt: b.bookedAt ?? b.createdAt ?? t }, t) }))
    .filter((x) => x.kind !== undefined)
  if (due.length === 0) return 0
  const names = await namesOf(due.map((x) => x.b))
  let queued = 0
  for (const { b, kind } of due) {
    if (kind === 'skip24h') {
      await Booking.updateOne({ _id: b._id }, { $set: { reminded24h: true } })
      continue
    }
    await queueReminder(b, kind!, names)
    await Booking.updateOne({ _id: b._id }, { $set: kind === 'remind1h' ? { reminded1h: true, reminded24h: true } : { reminded24h: true } })
    queued++
  }
  return queued
}

// ---------------------------------------------------------------------------------------------
// Waitlists
// ---------------------------------------------------------------------------------------------
/** Offers free seats to waiting people (seats freed by repair, capacity raised, a promotion that failed). */
export async function sweepWaitlists(): Promise<number> {
  try {
    return await promoteAllWaitlists()
  } catch (err) {
    logger.warn({ err }, 'waitlist sweep failed; will retry')
    return 0
  }
}

export const claimRepairJob: Job = { name: 'bookings.repair', run: () => repairClaims({ sweep: sweepDue() }) }
export const waitlistJob: Job = { name: 'bookings.waitlist', run: sweepWaitlists }
export const reminderJob: Job = { name: 'bookings.reminders', run: queueReminders }
