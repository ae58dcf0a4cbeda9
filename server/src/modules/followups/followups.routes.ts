import { followupContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import { pendingRatings } from './pending-ratings.service'
import { weekendDay } from './weekend.service'

/** 周末办 and 待评价. */
export const followupRoutes = implement(followupContract, {
  weekend: ({ query }) => weekendDay(query.date),
  pendingRatings: ({ auth }) => pendingRatings(auth),
})
