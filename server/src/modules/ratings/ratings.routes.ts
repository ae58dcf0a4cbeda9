import { ratingContract } from '@xz/shared'
import { ratingPerUser } from '../../lib/rate-policies'
import { implement } from '../../lib/routes'
import * as workOrders from '../work-orders'
import * as ratings from './ratings.service'

/** 好差评: ratings are append-only (no update or delete route). */
export const ratingRoutes = implement(ratingContract, {
  create: { rateLimit: [ratingPerUser], handler: ({ auth, body }) => ratings.createRating(auth, body) },
  listPublic: ({ query }) => ratings.listPublicRatings(query),
  mine: ({ auth, query }) => ratings.listMyRatings(auth, query),
  append: { rateLimit: [ratingPerUser], handler: ({ auth, params, body }) => ratings.appendRating(auth, params.id, body.comment) },
  appeal: ({ auth, params, body }) => workOrders.appealWorkOrder(auth, { ratingId: params.id }, body.reason),
  revisit: ({ auth, params, body }) => workOrders.revisitWorkOrder(auth, params.id, body.satisfaction),
  staffList: ({ auth, query }) => ratings.listStaffRatings(auth, query),
})
