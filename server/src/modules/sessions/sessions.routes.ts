import { sessionContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import { cancelSession, changeRule } from '../bookings/session-changes'
import { joinWaitlist } from '../bookings/waitlist.service'
import * as sessions from './sessions.service'

export const sessionRoutes = implement(sessionContract, {
  slots: ({ query }) => sessions.listSlots(query),
  joinWaitlist: ({ auth, params, body }) => joinWaitlist(auth, params.id, body),
  listRules: ({ auth, query }) => sessions.listRules(auth, query),
  getRule: ({ auth, params }) => sessions.getRule(auth, params.id),
  createRule: ({ auth, body }) => sessions.createRule(auth, body),
  updateRule: ({ auth, params, body }) => changeRule(auth, params.id, body),
  archiveRule: ({ auth, params }) => sessions.archiveRule(auth, params.id),
  cancelDay: ({ auth, params, body }) => cancelSession(auth, params.hallId, params.date, body.reason),
})
