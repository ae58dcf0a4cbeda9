import { defineContract } from '../contract'
import { PendingRatingListSchema, WeekendDaySchema, WeekendQuerySchema } from '../schemas/followups'

export const followupContract = /* @__PURE__ */ defineContract('followups', {
  /** 周末办: pick a non-working day first, then see which points and items have seats that day. */
  weekend: {
    method: 'get',
    path: '/weekend',
    summary: '周末办: points and items with off-hours seats on a date (no booking is scanned)',
    query: WeekendQuerySchema,
    responses: { 200: WeekendDaySchema },
  },
  /** 待评价: my served bookings still waiting for a rating (the closed loop after service). */
  pendingRatings: {
    method: 'get',
    path: '/me/pending-ratings',
    summary: 'My served bookings not yet rated (within the 7-day window)',
    auth: ['citizen'],
    responses: { 200: PendingRatingListSchema },
  },
})
