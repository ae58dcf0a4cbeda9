import mongoose, { Schema, type InferSchemaType } from 'mongoose'
import { AUDIT_ACTIONS, localDate, ROLES } from '@xz/shared'

/**
 * Who viewed or changed what (personal data and booking changes made by staff and administrators).
 * Append-only. `regionScopes` lists every region code whose administrators may read the entry
 * (the point's city, county, township, village), so a region query is one equality match.
 */
const auditLogSchema = new Schema({
  at: { type: Date, required: true },
  /** The local date of `at` ('YYYY-MM-DD'): a region's log is read day by day through it (an equality in SQL). */
  date: String,
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
auditLogSchema.index({ date: 1 }, { name: 'date_1_pushdown' })
auditLogSchema.index({ actorId: 1 })
auditLogSchema.index({ regionScopes: 1, at: -1 })
export const AuditLog = mongoose.model('AuditLog', auditLogSchema)
/**
 * Gives entries written before `date` existed their day: once per database (marked in `meta`), a one-time scan at
 * start, so that the region's log (which reads by `date` only) sees them.
 */
export async function backfillAuditDates(): Promise<number> {
  const meta = mongoose.connection.collection<{ _id: string; at: Date }>('meta')
  if (await meta.findOne({ _id: 'migration:auditDate' })) return 0
  let n = 0
  for await (const e of AuditLog.find({ date: { $exists: false } }, 'at').lean().cursor()) {
    await AuditLog.updateOne({ _id: e._id }, { $set: { date: localDate(e.at) } })
    n++
  }
  await meta.updateOne({ _id: 'migration:auditDate' }, { $set: { at: new Date() } }, { upsert: true }).catch(() => undefined)
  return n
}

export type AuditLogDoc = InferSchemaType<typeof auditLogSchema> & { _id: mongoose.Types.ObjectId }
