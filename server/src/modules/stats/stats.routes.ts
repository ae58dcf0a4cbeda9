import { RatingStatsQuerySchema, RatingStatsSchema, StatsOverviewQuerySchema, StatsOverviewSchema } from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import * as stats from './stats.service'

export const statsRoutes = new ApiRouter('/stats', 'stats')
  .get(
    '/ratings',
    {
      summary: '好差评 statistics per item, point (public), department or region (administrators) over a period',
      query: RatingStatsQuerySchema,
      response: RatingStatsSchema,
    },
    ({ maybeAuth, query }) => stats.ratingStats(maybeAuth, query),
  )
  .get(
    '/overview',
    { summary: "Dashboard of my region: ratings, bookings and work orders per day/state (≤ 92 days)", auth: ['admin'], query: StatsOverviewQuerySchema, response: StatsOverviewSchema },
    ({ auth, query }) => stats.statsOverview(auth, query),
  )
