import { defineContract } from '../contract'
import { IdParamsSchema } from '../schemas/common'
import { SessionCancelBodySchema, SessionCancelParamsSchema, SessionCancelResultSchema, SessionRuleSchema, SessionRuleUpdateSchema } from '../schemas/sessions'

/** Administrators' changes to sessions that reach into bookings: a rule change that frees seats, a cancelled day. */
export const sessionChangeContract = /* @__PURE__ */ defineContract('sessions', {
  updateRule: {
    method: 'patch',
    path: '/admin/session-rules/:id',
    summary: 'Update a session rule',
    auth: ['admin'],
    params: IdParamsSchema,
    body: SessionRuleUpdateSchema,
    responses: { 200: SessionRuleSchema },
  },
  cancelDay: {
    method: 'post',
    path: '/admin/sessions/:hallId/:date/cancel',
    summary: "Cancel a point's sessions on a date: its bookings are cancelled and the bookers notified",
    auth: ['admin'],
    params: SessionCancelParamsSchema,
    body: SessionCancelBodySchema,
    responses: { 200: SessionCancelResultSchema },
  },
})
