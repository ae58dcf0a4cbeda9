import mongoose, { Schema, type InferSchemaType } from 'mongoose'
import { SESSION_DAY_TYPES, SESSION_LABELS, SESSION_RULE_STATUSES } from '@xz/shared'
import { trackWrites } from '../../lib/versioned-cache'

/**
 * An off-hours session rule of a point (SPEC §2.4): on which day types, from when to when, in slots of
 * `slotMinutes`, with `capacity` seats each (absent: staffed windows × 2), offering `serviceIds`
 * (empty: every bookable item of the point). Slots are derived from it, never stored.
 */
const sessionRuleSchema = new Schema(
  {
    hallId: { type: Schema.Types.ObjectId, ref: 'Hall', required: true },
    /** Region of the point (administrators are scoped by region). */
    regionCode: { type: String, required: true },
    label: { type: String, enum: SESSION_LABELS, required: true },
    dayTypes: { type: [{ type: String, enum: SESSION_DAY_TYPES }], required: true },
    start: { type: String, required: true },
    end: { type: String, required: true },
    slotMinutes: { type: Number, required: true, default: 30 },
    capacity: Number,
    serviceIds: { type: [{ type: Schema.Types.ObjectId, ref: 'Service' }], default: [] },
    effectiveFrom: String,
    effectiveTo: String,
    status: { type: String, enum: SESSION_RULE_STATUSES, default: 'active', required: true },
    createdBy: String,
    updatedBy: String,
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
)
sessionRuleSchema.index({ hallId: 1, status: 1 })
// rules are read from an in-process cache (session-cache.ts): every write through the model bumps its version
trackWrites(sessionRuleSchema, 'sessionRules')
export const SessionRule = mongoose.model('SessionRule', sessionRuleSchema)
export type SessionRuleDoc = InferSchemaType<typeof sessionRuleSchema> & { _id: mongoose.Types.ObjectId }

/**
 * A point's sessions cancelled on a date by an administrator: `_id` is `${hallId}:${date}`, so a date is
 * cancelled once; the date then yields no slots, and its bookings are cancelled (a job finishes the work
 * if a process dies half-way).
 */
const sessionCancellationSchema = new Schema(
  {
    _id: { type: String },
    hallId: { type: Schema.Types.ObjectId, ref: 'Hall', required: true },
    date: { type: String, required: true },
    reason: { type: String, required: true },
    by: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { timestamps: true },
)
sessionCancellationSchema.index({ hallId: 1 }, { name: 'hallId_1_pushdown' })
trackWrites(sessionCancellationSchema, 'sessionCancellations')
export const SessionCancellation = mongoose.model('SessionCancellation', sessionCancellationSchema)
