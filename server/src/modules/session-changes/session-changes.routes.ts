import { sessionChangeContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import { cancelSession, changeRule } from './session-changes.service'

export const sessionChangeRoutes = implement(sessionChangeContract, {
  updateRule: ({ auth, params, body }) => changeRule(auth, params.id, body),
  cancelDay: ({ auth, params, body }) => cancelSession(auth, params.hallId, params.date, body.reason),
})
