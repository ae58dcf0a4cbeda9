import {
  AppealDecisionSchema,
  AppealSchema,
  IdParamsSchema,
  ReplyWorkOrderSchema,
  VerifyWorkOrderSchema,
  WorkOrderPageSchema,
  WorkOrderProgressSchema,
  WorkOrderQuerySchema,
  WorkOrderSchema,
} from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import * as workOrders from './work-orders.service'

/** 差评整改工单 for the staff of the point that served (administrators: their region, and item guides). */
export const staffWorkOrderRoutes = new ApiRouter('/staff/work-orders', 'work-orders')
  .get(
    '/',
    { summary: 'Work orders of my points: overdue first, then by deadline', auth: ['staff', 'admin'], query: WorkOrderQuerySchema, response: WorkOrderPageSchema },
    ({ auth, query }) => workOrders.listWorkOrders(auth, query),
  )
  .get(
    '/:id',
    { summary: 'One work order (the rater shown as a masked name)', auth: ['staff', 'admin'], params: IdParamsSchema, response: WorkOrderSchema },
    ({ auth, params }) => workOrders.getWorkOrder(auth, params.id),
  )
  .post(
    '/:id/verify',
    { summary: 'Verify a 差评: valid (→ rectification) or rejected as 误评/恶意 with a reason', auth: ['staff', 'admin'], params: IdParamsSchema, body: VerifyWorkOrderSchema, response: WorkOrderSchema },
    ({ auth, params, body }) => workOrders.verifyWorkOrder(auth, params.id, body),
  )
  .post(
    '/:id/reply',
    { summary: 'Reply with the rectification (the rater is notified)', auth: ['staff', 'admin'], params: IdParamsSchema, body: ReplyWorkOrderSchema, response: WorkOrderSchema },
    ({ auth, params, body }) => workOrders.replyWorkOrder(auth, params.id, body.text),
  )

/** The rater's side of a work order. */
export const workOrderRoutes = new ApiRouter('/work-orders', 'work-orders').post(
  '/:id/appeal',
  { summary: 'Appeal the rejection of my 差评', auth: ['citizen'], params: IdParamsSchema, body: AppealSchema, response: WorkOrderProgressSchema },
  ({ auth, params, body }) => workOrders.appealWorkOrder(auth, { orderId: params.id }, body.reason),
)

export const adminWorkOrderRoutes = new ApiRouter('/admin/work-orders', 'admin').post(
  '/:id/appeal-decision',
  { summary: 'Decide an appeal: uphold the rejection, or overturn it (→ rectification)', auth: ['admin'], params: IdParamsSchema, body: AppealDecisionSchema, response: WorkOrderSchema },
  ({ auth, params, body }) => workOrders.decideAppeal(auth, params.id, body),
)
