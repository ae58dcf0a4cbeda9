import mongoose, { Schema, type InferSchemaType } from 'mongoose'
import { bumpVersion } from '../../lib/versioned-cache'
import { RATING_KINDS, REJECT_CATEGORIES, REVISIT_SATISFACTIONS, WORK_ORDER_STATUSES } from '@xz/shared'

/**
 * 差评整改工单: one per 差评 (unique `ratingId`). Each step happens at most once and is claimed first
 * (`wo:<id>:<step>` in RatingClaim), then written with plain `$set`s; the timeline is read from the step fields.
 * The rating's content is copied in so that staff never need the rating (nor the rater behind it).
 */
const stepBy = { by: String, at: Date }
const workOrderSchema = new Schema(
  {
    ratingId: { type: Schema.Types.ObjectId, ref: 'Rating', required: true },
    kind: { type: String, enum: RATING_KINDS, required: true },
    /** The rater: never shown to staff (they see `raterName`, masked). */
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    raterName: { type: String, required: true },
    /** 一次一评: the point that served, whose staff handle the order; 一事一评: none (the region's administrators). */
    hallId: { type: Schema.Types.ObjectId, ref: 'Hall' },
    serviceId: { type: Schema.Types.ObjectId, ref: 'Service', required: true },
    departmentId: { type: Schema.Types.ObjectId, ref: 'Department' },
    regionCode: { type: String, required: true },
    regionScopes: { type: [String], default: [] },
    level: { type: Number, required: true },
    dimensions: { type: Schema.Types.Mixed, default: {} },
    tags: { type: [String], default: [] },
    comment: String,
    ratedAt: { type: Date, required: true },
    ratedDate: { type: String, required: true },
    status: { type: String, enum: WORK_ORDER_STATUSES, required: true, default: 'pending_verification' },
    /** End (23:59:59 local) of the working day by which the 差评 must be verified. */
    verifyDeadline: { type: Date, required: true },
    /** Working days allowed for the reply (the point's setting when the order opened). */
    rectifyDays: { type: Number, required: true },
    replyDeadline: Date,
    /** Deadline of the current step (verification or reply); unset when nothing is due. Overdue = dueAt < now. */
    dueAt: Date,
    /** 0 while something is due, 1 otherwise: lists sort by (dueRank, dueAt) so due orders come first, earliest first. */
    dueRank: { type: Number, default: 0 },
    verification: {
      type: new Schema({ valid: Boolean, category: { type: String, enum: REJECT_CATEGORIES }, reason: String, ...stepBy }, { _id: false }),
      default: undefined,
    },
    appeal: { type: new Schema({ reason: String, at: Date }, { _id: false }), default: undefined },
    appealDecision: { type: new Schema({ uphold: Boolean, reason: String, ...stepBy }, { _id: false }), default: undefined },
    reply: { type: new Schema({ text: String, ...stepBy }, { _id: false }), default: undefined },
    revisit: { type: new Schema({ satisfaction: { type: String, enum: REVISIT_SATISFACTIONS }, at: Date }, { _id: false }), default: undefined },
    closedAt: Date,
  },
  { timestamps: true, minimize: false },
)
// A point's orders (`hallId`), a rating's order (`ratingId`) and a rater's (`userId`): equalities on scalar fields of
// `*_pushdown` indexes, searched in SQL on the embedded database.
workOrderSchema.index({ ratingId: 1 }, { unique: true, name: 'ratingId_1_pushdown' })
workOrderSchema.index({ hallId: 1, status: 1 }, { name: 'hallId_1_status_1_pushdown' })
workOrderSchema.index({ regionScopes: 1, status: 1 })
workOrderSchema.index({ userId: 1 }, { name: 'userId_1_pushdown' })
// a month of orders, day by day, when its version moved (order-index.ts)
workOrderSchema.index({ ratedDate: 1 }, { name: 'ratedDate_1_pushdown' })

/** Version documents of the months of orders (`work_orders:YYYY-MM`), read by order-index.ts. */
export const ORDER_MONTH_VERSION = 'work_orders:'

/**
 * Marks the months (of `ratedDate`) of these orders as changed, here and in every process. Orders created through the
 * model do it themselves; every update by query must call it after its write.
 */
export async function touchWorkOrders(ratedDates: Iterable<string>): Promise<void> {
  for (const month of new Set([...ratedDates].map((d) => d.slice(0, 7)))) await bumpVersion(ORDER_MONTH_VERSION + month)
}
workOrderSchema.post('save', async (doc: { ratedDate: string }) => touchWorkOrders([doc.ratedDate]))
workOrderSchema.post('insertMany', async (docs: { ratedDate: string }[]) => touchWorkOrders(docs.map((d) => d.ratedDate)))

export const WorkOrder = mongoose.model('WorkOrder', workOrderSchema)
export type WorkOrderDoc = InferSchemaType<typeof workOrderSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date }
