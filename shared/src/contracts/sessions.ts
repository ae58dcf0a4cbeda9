import * as z from 'zod'
import { defineContract } from '../contract'
import { IdParamsSchema, pageOf } from '../schemas/common'
import { JoinWaitlistSchema, WaitlistEntrySchema } from '../schemas/bookings'
import {
  SessionCancelBodySchema,
  SessionCancelParamsSchema,
  SessionCancelResultSchema,
  SessionRuleInputSchema,
  SessionRuleQuerySchema,
  SessionRuleSchema,
  SessionRuleUpdateSchema,
  SlotIdParamsSchema,
  SlotQuerySchema,
  SlotSchema,
} from '../schemas/sessions'

/** Off-hours sessions: bookable slots, the session rules that make them, cancelling a day's sessions. */
export const sessionContract = /* @__PURE__ */ defineContract('sessions', {
  slots: {
    method: 'get',
    path: '/slots',
    tag: 'slots',
    summary: 'Bookable off-hours slots of a point (today … 14 days ahead) with remaining seats',
    query: SlotQuerySchema,
    responses: { 200: z.array(SlotSchema) },
  },
  joinWaitlist: {
    method: 'post',
    path: '/slots/:id/waitlist',
    tag: 'slots',
    summary: 'Join the waitlist of a full slot (422 SLOT_NOT_FULL while it has seats)',
    auth: ['citizen'],
    params: SlotIdParamsSchema,
    body: JoinWaitlistSchema,
    responses: { 201: WaitlistEntrySchema },
  },
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
  updateRule: {
    method: 'patch',
    path: '/admin/session-rules/:id',
    summary: 'Update a session rule',
    auth: ['admin'],
    params: IdParamsSchema,
    body: SessionRuleUpdateSchema,
    responses: { 200: SessionRuleSchema },
  },
  archiveRule: {
    method: 'delete',
    path: '/admin/session-rules/:id',
    summary: 'Archive a session rule (bookings already made stay valid)',
    auth: ['admin'],
    params: IdParamsSchema,
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
