import {
  AppealSchema,
  AppendRatingSchema,
  CreateRatingSchema,
  IdParamsSchema,
  MyRatingPageSchema,
  MyRatingSchema,
  PageQuerySchema,
  PublicRatingPageSchema,
  PublicRatingQuerySchema,
  RevisitSchema,
  StaffRatingPageSchema,
  StaffRatingQuerySchema,
  WorkOrderProgressSchema,
} from '@xz/shared'
import { ratingPerUser } from '../../lib/rate-policies'
import { ApiRouter } from '../../lib/routes'
import { setRatingSummaryProvider } from '../catalogue/catalogue.service'
import * as workOrders from '../work-orders/work-orders.service'
import * as ratings from './ratings.service'

// GET /services/:id carries the item's rating summary.
setRatingSummaryProvider(ratings.serviceRatingSummary)

/** 好差评: ratings are append-only (no update or delete route). */
export const ratingRoutes = new ApiRouter('/ratings', 'ratings')
  .post(
    '/',
    {
      summary: 'Rate a served booking (一次一评) or an item guide (一事一评); a 差评 opens a rectification work order',
      auth: ['citizen'],
      body: CreateRatingSchema,
      response: MyRatingSchema,
      status: 201,
      rateLimit: [ratingPerUser],
    },
    ({ auth, body }) => ratings.createRating(auth, body),
  )
  .get(
    '/',
    { summary: 'Recent ratings of an item or a point (raters masked) with its summary', query: PublicRatingQuerySchema, response: PublicRatingPageSchema },
    ({ query }) => ratings.listPublicRatings(query),
  )
  .get(
    '/mine',
    { summary: 'My ratings, each 差评 with the progress of its work order', auth: ['citizen'], query: PageQuerySchema, response: MyRatingPageSchema },
    ({ auth, query }) => ratings.listMyRatings(auth, query),
  )
  .post(
    '/:id/append',
    { summary: 'Add the one follow-up comment (追评) to my rating', auth: ['citizen'], params: IdParamsSchema, body: AppendRatingSchema, response: MyRatingSchema, rateLimit: [ratingPerUser] },
    ({ auth, params, body }) => ratings.appendRating(auth, params.id, body.comment),
  )
  .post(
    '/:id/appeal',
    { summary: 'Appeal the rejection of my 差评', auth: ['citizen'], params: IdParamsSchema, body: AppealSchema, response: WorkOrderProgressSchema },
    ({ auth, params, body }) => workOrders.appealWorkOrder(auth, { ratingId: params.id }, body.reason),
  )
  .post(
    '/:id/revisit',
    { summary: 'Give my follow-up on the rectification of my 差评 (closes the work order)', auth: ['citizen'], params: IdParamsSchema, body: RevisitSchema, response: WorkOrderProgressSchema },
    ({ auth, params, body }) => workOrders.revisitWorkOrder(auth, params.id, body.satisfaction),
  )

/** The ratings of the caller's points (administrators: of their region), raters masked. */
export const staffRatingRoutes = new ApiRouter('/staff/ratings', 'staff').get(
  '/',
  { summary: "Ratings of my points (raters masked)", auth: ['staff', 'admin'], query: StaffRatingQuerySchema, response: StaffRatingPageSchema },
  ({ auth, query }) => ratings.listStaffRatings(auth, query),
)
