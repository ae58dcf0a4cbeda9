/**
 * 待评价: the caller's served bookings not yet rated, still inside the 7-day window. Reached without
 * scanning bookings or ratings: the `rating_invite` notices of the user (the notifications collection is
 * read by `userId` through its `_pushdown` index), then each booking by `_id` and its rating by `bookingId`
 * (a `_pushdown` index as well).
 */
import mongoose from 'mongoose'
import { RATING_WINDOW_DAYS, type PendingRating } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { Booking } from '../bookings'
import { Service } from '../catalogue'
import { Hall } from '../halls'
import { Notification } from '../notifications'
import { Rating, ratingWindowClosesAt } from '../ratings'

const DAY_MS = 24 * 60 * 60 * 1000

export async function pendingRatings(auth: AuthContext): Promise<{ items: PendingRating[] }> {
  const at = now()
  const since = new Date(at.getTime() - (RATING_WINDOW_DAYS + 1) * DAY_MS)
  const invites = await Notification.find({ userId: auth.sub, kind: 'rating_invite', createdAt: { $gte: since } }, 'bookingId')
    .sort({ createdAt: -1 })
    .limit(50)
    .lean<{ bookingId?: mongoose.Types.ObjectId }[]>()
  const ids = [...new Set(invites.flatMap((n) => (n.bookingId ? [String(n.bookingId)] : [])))]
  const rows = await Promise.all(
    ids.map(async (id) => {
      const [booking, rated] = await Promise.all([
        Booking.findById(id, 'userId status servedAt serviceId hallId date start').lean(),
        Rating.exists({ bookingId: id }),
      ])
      if (!booking || rated || booking.status !== 'served' || !booking.servedAt) return undefined
      if (String(booking.userId) !== auth.sub) return undefined
      const rateBy = ratingWindowClosesAt(booking.servedAt)
      return rateBy.getTime() < at.getTime() ? undefined : { booking, rateBy }
    }),
  )
  const open = rows.filter((r) => r !== undefined)
  const [services, halls] = await Promise.all([
    Promise.all([...new Set(open.map((r) => String(r.booking.serviceId)))].map((id) => Service.findById(id, 'name').lean())),
    Promise.all([...new Set(open.map((r) => String(r.booking.hallId)))].map((id) => Hall.findById(id, 'name').lean())),
  ])
  const name = new Map([...services, ...halls].flatMap((d) => (d ? [[String(d._id), d.name as string] as const] : [])))
  return {
    items: open.map(({ booking, rateBy }) => ({
      bookingId: String(booking._id),
      serviceName: name.get(String(booking.serviceId)) ?? '',
      hallName: name.get(String(booking.hallId)) ?? '',
      date: booking.date,
      start: booking.start,
      servedAt: booking.servedAt!.toISOString(),
      rateBy: rateBy.toISOString(),
    })),
  }
}
