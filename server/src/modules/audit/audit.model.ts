import mongoose, { Schema, type InferSchemaType } from 'mongoose'
import { AUDIT_ACTIONS, ROLES } from '@xz/shared'

/**
 * Who viewed or changed what (personal data and booking changes made by staff and administrators).
 * Append-only. `regionScopes` lists every region code whose administrators may read the entry
 * (the point's city, county, township, village), so a region query is one equality match.
 */
const auditLogSchema = new Schema({
  at: { type: Date, required: true },
  actorId: { type: String, required: true },
  actorRole: { type: String, enum: ROLES, required: true },
  actorName: String,
  action: { type: String, enum: AUDIT_ACTIONS, required: true },
  bookingId: String,
  walkinId: String,
  accountId: String,
  hallId: String,
  regionScopes: { type: [String], default: [] },
  details: { type: Schema.Types.Mixed },
})
auditLogSchema.index({ bookingId: 1 }, { name: 'bookingId_1_pushdown' })
auditLogSchema.index({ actorId: 1 })
auditLogSchema.index({ regionScopes: 1, at: -1 })
export const AuditLog = mongoose.model('AuditLog', auditLogSchema)
export type AuditLogDoc = InferSchemaType<typeof auditLogSchema> & { _id: mongoose.Types.ObjectId }
