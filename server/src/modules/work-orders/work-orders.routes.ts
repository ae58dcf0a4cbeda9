import { workOrderContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import * as workOrders from './work-orders.service'

/** 差评整改工单 for the staff of the point that served (administrators: their region, and item guides). */
export const workOrderRoutes = implement(workOrderContract, {
  list: ({ auth, query }) => workOrders.listWorkOrders(auth, query),
  get: ({ auth, params }) => workOrders.getWorkOrder(auth, params.id),
  verify: ({ auth, params, body }) => workOrders.verifyWorkOrder(auth, params.id, body),
  reply: ({ auth, params, body }) => workOrders.replyWorkOrder(auth, params.id, body.text),
  appeal: ({ auth, params, body }) => workOrders.appealWorkOrder(auth, { orderId: params.id }, body.reason),
  decideAppeal: ({ auth, params, body }) => workOrders.decideAppeal(auth, params.id, body),
})
