import { AuditPageSchema, AuditQuerySchema } from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import * as audit from './audit.service'

export const auditRoutes = new ApiRouter('/admin/audit', 'admin').get(
  '/',
  { summary: 'Audit log of my region (who viewed or changed bookings and accounts)', auth: ['admin'], query: AuditQuerySchema, response: AuditPageSchema },
  ({ auth, query }) => audit.queryAudit(auth, query),
)
