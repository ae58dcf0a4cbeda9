import { statsContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import * as stats from './stats.service'

export const statsRoutes = implement(statsContract, {
  ratings: ({ auth, query }) => stats.ratingStats(auth, query),
  overview: ({ auth, query }) => stats.statsOverview(auth, query),
})
