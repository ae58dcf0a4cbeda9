import { RATING_WINDOW_DAYS, type ErrorCode } from '@xz/shared'

const DAY_MS = 24 * 60 * 60 * 1000

/** The unique keys of "one rating per thing" (the default rating of a booking uses the booking's key). */
export const ratingKey = {
  booking: (bookingId: string) => `booking:${bookingId}`,
  guide: (userId: string, serviceId: string) => `guide:${userId}:${serviceId}`,
}

/** The instant a served booking stops being ratable (7 days after service). */
export function ratingWindowClosesAt(servedAt: Date): Date {
  return new Date(servedAt.getTime() + RATING_WINDOW_DAYS * DAY_MS)
}

export interface RatableBooking {
  userId: { toString(): string }
  status: string
  servedAt?: Date | null
}

/** Why `userId` may not rate `booking` now (null: it may): only its booker, once served, within the window. */
export function whyNotRatable(booking: RatableBooking, userId: string, now: Date): Extract<ErrorCode, 'FORBIDDEN' | 'NOT_RATABLE' | 'RATING_WINDOW_CLOSED'> | null {
  if (booking.userId.toString() !== userId) return 'FORBIDDEN'
  if (booking.status !== 'served' || !booking.servedAt) return 'NOT_RATABLE'
  if (now.getTime() > ratingWindowClosesAt(booking.servedAt).getTime()) return 'RATING_WINDOW_CLOSED'
  return null
}

/** The name shown for a rater before masking: the booking's applicant, the profile name, or a neutral word. */
export function raterDisplayName(...candidates: (string | null | undefined)[]): string {
  return candidates.find((c) => c && c.trim())?.trim() ?? '匿名用户'
}
