import mongoose, { Schema, type InferSchemaType } from 'mongoose'
import { WAITLIST_STATUSES } from '@xz/shared'

/**
 * A person waiting for a seat of a full slot. When a seat frees, the first waiting person who still meets
 * the booking rules gets a booking with the pre-generated `bookingId` (so a promotion happens once even if
 * several processes try it: the booking lock and the booking `_id` are both unique).
 */
const waitlistEntrySchema = new Schema(
  {
    slotId: { type: String, required: true },
    ruleId: { type: Schema.Types.ObjectId, ref: 'SessionRule', required: true },
    hallId: { type: Schema.Types.ObjectId, ref: 'Hall', required: true },
    date: { type: String, required: true },
    start: { type: String, required: true },
    end: { type: String, required: true },
    startAt: { type: Date, required: true },
    label: String,
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    serviceId: { type: Schema.Types.ObjectId, ref: 'Service', required: true },
    applicant: { name: { type: String, required: true }, mobile: { type: String, required: true } },
    enterprise: { type: new Schema({ name: String, creditCode: String }, { _id: false }), default: undefined },
    note: String,
    status: { type: String, enum: WAITLIST_STATUSES, default: 'waiting', required: true },
    /**
     * Unique: `${slotId}:${userId}` while waiting (one entry per person and slot), `${…}:${_id}` afterwards
     * (the embedded database ignores `sparse`, so the key is never left empty).
     */
    activeKey: { type: String, required: true },
    bookingId: { type: Schema.Types.ObjectId, ref: 'Booking', required: true },
    joinedAt: { type: Date, required: true },
    closedAt: Date,
    reason: String,
  },
  { timestamps: true },
)
waitlistEntrySchema.index({ activeKey: 1 }, { unique: true })
// Entries grow with use: a slot's line (`slotId`), a person's entries (`userId`) and a point's entries (`hallId`) are
// equalities on scalar fields of `*_pushdown` indexes, searched in SQL on the embedded database.
waitlistEntrySchema.index({ slotId: 1, status: 1 }, { name: 'slotId_1_status_1_pushdown' })
waitlistEntrySchema.index({ userId: 1, joinedAt: -1 }, { name: 'userId_1_joinedAt_-1_pushdown' })
waitlistEntrySchema.index({ hallId: 1, date: 1 }, { name: 'hallId_1_date_1_pushdown' })
// the job's slots with people waiting (waiting entries only, searched in SQL on the embedded database)
waitlistEntrySchema.index({ status: 1 }, { name: 'status_1_pushdown' })
export const WaitlistEntry = mongoose.model('WaitlistEntry', waitlistEntrySchema)
export type WaitlistEntryDoc = InferSchemaType<typeof waitlistEntrySchema> & { _id: mongoose.Types.ObjectId }

/**
 * Present (`_id` = slot id) while a slot may have people waiting: a new booking reads it by `_id` and
 * leaves a freed seat to the waitlist. A hint for fairness only — promotion always reads the entries.
 */
const waitlistFlagSchema = new Schema({
  _id: { type: String },
  at: { type: Date, required: true },
})
export const WaitlistFlag = mongoose.model('WaitlistFlag', waitlistFlagSchema)
