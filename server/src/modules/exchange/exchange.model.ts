import mongoose, { Schema } from 'mongoose'
import { EXCHANGE_KINDS, EXCHANGE_STATES } from '@xz/shared'

/**
 * The outbox of the 好差评 exchange (SPEC §2.13). `_id` is the record id (`rating-<id>`, `append-<id>`,
 * `reply-<orderId>`, `revisit-<orderId>`), so a record is enqueued once whatever the number of processes.
 * Only undelivered records live here (delivered ones are removed), so the pusher reads the whole collection:
 * its size is the backlog (plus the dead letters), not the number of ratings ever given.
 */
const exchangeQueueSchema = new Schema({
  _id: { type: String },
  kind: { type: String, enum: EXCHANGE_KINDS, required: true },
  ratingId: { type: String, required: true },
  /** Event time in ms: records of one rating are pushed in this order. */
  seq: { type: Number, required: true },
  record: { type: Schema.Types.Mixed, required: true },
  status: { type: String, enum: EXCHANGE_STATES, default: 'pending' },
  attempts: { type: Number, default: 0 },
  nextAt: { type: Date, required: true },
  lastError: String,
  /** Hint of the next lease number (`<id>#<n>`); the lease documents are the truth. */
  leaseSeq: { type: Number, default: 0 },
  createdAt: { type: Date, required: true },
})
export const ExchangeQueue = mongoose.model('ExchangeQueue', exchangeQueueSchema)

/**
 * A pusher's claim on one attempt at one record: `_id` `<recordId>#<n>`, inserted (the one atomic primitive);
 * the winner pushes until `until`. A crashed pusher's lease runs out and the next process claims `#<n+1>`.
 */
const exchangeLeaseSchema = new Schema({
  _id: { type: String },
  /** The record the lease is for: a finished record's leases are removed by it (pushed down to SQL). */
  recordId: { type: String, required: true },
  by: { type: String, required: true },
  until: { type: Date, required: true },
})
exchangeLeaseSchema.index({ recordId: 1 }, { name: 'recordId_1_pushdown' })
export const ExchangeLease = mongoose.model('ExchangeLease', exchangeLeaseSchema)

/**
 * Every record ever enqueued (the export of a period reads it by day). `day` equality is the only query; the
 * `_pushdown` index name lets the patched embedded database answer it from SQL (helper 14); until then the export,
 * an administrator's occasional download, scans this collection.
 */
const exchangeLogSchema = new Schema({
  _id: { type: String },
  day: { type: String, required: true },
  record: { type: Schema.Types.Mixed, required: true },
  deliveredAt: Date,
  attempts: Number,
})
exchangeLogSchema.index({ day: 1 }, { name: 'day_1_pushdown' })
export const ExchangeLog = mongoose.model('ExchangeLog', exchangeLogSchema)

/** Progress mark of the repair sweep (`_id` "repair"): up to when ratings were checked for a missing record. */
const exchangeMarkSchema = new Schema({
  _id: { type: String },
  until: { type: Date, required: true },
})
export const ExchangeMark = mongoose.model('ExchangeMark', exchangeMarkSchema)
