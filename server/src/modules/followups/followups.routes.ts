import { PendingRatingListSchema, WeekendDaySchema, WeekendQuerySchema } from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import { pendingRatings } from './pending-ratings.service'
import { weekendDay } from './weekend.service'

/** 周末办: pick a non-working day first, then see which points and items have seats that day. */
export const weekendRoutes = new ApiRouter('/weekend', 'followups').get(
  '/',
  { summary: '周末办: points and items with off-hours seats on a date (no booking is scanned)', query: WeekendQuerySchema, response: WeekendDaySchema },
  ({ query }) => weekendDay(query.date),
)

/** 待评价: my served bookings still waiting for a rating (the closed loop after service). */
export const pendingRatingRoutes = new ApiRouter('/me/pending-ratings', 'followups').get(
  '/',
  { summary: 'My served bookings not yet rated (within the 7-day window)', auth: ['citizen'], response: PendingRatingListSchema },
  ({ auth }) => pendingRatings(auth),
)
