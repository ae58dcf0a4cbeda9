import { defineContract } from '../contract'
import { RatingStatsQuerySchema, RatingStatsSchema, StatsOverviewQuerySchema, StatsOverviewSchema } from '../schemas/ratings'

export const statsContract = /* @__PURE__ */ defineContract('stats', {
  ratings: {
    method: 'get',
    path: '/stats/ratings',
    summary: '好差评 statistics per item, point (public), department or region (administrators) over a period',
    auth: 'optional',
    query: RatingStatsQuerySchema,
    responses: { 200: RatingStatsSchema },
  },
  overview: {
    method: 'get',
    path: '/stats/overview',
    summary: 'Dashboard of my region: ratings, bookings and work orders per day/state (≤ 92 days)',
    auth: ['admin'],
    query: StatsOverviewQuerySchema,
    responses: { 200: StatsOverviewSchema },
  },
})
