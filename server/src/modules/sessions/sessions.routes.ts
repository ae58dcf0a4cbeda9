import * as z from 'zod'
import {
  IdParamsSchema,
  JoinWaitlistSchema,
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
  WaitlistEntrySchema,
  pageOf,
} from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import { cancelSession, changeRule } from '../bookings/session-changes'
import { joinWaitlist } from '../bookings/waitlist.service'
import * as sessions from './sessions.service'

export const slotRoutes = new ApiRouter('/slots', 'slots')
  .get(
    '/',
    {
      summary: 'Bookable off-hours slots of a point (today … 14 days ahead) with remaining seats',
      query: SlotQuerySchema,
      response: z.array(SlotSchema),
    },
    ({ query }) => sessions.listSlots(query),
  )
  .post(
    '/:id/waitlist',
    {
      summary: 'Join the waitlist of a full slot (422 SLOT_NOT_FULL while it has seats)',
      auth: ['citizen'],
      params: SlotIdParamsSchema,
      body: JoinWaitlistSchema,
      response: WaitlistEntrySchema,
      status: 201,
    },
    ({ auth, params, body }) => joinWaitlist(auth, params.id, body),
  )

export const sessionRuleRoutes = new ApiRouter('/admin/session-rules', 'sessions')
  .get(
    '/',
    { summary: 'Session rules of a point (or of my region)', auth: ['admin'], query: SessionRuleQuerySchema, response: pageOf(SessionRuleSchema) },
    ({ auth, query }) => sessions.listRules(auth, query),
  )
  .get('/:id', { summary: 'One session rule', auth: ['admin'], params: IdParamsSchema, response: SessionRuleSchema }, ({ auth, params }) =>
    sessions.getRule(auth, params.id),
  )
  .post(
    '/',
    { summary: 'Create a session rule', auth: ['admin'], body: SessionRuleInputSchema, response: SessionRuleSchema, status: 201 },
    ({ auth, body }) => sessions.createRule(auth, body),
  )
  .patch(
    '/:id',
    { summary: 'Update a session rule', auth: ['admin'], params: IdParamsSchema, body: SessionRuleUpdateSchema, response: SessionRuleSchema },
    ({ auth, params, body }) => changeRule(auth, params.id, body),
  )
  .delete(
    '/:id',
    { summary: 'Archive a session rule (bookings already made stay valid)', auth: ['admin'], params: IdParamsSchema, response: SessionRuleSchema },
    ({ auth, params }) => sessions.archiveRule(auth, params.id),
  )

export const sessionAdminRoutes = new ApiRouter('/admin/sessions', 'sessions').post(
  '/:hallId/:date/cancel',
  {
    summary: "Cancel a point's sessions on a date: its bookings are cancelled and the bookers notified",
    auth: ['admin'],
    params: SessionCancelParamsSchema,
    body: SessionCancelBodySchema,
    response: SessionCancelResultSchema,
  },
  ({ auth, params, body }) => cancelSession(auth, params.hallId, params.date, body.reason),
)
