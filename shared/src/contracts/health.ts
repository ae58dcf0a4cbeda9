import { defineContract } from '../contract'
import { HealthSchema } from '../schemas/auth'

export const healthContract = /* @__PURE__ */ defineContract('health', {
  get: {
    method: 'get',
    path: '/health',
    summary: 'Liveness and database status (503 when the database is down)',
    responses: { 200: HealthSchema, 503: HealthSchema },
  },
})
