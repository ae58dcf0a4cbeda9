import { BOOKING_STATUSES, CHECKIN_OPENS_MINUTES_BEFORE, type BookingStatus, type StatusCounts } from '@xz/shared'

const MINUTE = 60_000

/** Check-in is open from 30 minutes before the slot starts until the slot ends (both included). */
export function checkinWindow(startAt: Date, endAt: Date): { opensAt: Date; closesAt: Date } {
  return { opensAt: new Date(startAt.getTime() - CHECKIN_OPENS_MINUTES_BEFORE * MINUTE), closesAt: endAt }
}

export function isCheckinOpen(at: Date, startAt: Date, endAt: Date): boolean {
  const { opensAt, closesAt } = checkinWindow(startAt, endAt)
  return at.getTime() >= opensAt.getTime() && at.getTime() <= closesAt.getTime()
}

/** A booked person may be marked no-show only once the slot is over. */
export function isNoShowAllowed(at: Date, endAt: Date): boolean {
  return at.getTime() > endAt.getTime()
}

/** The smallest positive number ≥ from that is not taken (fills numbers released by failed check-ins). */
export function smallestFree(taken: ReadonlySet<number>, from = 1): number {
  let n = Math.max(1, from)
  while (taken.has(n)) n++
  return n
}

/** The (k+1)-th smallest positive number that is not taken (k = 0: the smallest). */
export function nthFree(taken: ReadonlySet<number>, k: number): number {
  let n = smallestFree(taken)
  for (let i = 0; i < k; i++) n = smallestFree(taken, n + 1)
  return n
}

export interface Arrival {
  _id?: string | null
  ref: string
  at: Date
}

/**
 * Where `ref` stands among the arrivals still waiting for a number (by arrival time, then id), so that
 * parallel check-ins aim at different numbers instead of all at the next one. Arrivals that already hold a
 * number, and arrivals older than `staleBefore` (an interrupted check-in), do not count.
 */
export function rankAmongWaiting(arrivals: readonly Arrival[], holders: ReadonlySet<string>, ref: string, staleBefore: Date): number {
  const waiting = arrivals
    .filter((a) => !holders.has(a.ref) && a.at.getTime() >= staleBefore.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime() || (a._id ?? '').localeCompare(b._id ?? ''))
  return Math.max(0, waiting.findIndex((a) => a.ref === ref))
}

/** The numeric part of 'Y017' → 17. */
export function queueSeq(queueNumber: string): number {
  return Number(queueNumber.replace(/^\D+/, '')) || 0
}

export interface QueueCandidate {
  /** Slot start for bookings, registration time for walk-ins. */
  orderAt: Date
  queueNumber: string
}

/**
 * Queue order: first come, first served within slot order — by slot start, then by queue number.
 * A walk-in ranks by the time it was registered, so it waits behind bookings of slots already begun.
 */
export function compareQueue(a: QueueCandidate, b: QueueCandidate): number {
  return (
    a.orderAt.getTime() - b.orderAt.getTime() ||
    queueSeq(a.queueNumber) - queueSeq(b.queueNumber) ||
    a.queueNumber.localeCompare(b.queueNumber)
  )
}

export function countStatuses(statuses: readonly BookingStatus[]): StatusCounts {
  const counts = Object.fromEntries(BOOKING_STATUSES.map((s) => [s, 0])) as Record<BookingStatus, number>
  for (const s of statuses) counts[s]++
  return { total: statuses.length, ...counts }
}

/** Groups a day's bookings into its sessions (same start, end and label), in time order. */
export function groupBySession<T extends { start: string; end: string; label?: string | null }>(
  items: readonly T[],
): { start: string; end: string; label?: string; items: T[] }[] {
  const groups = new Map<string, { start: string; end: string; label?: string; items: T[] }>()
  for (const item of items) {
    const key = `${item.start}|${item.end}|${item.label ?? ''}`
    let g = groups.get(key)
    if (!g) {
      g = { start: item.start, end: item.end, label: item.label ?? undefined, items: [] }
      groups.set(key, g)
    }
    g.items.push(item)
  }
  return [...groups.values()].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end))
}
