/**
 * Administrators' changes to sessions that reach into bookings (a use case across the sessions and bookings
 * features, so neither owns it): cancelling a point's sessions on a date, and rule changes that may free seats
 * for the waitlist.
 */
import { localDate, type SessionCancelResult, type SessionRule as SessionRuleDto, type SessionRuleUpdate } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, isDuplicateKey } from '../../lib/errors'
import { logger } from '../../lib/logger'
import { recordAudit } from '../audit'
import { notify } from '../notifications'
import { hallInRegion, recordCancellation, SessionCancellation, updateRule } from '../sessions'
import { type Actor, Booking, type BookingLean, closeSlotWaitlist, endBooking, hallDayKey, isActiveStatus, namesOf, promoteAllWaitlists, WaitlistEntry } from '../bookings'
import type { ObjectId } from '../../lib/db'


/** How long after a session cancellation the job still checks its bookings. */
const SWEEP_CANCELLATIONS_MS = 10 * 60_000

/**
 * Cancels every session of a point on a date: the date stops yielding slots at once (the cancellation
 * document), then each active booking is cancelled (history by the administrator, with the reason), its
 * seat released and the booker notified; waiting people are told too. Repeating the call finishes what a
 * previous one left undone.
 */
export async function cancelSession(auth: AuthContext, hallId: string, date: string, reason: string): Promise<SessionCancelResult> {
  const hall = await hallInRegion(auth, hallId)
  if (date < localDate(now())) throw new AppError('RULE_VIOLATION', '不能取消已过去日期的场次')
  try {
    await recordCancellation({ hallId: hall._id, date, reason, by: auth.sub })
    await recordAudit({ actor: auth, action: 'session.cancel', hallId: hall._id, regionCodes: [hall.regionCode], details: { date, reason } })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
  }
  const done = await finishSessionCancellation(hall._id, date, reason, auth)
  return { hallId, date, reason, ...done }
}

/**
 * Cancels what is still active on a cancelled date (idempotent; the job calls it after a crash too), with one
 * `booking.cancel` audit entry per booking it cancels, in the name of the administrator who cancelled the day.
 */
export async function finishSessionCancellation(
  hallId: ObjectId,
  date: string,
  reason: string,
  admin: AuthContext,
): Promise<{ cancelledBookings: number; closedWaitlistEntries: number }> {
  const actor: Actor = { by: admin.sub, byRole: admin.role }
  const bookings = (await Booking.find({ hallDay: hallDayKey(hallId, date) }).lean<BookingLean[]>()).filter((b) => isActiveStatus(b.status))
  const names = await namesOf(bookings)
  let cancelledBookings = 0
  for (const b of bookings) {
    let ended: BookingLean
    try {
      ended = await endBooking(b._id, {
        status: 'cancelled',
        action: 'session_cancelled',
        actor,
        reason: `场次取消：${reason}`,
        from: ['booked', 'checked_in'],
      })
    } catch (err) {
      if (err instanceof AppError && (err.code === 'INVALID_STATE' || err.code === 'CONFLICT')) continue
      throw err
    }
    cancelledBookings++
    await recordAudit({
      actor: admin,
      action: 'booking.cancel',
      bookingId: ended._id,
      hallId: ended.hallId,
      regionCodes: [ended.regionCode],
      details: { reason: `场次取消：${reason}`, date },
    })
    const hallName = names.halls.get(String(b.hallId))?.name ?? ''
    const serviceName = names.services.get(String(b.serviceId)) ?? ''
    await notify({
      key: `session-cancelled:${ended._id}`,
      to: { userId: ended.userId },
      kind: 'session_cancelled',
      title: '预约已取消',
      body: `很抱歉，${hallName} ${b.date} 的场次已取消（${reason}），您预约的 ${b.start}–${b.end}「${serviceName}」已自动取消，请另选时段。`,
      data: { thing1: serviceName.slice(0, 20), time2: `${b.date} ${b.start}`, thing3: hallName.slice(0, 20), thing4: reason.slice(0, 20) },
      bookingId: ended._id,
      page: `pages/booking/index?id=${ended._id}`,
    })
  }
  let closedWaitlistEntries = 0
  const slotIds: string[] = await WaitlistEntry.distinct('slotId', { hallId, date, status: 'waiting' })
  for (const slotId of slotIds) closedWaitlistEntries += await closeSlotWaitlist(slotId, 'cancelled', `场次取消：${reason}`)
  return { cancelledBookings, closedWaitlistEntries }
}

/**
 * The job: finishes recent cancellations (a process died half-way, or a booking that had passed its check
 * just before the cancellation was stored). Later bookings cannot happen: the cancelled date has no slots.
 */
export async function sweepSessionCancellations(): Promise<number> {
  const since = now().getTime() - SWEEP_CANCELLATIONS_MS
  const pending = (await SessionCancellation.find().lean()).filter((c) => c.at.getTime() >= since)
  let cancelled = 0
  for (const c of pending) {
    try {
      cancelled += (await finishSessionCancellation(c.hallId, c.date, c.reason, { sub: c.by, role: 'admin', hallIds: [] })).cancelledBookings
    } catch (err) {
      logger.warn({ err, cancellation: c._id }, 'finishing a session cancellation failed; will retry')
    }
  }
  return cancelled
}

/** Updates a rule, then offers seats a larger capacity freed to the waitlists of its slots. */
export async function changeRule(auth: AuthContext, id: string, patch: SessionRuleUpdate): Promise<SessionRuleDto> {
  const rule = await updateRule(auth, id, patch)
  if (patch.capacity !== undefined) await promoteAllWaitlists({ ruleId: id })
  return rule
}
