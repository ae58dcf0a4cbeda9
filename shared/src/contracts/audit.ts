import { defineContract } from '../contract'
import { AuditPageSchema, AuditQuerySchema } from '../schemas/staff'

export const auditContract = /* @__PURE__ */ defineContract('admin', {
  query: {
    method: 'get',
    path: '/admin/audit',
    summary: 'Audit log of my region (who viewed or changed bookings and accounts)',
    auth: ['admin'],
    query: AuditQuerySchema,
    responses: { 200: AuditPageSchema },
  },
})
