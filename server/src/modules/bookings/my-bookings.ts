import { BOOKING_HORIZON_DAYS, addDays, localDate, type Booking as BookingDto, type BookingDetail, type BookingEligibility, type BookingEligibilityQuery, type BookingListQuery, type Page } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, notFound } from '../../lib/errors'
import { logger } from '../../lib/logger'
import { readPage } from '../../lib/paging'
import { Booking } from './booking.model'
import { ACTIVE_CLAIM_NUMBERS, activeClaimId, quotaClaimId } from './bookings.rules'
import { BookingClaim } from './claim.model'
import type { BookingLean } from './booking.types'
import { detailOf, namesOf, toDto } from './booking.dto'
import { standingOf } from './standing'

// A citizen's own bookings: one, the list, and whether they may book now.
export async function ownBooking(auth: AuthContext, id: string): Promise<BookingLean> {
  const booking = await Booking.findById(id).lean<BookingLean>()
  if (!booking) throw notFound('预约')
  if (String(booking.userId) !== auth.sub) throw new AppError('FORBIDDEN', '只能查看本人的预约')
  return booking
}

export async function getBooking(auth: AuthContext, id: string): Promise<BookingDetail> {
  const booking = await ownBooking(auth, id)
  logger.info({ bookingId: id, by: auth.sub }, 'booking viewed by its owner')
  return detailOf(booking, await standingOf(auth.sub))
}

export async function listMyBookings(auth: AuthContext, q: BookingListQuery): Promise<Page<BookingDto>> {
  const filter: Record<string, unknown> = { userId: auth.sub }
  if (q.status) filter.status = q.status
  const read = await readPage<BookingLean>(Booking, filter, { startAt: -1, _id: -1 }, q)
  const names = await namesOf(read.rows)
  return read.page(read.rows.map((b) => toDto(b, names, { maskPhone: true })))
}

// ---------------------------------------------------------------------------------------------
// Eligibility (checked before the form, with the same claims and standing that booking uses)
// ---------------------------------------------------------------------------------------------
/**
 * What would stop the person from booking: the active-booking limit (their three active-place claims, read by
 * `_id`), a suspension (their standing, by `_id`) and, for an item, the days they already booked it (its quota
 * claims over the 15 horizon dates, by `_id`). No collection is scanned.
 */
export async function bookingEligibility(auth: AuthContext, query: BookingEligibilityQuery): Promise<BookingEligibility> {
  const userId = auth.sub
  const today = localDate(now())
  const dates = query.serviceId ? Array.from({ length: BOOKING_HORIZON_DAYS + 1 }, (_, i) => addDays(today, i)) : []
  const [places, standing, quotas] = await Promise.all([
    Promise.all(ACTIVE_CLAIM_NUMBERS.map((k) => BookingClaim.exists({ _id: activeClaimId(userId, k) }))),
    standingOf(userId),
    Promise.all(dates.map((d) => BookingClaim.exists({ _id: quotaClaimId(userId, d, query.serviceId ?? '') }))),
  ])
  const activeCount = places.filter(Boolean).length
  const limit = ACTIVE_CLAIM_NUMBERS.length
  const base = { activeCount, limit, bookedDates: dates.filter((_, i) => quotas[i]) }
  if (standing.suspendedUntil) {
    return {
      ...base,
      canBook: false,
      reason: { code: 'BOOKING_SUSPENDED', message: '90 天内爽约 2 次，预约功能已暂停 30 天' },
      suspendedUntil: standing.suspendedUntil.toISOString(),
    }
  }
  if (activeCount >= limit) {
    return { ...base, canBook: false, reason: { code: 'BOOKING_LIMIT', message: `每人最多同时持有 ${limit} 个有效预约，请先取消或办结已有预约` } }
  }
  return { ...base, canBook: true }
}
