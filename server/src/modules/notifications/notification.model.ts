import mongoose, { Schema } from 'mongoose'

/**
 * The outbox: every message to a person, written once. `_id` is a deterministic dedupe key
 * (e.g. `remind24h:<bookingId>`), so the same notice is never queued twice, whatever the number of processes.
 * A sender delivers pending messages through a channel (WeChat subscribe messages when configured).
 */
const notificationSchema = new Schema(
  {
    _id: { type: String },
    /** Recipient: a citizen (userId) or a staff/admin account (accountId). */
    userId: { type: Schema.Types.ObjectId, ref: 'User' },
    accountId: { type: Schema.Types.ObjectId, ref: 'Account' },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    /** Template data for the WeChat subscribe message. */
    data: { type: Schema.Types.Mixed },
    bookingId: { type: Schema.Types.ObjectId, ref: 'Booking' },
    page: String,
    status: { type: String, enum: ['pending', 'sent', 'failed', 'skipped'], default: 'pending' },
    channel: { type: String, enum: ['outbox', 'wechat'], default: 'outbox' },
    attempts: { type: Number, default: 0 },
    lastError: String,
    sentAt: Date,
    readAt: Date,
  },
  { timestamps: true },
)
// the sender's pending notices (the outbox keeps every notice sent: only the pending ones are read, in SQL)
notificationSchema.index({ status: 1, createdAt: 1 }, { name: 'status_1_createdAt_1_pushdown' })
// A person's notices: equality on a scalar recipient field of a `*_pushdown` index (searched in SQL on the embedded
// database), never a scan of the whole outbox.
notificationSchema.index({ userId: 1, createdAt: -1 }, { name: 'userId_1_createdAt_-1_pushdown' })
notificationSchema.index({ accountId: 1, createdAt: -1 }, { name: 'accountId_1_createdAt_-1_pushdown' })
export const Notification = mongoose.model('Notification', notificationSchema)

/**
 * One delivery attempt of a notice, claimed before it is made: `_id` is `send:${notificationId}#${attempt}`,
 * so whatever the number of processes, each attempt (and so each successful delivery) happens once.
 */
const deliveryClaimSchema = new Schema({
  _id: { type: String },
  at: { type: Date, required: true },
})
export const DeliveryClaim = mongoose.model('DeliveryClaim', deliveryClaimSchema)
