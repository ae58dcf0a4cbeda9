import mongoose, { Schema, type InferSchemaType } from 'mongoose'
import { WALKIN_STATUSES } from '@xz/shared'

/** A visitor without a booking, registered at the desk; queued with a W-number next to checked-in bookings. */
const walkinSchema = new Schema(
  {
    hallId: { type: Schema.Types.ObjectId, ref: 'Hall', required: true },
    regionCode: { type: String, required: true },
    serviceId: { type: Schema.Types.ObjectId, ref: 'Service', required: true },
    /** Local date 'YYYY-MM-DD' of the visit. */
    date: { type: String, required: true },
    queueNumber: { type: String, required: true },
    /** Business time of registration (clock.now()): its place in the queue. */
    arrivedAt: { type: Date, required: true },
    name: String,
    mobile: String,
    status: { type: String, enum: WALKIN_STATUSES, default: 'waiting', required: true },
    registeredBy: { type: String, required: true },
    calledAt: Date,
    windowNumber: String,
    servedAt: Date,
    servedBy: String,
  },
  { timestamps: true },
)
// a point's walk-ins of a day: equality on `hallId` searched in SQL on the embedded database (then `date` in memory
// over that point's walk-ins only)
walkinSchema.index({ hallId: 1, date: 1 }, { name: 'hallId_1_date_1_pushdown' })
export const Walkin = mongoose.model('Walkin', walkinSchema)
export type WalkinDoc = InferSchemaType<typeof walkinSchema> & { _id: mongoose.Types.ObjectId }
