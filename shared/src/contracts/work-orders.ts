import { defineContract } from '../contract'
import { IdParamsSchema } from '../schemas/common'
import {
  AppealDecisionSchema,
  AppealSchema,
  ReplyWorkOrderSchema,
  VerifyWorkOrderSchema,
  WorkOrderPageSchema,
  WorkOrderProgressSchema,
  WorkOrderQuerySchema,
  WorkOrderSchema,
} from '../schemas/ratings'

/** 差评整改工单 for the staff of the point that served (administrators: their region, and item guides). */
export const workOrderContract = /* @__PURE__ */ defineContract('work-orders', {
  list: {
    method: 'get',
    path: '/staff/work-orders',
    summary: 'Work orders of my points: overdue first, then by deadline',
    auth: ['staff', 'admin'],
    query: WorkOrderQuerySchema,
    responses: { 200: WorkOrderPageSchema },
  },
  get: {
    method: 'get',
    path: '/staff/work-orders/:id',
    summary: 'One work order (the rater shown as a masked name)',
    auth: ['staff', 'admin'],
    params: IdParamsSchema,
    responses: { 200: WorkOrderSchema },
  },
  verify: {
    method: 'post',
    path: '/staff/work-orders/:id/verify',
    summary: 'Verify a 差评: valid (→ rectification) or rejected as 误评/恶意 with a reason',
    auth: ['staff', 'admin'],
    params: IdParamsSchema,
    body: VerifyWorkOrderSchema,
    responses: { 200: WorkOrderSchema },
  },
  reply: {
    method: 'post',
    path: '/staff/work-orders/:id/reply',
    summary: 'Reply with the rectification (the rater is notified)',
    auth: ['staff', 'admin'],
    params: IdParamsSchema,
    body: ReplyWorkOrderSchema,
    responses: { 200: WorkOrderSchema },
  },
  /** The rater's side of a work order. */
  appeal: {
    method: 'post',
    path: '/work-orders/:id/appeal',
    summary: 'Appeal the rejection of my 差评',
    auth: ['citizen'],
    params: IdParamsSchema,
    body: AppealSchema,
    responses: { 200: WorkOrderProgressSchema },
  },
  decideAppeal: {
    method: 'post',
    path: '/admin/work-orders/:id/appeal-decision',
    tag: 'admin',
    summary: 'Decide an appeal: uphold the rejection, or overturn it (→ rectification)',
    auth: ['admin'],
    params: IdParamsSchema,
    body: AppealDecisionSchema,
    responses: { 200: WorkOrderSchema },
  },
})
