import { auditContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import * as audit from './audit.service'

export const auditRoutes = implement(auditContract, {
  query: ({ auth, query }) => audit.queryAudit(auth, query),
})
