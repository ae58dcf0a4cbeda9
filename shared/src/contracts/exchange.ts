import { CONTENT_TYPES, defineContract, fileResponse } from '../contract'
import { ExchangeExportQuerySchema, ExchangeIdParamsSchema, ExchangeOverviewSchema, ExchangeQueueItemSchema } from '../schemas/exchange'

/** The 好差评 exchange with the province: city-wide, for the city's administrators. */
export const exchangeContract = /* @__PURE__ */ defineContract('admin', {
  overview: {
    method: 'get',
    path: '/admin/exchange',
    summary: '好差评 exchange: endpoint status, backlog and dead letters',
    auth: ['admin'],
    responses: { 200: ExchangeOverviewSchema },
  },
  repush: {
    method: 'post',
    path: '/admin/exchange/dead/:id/repush',
    summary: 'Re-push a dead letter (back to pending, due now)',
    auth: ['admin'],
    params: ExchangeIdParamsSchema,
    responses: { 200: ExchangeQueueItemSchema },
  },
  export: {
    method: 'get',
    path: '/admin/exchange/export',
    summary: 'Records of a period (≤ 31 days) as JSON lines or CSV, national or provincial field set',
    auth: ['admin'],
    query: ExchangeExportQuerySchema,
    responses: { 200: fileResponse([CONTENT_TYPES.ndjson, CONTENT_TYPES.csv]) },
  },
})
