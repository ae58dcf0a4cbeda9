import { defineContract } from '../contract'
import { IdParamsSchema, pageOf } from '../schemas/common'
import {
  SessionRuleInputSchema,
  SessionRuleQuerySchema,
  SessionRuleSchema,
} from '../schemas/sessions'

/** Off-hours sessions: the session rules of the points (changes that reach into bookings: session-changes.ts). */
export const sessionContract = /* @__PURE__ */ defineContract('sessions', {
  listRules: {
    method: 'get',
    path: '/admin/session-rules',
    summary: 'Session rules of a point (or of my region)',
    auth: ['admin'],
    query: SessionRuleQuerySchema,
    responses: { 200: pageOf(SessionRuleSchema) },
  },
  getRule: { method: 'get', path: '/admin/session-rules/:id', summary: 'One session rule', auth: ['admin'], params: IdParamsSchema, responses: { 200: SessionRuleSchema } },
  createRule: {
    method: 'post',
    path: '/admin/session-rules',
    summary: 'Create a session rule',
    auth: ['admin'],
    body: SessionRuleInputSchema,
    responses: { 201: SessionRuleSchema },
  },
  archiveRule: {
    method: 'delete',
    path: '/admin/session-rules/:id',
    summary: 'Archive a session rule (bookings already made stay valid)',
    auth: ['admin'],
    params: IdParamsSchema,
    responses: { 200: SessionRuleSchema },
  },
})
