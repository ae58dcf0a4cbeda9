import { localDate, localTime, QUEUE_PREFIXES, weekday, WEEKDAY_LABELS, type CheckinResult } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now, sleep } from '../../lib/clock'
import { AppError, notFound } from '../../lib/errors'
import { Booking, recordDeskStep, type BookingDoc } from '../bookings'
import { DeskClaim } from './desk-claim.model'
import { auditedStep } from './desk-steps'
import { actorOf, claimOnce, invalidState } from './desk.service'
import { arrivalScopeOf, claimQueueNumber, STALE_ARRIVAL_MS, releaseQueueNumber, releaseQueueNumbersOf, type QueueNumberClaim } from './queue-numbers'
import { serviceNames, toStaffItem } from './staff.mappers'
import { checkinWindow, isCheckinOpen } from './staff.rules'
import { assertCanActOn } from '../../lib/scope'

/** How long a second check-in waits for a parallel first one to publish its queue number. */
const WAIT_FOR_NUMBER_MS = 3_000

function alreadyCheckedIn(queueNumber?: string | null): AppError {
  return new AppError(
    'ALREADY_CHECKED_IN',
    queueNumber ? `已签到，排队号 ${queueNumber}` : '正在签到，请稍候',
    queueNumber ? { queueNumber } : undefined,
  )
}

function rejectUnlessBooked(booking: BookingDoc): void {
  if (booking.status === 'checked_in' || booking.status === 'served') throw alreadyCheckedIn(booking.queueNumber)
  if (booking.status !== 'booked') throw invalidState(booking, '签到')
}

/** '12月6日（周日）' */
function dayLabel(date: string): string {
  const [, m, d] = date.split('-')
  return `${Number(m)}月${Number(d)}日（${WEEKDAY_LABELS[weekday(date)]}）`
}

function assertCheckinOpen(booking: BookingDoc): void {
  const at = now()
  if (isCheckinOpen(at, booking.startAt, booking.endAt)) return
  const { opensAt, closesAt } = checkinWindow(booking.startAt, booking.endAt)
  const early = at < opensAt
  // a refusal names the day too: a booking for another day must not read as "later today"
  const opensDay = dayLabel(localDate(opensAt))
  throw new AppError(
    'CHECKIN_WINDOW_CLOSED',
    early
      ? `签到时间为 ${opensDay} ${localTime(opensAt)}–${localTime(closesAt)}，请于 ${opensDay} ${localTime(opensAt)} 后签到`
      : `已超过签到时间（${localTime(closesAt)}），请重新预约或现场取号`,
    { opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(), date: booking.date, tooEarly: early },
  )
}

/**
 * Another check-in of the same booking holds `checkin:<id>`: answer with its queue number once it is
 * published; retake a claim left behind by an interrupted check-in.
 */
async function resolveTakenClaim(booking: BookingDoc): Promise<'retry'> {
  const claimId = `checkin:${booking._id}`
  const deadline = Date.now() + WAIT_FOR_NUMBER_MS
  for (;;) {
    const [claim, current] = await Promise.all([
      DeskClaim.findById(claimId).lean(),
      Booking.findById(booking._id).select('status queueNumber').lean(),
    ])
    if (!current) throw notFound('预约')
    if (current.status !== 'booked') rejectUnlessBooked({ ...booking, ...current })
    if (claim?.kind === 'no_show') throw invalidState({ status: 'no_show' }, '签到')
    if (!claim) return 'retry'
    // a claim this old on a booking still booked: that check-in was interrupted (its process died)
    if (now().getTime() - claim.at.getTime() > STALE_ARRIVAL_MS) {
      await releaseQueueNumbersOf(booking.hallId.toString(), booking.date, QUEUE_PREFIXES.booking, booking._id.toString())
      await DeskClaim.deleteOne({ _id: claimId, at: claim.at })
      return 'retry'
    }
    if (Date.now() > deadline) throw alreadyCheckedIn()
    await sleep(50)
  }
}

/**
 * Checks a person in by booking code (typed or read from the QR) and issues the point's next Y-number.
 * Order: claim the check-in itself (`checkin:<id>`, so a booking never gets two numbers), claim a number,
 * then set both on the booking only while it is still `booked`; otherwise give the number back.
 */
export async function checkIn(auth: AuthContext, code: string): Promise<CheckinResult> {
  const booking = await Booking.findOne({ code }).lean<BookingDoc>()
  if (!booking) throw new AppError('NOT_FOUND', '预约码不存在，请核对后重新输入')
  return checkInBooking(auth, booking)
}

/** Checks in a booking picked from the desk list (by `_id`: the staff need not retype its code). */
export async function checkInById(auth: AuthContext, id: string): Promise<CheckinResult> {
  const booking = await Booking.findById(id).lean<BookingDoc>()
  if (!booking) throw notFound('预约')
  return checkInBooking(auth, booking)
}

async function checkInBooking(auth: AuthContext, booking: BookingDoc): Promise<CheckinResult> {
  assertCanActOn(auth, booking)
  rejectUnlessBooked(booking)
  assertCheckinOpen(booking)

  const id = booking._id.toString()
  const hallId = booking.hallId.toString()
  const claimId = `checkin:${id}`
  const arrivals = arrivalScopeOf(hallId, booking.date)
  while (!(await claimOnce(claimId, 'checkin', id, arrivals))) await resolveTakenClaim(booking)

  let number: QueueNumberClaim
  try {
    number = await claimQueueNumber(hallId, booking.date, QUEUE_PREFIXES.booking, id, arrivals)
  } catch (err) {
    await DeskClaim.deleteOne({ _id: claimId, kind: 'checkin' })
    throw err
  }
  const at = now()
  await auditedStep(auth, {
    action: 'booking.check_in',
    subject: { bookingId: booking._id, hallId: booking.hallId, regionCode: booking.regionCode },
    claim: { id: claimId, kind: 'checkin' },
    run: async () => {
      try {
        const step = { from: 'booked', to: 'checked_in', set: { queueNumber: number.queueNumber, checkedInAt: at }, actor: actorOf(auth), at } as const
        if (!(await recordDeskStep(booking._id, step, 'checkin'))) {
          const current = await Booking.findById(id).lean<BookingDoc>()
          if (current) rejectUnlessBooked(current)
          throw new AppError('CONFLICT', '预约状态已变化，请重试')
        }
      } catch (err) {
        // not checked in: give the number back so that the sequence keeps no gap
        await releaseQueueNumber(number)
        throw err
      }
    },
    details: () => ({ from: 'booked', to: 'checked_in', queueNumber: number.queueNumber }),
  })
  const names = await serviceNames([booking.serviceId])
  return {
    queueNumber: number.queueNumber,
    booking: toStaffItem({ ...booking, status: 'checked_in', queueNumber: number.queueNumber, checkedInAt: at }, names),
  }
}
