import { sessionContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import * as sessions from './sessions.service'

export const sessionRoutes = implement(sessionContract, {
  listRules: ({ auth, query }) => sessions.listRules(auth, query),
  getRule: ({ auth, params }) => sessions.getRule(auth, params.id),
  createRule: ({ auth, body }) => sessions.createRule(auth, body),
  archiveRule: ({ auth, params }) => sessions.archiveRule(auth, params.id),
})
