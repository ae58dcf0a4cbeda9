import { defineContract } from '../contract'
import { IdParamsSchema, PageQuerySchema } from '../schemas/common'
import {
  AppealSchema,
  AppendRatingSchema,
  CreateRatingSchema,
  MyRatingPageSchema,
  MyRatingSchema,
  PublicRatingPageSchema,
  PublicRatingQuerySchema,
  RevisitSchema,
  StaffRatingPageSchema,
  StaffRatingQuerySchema,
  WorkOrderProgressSchema,
} from '../schemas/ratings'

/** 好差评: ratings are append-only (no update or delete route). */
export const ratingContract = /* @__PURE__ */ defineContract('ratings', {
  create: {
    method: 'post',
    path: '/ratings',
    summary: 'Rate a served booking (一次一评) or an item guide (一事一评); a 差评 opens a rectification work order',
    auth: ['citizen'],
    body: CreateRatingSchema,
    responses: { 201: MyRatingSchema },
  },
  listPublic: {
    method: 'get',
    path: '/ratings',
    summary: 'Recent ratings of an item or a point (raters masked) with its summary',
    query: PublicRatingQuerySchema,
    responses: { 200: PublicRatingPageSchema },
  },
  mine: {
    method: 'get',
    path: '/ratings/mine',
    summary: 'My ratings, each 差评 with the progress of its work order',
    auth: ['citizen'],
    query: PageQuerySchema,
    responses: { 200: MyRatingPageSchema },
  },
  append: {
    method: 'post',
    path: '/ratings/:id/append',
    summary: 'Add the one follow-up comment (追评) to my rating',
    auth: ['citizen'],
    params: IdParamsSchema,
    body: AppendRatingSchema,
    responses: { 200: MyRatingSchema },
  },
  appeal: {
    method: 'post',
    path: '/ratings/:id/appeal',
    summary: 'Appeal the rejection of my 差评',
    auth: ['citizen'],
    params: IdParamsSchema,
    body: AppealSchema,
    responses: { 200: WorkOrderProgressSchema },
  },
  revisit: {
    method: 'post',
    path: '/ratings/:id/revisit',
    summary: 'Give my follow-up on the rectification of my 差评 (closes the work order)',
    auth: ['citizen'],
    params: IdParamsSchema,
    body: RevisitSchema,
    responses: { 200: WorkOrderProgressSchema },
  },
  /** The ratings of the caller's points (administrators: of their region), raters masked. */
  staffList: {
    method: 'get',
    path: '/staff/ratings',
    tag: 'staff',
    summary: 'Ratings of my points (raters masked)',
    auth: ['staff', 'admin'],
    query: StaffRatingQuerySchema,
    responses: { 200: StaffRatingPageSchema },
  },
})
