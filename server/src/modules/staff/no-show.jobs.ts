import { addDays, dateRange, localDate, NO_SHOW_GRACE_MINUTES } from '@xz/shared'
import type { Types } from 'mongoose'
import { now } from '../../lib/clock'
import { AppError, isDuplicateKey } from '../../lib/errors'
import { findOnDates } from '../../lib/day-reads'
import { atMostEvery, type Job } from '../../lib/jobs'
import { Booking, endBooking, STALE_OPERATION_MS, SYSTEM } from '../bookings'
import { DeskClaim } from './desk-claim.model'

const MINUTE_MS = 60_000
const BATCH = 200
/** Every run looks at yesterday and today; at most hourly, at the fortnight before too (after a downtime). */
const deepPassDue = atMostEvery(60 * MINUTE_MS)

/** Takes the desk's one decision on a booking (`checkin:<id>`), shared with check-in at the desk. */
async function claimDeskDecision(id: string, endAt: Date): Promise<boolean> {
  const _id = `checkin:${id}`
  try {
    await DeskClaim.create({ _id, kind: 'no_show', at: now(), ref: id })
    return true
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
  }
  const claim = await DeskClaim.findById(_id).lean()
  if (!claim) return false // given back meanwhile: next run
  // a no-show decision whose process died before finishing it: finish it
  if (claim.kind === 'no_show') return now().getTime() - claim.at.getTime() > STALE_OPERATION_MS
  // still booked long after the check-in window closed: that check-in died half-way; free its claim
  if (claim.kind === 'checkin' && claim.at.getTime() < endAt.getTime()) await DeskClaim.deleteOne({ _id, at: claim.at })
  return false
}

/**
 * booked and not checked in by slot end + 15 min → no_show (history by 'system'); claims released. Reads yesterday and
 * today, and with `deep` (the job: at most hourly) the fortnight before.
 */
export async function markNoShows(opts: { deep?: boolean } = {}): Promise<number> {
  const cutoff = new Date(now().getTime() - NO_SHOW_GRACE_MINUTES * MINUTE_MS)
  const deep = opts.deep ?? true
  // a booking ends on its slot's date: read day by day (an equality on `date`, searched in SQL)
  const dates = dateRange(addDays(localDate(cutoff), deep ? -14 : -1), localDate(cutoff))
  const due = (await findOnDates<{ _id: Types.ObjectId; endAt: Date }>(Booking, 'date', dates, { status: 'booked', endAt: { $lte: cutoff } }, 'endAt')).slice(0, BATCH)
  let marked = 0
  for (const b of due) {
    const id = String(b._id)
    if (!(await claimDeskDecision(id, b.endAt))) continue
    try {
      await endBooking(b._id, {
        status: 'no_show',
        action: 'no_show',
        actor: SYSTEM,
        reason: `时段结束 ${NO_SHOW_GRACE_MINUTES} 分钟后仍未签到，系统标记爽约`,
      })
      marked++
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      // busy or changed meanwhile: give the decision back unless the booking is no longer booked
      if (err.code === 'CONFLICT') await DeskClaim.deleteOne({ _id: `checkin:${id}`, kind: 'no_show' })
    }
  }
  return marked
}

export const noShowJob: Job = { name: 'bookings.no-show', run: () => markNoShows({ deep: deepPassDue() }) }
