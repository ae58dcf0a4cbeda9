import mongoose, { Schema, type InferSchemaType } from 'mongoose'
import { RATING_KINDS } from '@xz/shared'

/**
 * A 好差评 rating, append-only: no route updates or deletes it. `key` is the unique claim of "one rating per thing":
 * `booking:<bookingId>` (一次一评; the default 基本满意 of the sweeper uses the same key, so a real rating and a
 * default can never both exist) or `guide:<userId>:<serviceId>` (一事一评).
 */
const ratingSchema = new Schema(
  {
    key: { type: String, required: true },
    kind: { type: String, enum: RATING_KINDS, required: true },
    /** The rater: never shown to staff or the public (they see `raterName`, masked when it is written). */
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    raterName: { type: String, required: true },
    bookingId: { type: Schema.Types.ObjectId, ref: 'Booking' },
    serviceId: { type: Schema.Types.ObjectId, ref: 'Service', required: true },
    hallId: { type: Schema.Types.ObjectId, ref: 'Hall' },
    departmentId: { type: Schema.Types.ObjectId, ref: 'Department' },
    /** Region of the point (一次一评) or of the item (一事一评). */
    regionCode: { type: String, required: true },
    /** Every region whose administrators oversee `regionCode` (city, county, township, itself): one equality match. */
    regionScopes: { type: [String], default: [] },
    level: { type: Number, required: true, min: 1, max: 5 },
    dimensions: { type: Schema.Types.Mixed, default: {} },
    tags: { type: [String], default: [] },
    comment: String,
    /** The default 基本满意 recorded when a served booking was not rated within the window. */
    isDefault: { type: Boolean, default: false },
    /** 一次一评: when the booking was served, and that local date (statistics of 未评率). */
    servedAt: Date,
    serviceDate: String,
    ratedAt: { type: Date, required: true },
    /** Local date of `ratedAt` (statistics per day without $dateToString). */
    ratedDate: { type: String, required: true },
    /** 追评: set once, after the claim `append:<ratingId>` was won. */
    append: { type: new Schema({ comment: String, at: Date }, { _id: false }), default: undefined },
    /** Local date of `append.at` (the exchange's repair reads a period's 追评 by this equality). */
    appendDate: String,
  },
  { timestamps: true, minimize: false },
)
// Ratings grow with use: my ratings (`userId`), a point's (`hallId`), an item's (`serviceId`) and the one-per-thing
// key are equalities on scalar fields of `*_pushdown` indexes, searched in SQL on the embedded database.
ratingSchema.index({ key: 1 }, { unique: true, name: 'key_1_pushdown' })
ratingSchema.index({ userId: 1, ratedAt: -1 }, { name: 'userId_1_ratedAt_-1_pushdown' })
ratingSchema.index({ serviceId: 1, ratedAt: -1 }, { name: 'serviceId_1_ratedAt_-1_pushdown' })
ratingSchema.index({ hallId: 1, ratedAt: -1 }, { name: 'hallId_1_ratedAt_-1_pushdown' })
// statistics read a period day by day (equality on the scalar `ratedDate`), the 差评 sweep a period of `ratedAt`
ratingSchema.index({ ratedDate: 1 }, { name: 'ratedDate_1_pushdown' })
ratingSchema.index({ appendDate: 1 }, { name: 'appendDate_1_pushdown' })
ratingSchema.index({ ratedAt: 1 })
// 待评价 asks "is this booking rated?" by bookingId (a scalar): equality pushdown instead of a scan
ratingSchema.index({ bookingId: 1 }, { name: 'bookingId_1_pushdown' })
export const Rating = mongoose.model('Rating', ratingSchema)
export type RatingDoc = InferSchemaType<typeof ratingSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date }

/** Progress marks of the background sweeps (e.g. up to which service time default ratings were recorded). */
const ratingSweepSchema = new Schema({
  _id: { type: String },
  until: { type: Date, required: true },
})
export const RatingSweep = mongoose.model('RatingSweep', ratingSweepSchema)
