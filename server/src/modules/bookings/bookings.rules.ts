/** Pure booking rules (SPEC §2.5): claim keys, the no-show policy, change deadlines, reminders. */
import {
  ACTIVE_BOOKING_STATUSES,
  CANCEL_DEADLINE_HOURS,
  MAX_ACTIVE_BOOKINGS,
  NO_SHOW_GRACE_MINUTES,
  NO_SHOW_WINDOW_DAYS,
  SUSPENSION_DAYS,
  bookingCodeFromBytes,
  type BookingStatus,
} from '@xz/shared'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

// ---------------------------------------------------------------------------------------------
// Claim keys (see claim.model.ts)
// ---------------------------------------------------------------------------------------------
export const seatClaimId = (slotId: string, seatNo: number) => `${slotId}#${seatNo}`
export const quotaClaimId = (userId: string, date: string, serviceId: string) => `quota:${userId}:${date}:${serviceId}`
export const activeClaimId = (userId: string, k: number) => `active:${userId}#${k}`
/** The slot and seat number of a seat claim id; undefined for quota and active claims. */
export function parseSeatClaimId(id: string): { slotId: string; seatNo: number } | undefined {
  const m = /^([^:#]+)#(\d+)$/.exec(id)
  return m ? { slotId: m[1], seatNo: Number(m[2]) } : undefined
}
export const ACTIVE_CLAIM_NUMBERS = Array.from({ length: MAX_ACTIVE_BOOKINGS }, (_, i) => i + 1)

export function isActiveStatus(status: string): boolean {
  return (ACTIVE_BOOKING_STATUSES as readonly string[]).includes(status)
}

/** Seat numbers 1..capacity not in `taken`, in order. */
export function freeSeatNumbers(capacity: number, taken: Iterable<number>): number[] {
  const held = new Set(taken)
  const out: number[] = []
  for (let n = 1; n <= capacity; n++) if (!held.has(n)) out.push(n)
  return out
}

/** 8 characters of Crockford base32 from 8 random bytes. */
export function bookingCode(randomBytes: ArrayLike<number>): string {
  return bookingCodeFromBytes(randomBytes)
}

// ---------------------------------------------------------------------------------------------
// Changes and no-shows
// ---------------------------------------------------------------------------------------------
/** The owner may cancel or reschedule a booked booking until 1 h before it starts. */
export function canChange(status: BookingStatus, startAt: Date, now: Date): boolean {
  return status === 'booked' && now.getTime() <= startAt.getTime() - CANCEL_DEADLINE_HOURS * HOUR_MS
}

/** A booked booking not checked in by slot end + 15 min is a no-show. */
export function noShowDue(endAt: Date, now: Date): boolean {
  return now.getTime() >= endAt.getTime() + NO_SHOW_GRACE_MINUTES * MINUTE_MS
}

export interface NoShowStanding {
  /** No-shows within the last 90 days. */
  recent: number
  /** Set while booking is suspended (two no-shows within 90 days suspend it for 30 days after the second). */
  suspendedUntil?: Date
}

/** The person's standing from the times of their no-shows. */
export function noShowStanding(noShowTimes: readonly Date[], now: Date): NoShowStanding {
  const times = noShowTimes.map((d) => d.getTime()).sort((a, b) => a - b)
  const t = now.getTime()
  let suspendedUntil: number | undefined
  for (let i = 1; i < times.length; i++) {
    if (times[i] - times[i - 1] <= NO_SHOW_WINDOW_DAYS * DAY_MS) suspendedUntil = times[i] + SUSPENSION_DAYS * DAY_MS
  }
  const recent = times.filter((x) => x <= t && x > t - NO_SHOW_WINDOW_DAYS * DAY_MS).length
  return { recent, suspendedUntil: suspendedUntil !== undefined && suspendedUntil > t ? new Date(suspendedUntil) : undefined }
}

export function noShowWarning(standing: NoShowStanding): string | undefined {
  if (standing.suspendedUntil || standing.recent < 1) return undefined
  return `您在 ${NO_SHOW_WINDOW_DAYS} 天内已有 ${standing.recent} 次爽约记录，${NO_SHOW_WINDOW_DAYS} 天内累计 2 次爽约将暂停预约 ${SUSPENSION_DAYS} 天。`
}

// ---------------------------------------------------------------------------------------------
// Reminders
// ---------------------------------------------------------------------------------------------
export type ReminderKind = 'remind24h' | 'remind1h'

/**
 * Which reminder is due for a booked booking at `now`: the 1 h reminder in the last hour before start;
 * the 24 h reminder from 24 h to 1 h before start, unless the booking was made within those 24 h
 * (the confirmation is fresh then). Undefined when none is due (or the slot has begun).
 */
export function dueReminder(
  b: { startAt: Date; bookedAt: Date; reminded24h: boolean; reminded1h: boolean },
  now: Date,
): ReminderKind | 'skip24h' | undefined {
  const ahead = b.startAt.getTime() - now.getTime()
  if (ahead <= 0) return undefined
  if (ahead <= HOUR_MS) return b.reminded1h ? undefined : 'remind1h'
  if (ahead <= 24 * HOUR_MS && !b.reminded24h) {
    return b.bookedAt.getTime() > b.startAt.getTime() - 24 * HOUR_MS ? 'skip24h' : 'remind24h'
  }
  return undefined
}
