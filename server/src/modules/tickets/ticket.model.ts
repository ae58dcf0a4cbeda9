import mongoose, { Schema, type InferSchemaType } from 'mongoose'
import { TICKET_ACTIONS, TICKET_LIMIT_CLASSES, TICKET_SATISFACTIONS, TICKET_STATUSES, TICKET_TYPES } from '@xz/shared'

/** 派单目录: category → responsible department and time limit. Small and administrator-kept (read whole). */
const ticketCategorySchema = new Schema(
  {
    name: { type: String, required: true },
    parent: String,
    departmentId: { type: Schema.Types.ObjectId, ref: 'Department', required: true },
    limitClass: { type: String, enum: TICKET_LIMIT_CLASSES, default: '一般' },
    replyDays: { type: Number, required: true },
    active: { type: Boolean, default: true },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
)
ticketCategorySchema.index({ name: 1 }, { unique: true })
export const TicketCategory = mongoose.model('TicketCategory', ticketCategorySchema)
export type TicketCategoryDoc = InferSchemaType<typeof ticketCategorySchema> & { _id: mongoose.Types.ObjectId }

const eventSchema = new Schema(
  {
    seq: { type: Number, required: true },
    action: { type: String, enum: TICKET_ACTIONS, required: true },
    at: { type: Date, required: true },
    by: { type: String, required: true },
    byRole: { type: String, required: true },
    byName: String,
    from: { type: String, enum: TICKET_STATUSES },
    to: { type: String, enum: TICKET_STATUSES, required: true },
    reason: String,
    text: String,
  },
  { _id: false },
)

/**
 * A 12345 诉求. `_id` is the ticket number `12345-YYYYMMDD-NNNN`: inserting it is the claim of the number, so numbers
 * are unique and (no claim without its ticket) gap-free per day.
 *
 * Every transition is claimed first as `TicketClaim` `<id>#<seq>` (one winner per step, whatever the concurrency) and
 * then written as one idempotent `$set` of the ticket's new state, timeline included.
 *
 * Lists never scan the collection: they match one scalar field by equality, declared as a `_pushdown` index (the
 * embedded database pushes such equality down to SQL): `userId` (my tickets), `dispatchQueue` ('open' while a
 * dispatcher must act), `activeDepartment` (the department currently holding an open ticket), `openFlag` ('open'
 * until closed: the reminder job) and `pendingExtension` ('pending' while an administrator must decide).
 */
const ticketSchema = new Schema(
  {
    _id: { type: String },
    /** Number of events so far (the next transition claims `<id>#<seq+1>`). */
    seq: { type: Number, required: true },
    date: { type: String, required: true },
    month: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    type: { type: String, enum: TICKET_TYPES, required: true },
    categoryId: { type: Schema.Types.ObjectId, ref: 'TicketCategory', required: true },
    categoryName: { type: String, required: true },
    departmentId: { type: Schema.Types.ObjectId, ref: 'Department' },
    departmentName: String,
    regionCode: { type: String, required: true },
    description: { type: String, required: true },
    photos: { type: [String], default: [] },
    hallId: { type: Schema.Types.ObjectId, ref: 'Hall' },
    address: String,
    location: { type: new Schema({ lat: Number, lng: Number }, { _id: false }), default: undefined },
    contactName: String,
    contactMobile: { type: String, required: true },
    enterprise: { type: Boolean, default: false },
    urgent: { type: Boolean, default: false },
    limitDays: { type: Number, required: true },
    status: { type: String, enum: TICKET_STATUSES, required: true },
    submittedAt: { type: Date, required: true },
    dispatchedAt: Date,
    /** Start of the reply clock: the (re)dispatch, or the 重办. */
    clockStart: Date,
    responseDueAt: Date,
    respondedAt: Date,
    replyDueAt: Date,
    pausedAt: Date,
    pausedWorkingDays: { type: Number, default: 0 },
    extension: {
      type: new Schema(
        {
          days: Number,
          reason: String,
          status: { type: String, enum: ['pending', 'approved', 'refused'] },
          by: String,
          at: Date,
          decidedBy: String,
          decidedAt: Date,
          decisionReason: String,
        },
        { _id: false },
      ),
      default: undefined,
    },
    reply: { type: new Schema({ text: String, by: String, at: Date }, { _id: false }), default: undefined },
    satisfaction: { type: String, enum: TICKET_SATISFACTIONS },
    reworked: { type: Boolean, default: false },
    returns: { type: Number, default: 0 },
    mergedInto: String,
    mergedIds: { type: [String], default: [] },
    closedAt: Date,
    archivedAt: Date,
    timeline: { type: [eventSchema], default: [] },
    // ---- list keys (scalar, equality only; null when not listed) ----
    dispatchQueue: String,
    activeDepartment: String,
    openFlag: String,
    pendingExtension: String,
    // ---- metric flags (0/1), summed by `$group` (the embedded database has no $cond/$avg) ----
    mAccepted: { type: Number, default: 0 },
    mDispatched: { type: Number, default: 0 },
    /** Departments that returned it (退单), one entry per return: their 退单率 is counted by `$unwind`. */
    returnedFrom: { type: [String], default: [] },
    mResponded: { type: Number, default: 0 },
    mRespondedOnTime: { type: Number, default: 0 },
    mReplied: { type: Number, default: 0 },
    mClosed: { type: Number, default: 0 },
    /** The latest reply came within the limit (net of approved extensions and pauses); copied to mClosedOnTime at 办结. */
    replyOnTime: { type: Number, default: 0 },
    mClosedOnTime: { type: Number, default: 0 },
    mRated: { type: Number, default: 0 },
    mSatisfied: { type: Number, default: 0 },
    mReworked: { type: Number, default: 0 },
    mReturned: { type: Number, default: 0 },
    /** A 咨询 submitted after the requester was shown knowledge entries (the other side of 知识库解决率). */
    shownKnowledge: { type: Number, default: 0 },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true, minimize: false },
)
ticketSchema.index({ userId: 1 }, { name: 'userId_1_pushdown' })
ticketSchema.index({ dispatchQueue: 1 }, { name: 'dispatchQueue_1_pushdown' })
ticketSchema.index({ activeDepartment: 1 }, { name: 'activeDepartment_1_pushdown' })
ticketSchema.index({ openFlag: 1 }, { name: 'openFlag_1_pushdown' })
ticketSchema.index({ pendingExtension: 1 }, { name: 'pendingExtension_1_pushdown' })
ticketSchema.index({ month: 1 }, { name: 'month_1_pushdown' })
export const Ticket = mongoose.model('Ticket', ticketSchema)
export type TicketDoc = InferSchemaType<typeof ticketSchema> & { _id: string; createdAt: Date }

/**
 * Transition claims: `<ticketId>#<seq>` (insert-only, 11000 = someone else made that step). `changes` is the `$set`
 * the winner writes, kept so that a loser can finish the write of a winner that died in between.
 */
const ticketClaimSchema = new Schema({
  _id: { type: String },
  at: { type: Date, required: true },
  by: { type: String, required: true },
  changes: { type: Schema.Types.Mixed, required: true },
})
export const TicketClaim = mongoose.model('TicketClaim', ticketClaimSchema)
