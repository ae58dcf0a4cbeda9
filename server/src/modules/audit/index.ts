export { recordAudit } from './audit.service'
export { backfillAuditDates } from './audit.model'
