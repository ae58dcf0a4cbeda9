export { recordAudit } from './audit.service'
