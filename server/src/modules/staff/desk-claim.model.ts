import mongoose, { Schema } from 'mongoose'

/**
 * One-shot claims of the staff desk (`_id` deterministic, insert-only; 11000 = taken):
 * - `checkin:<bookingId>`: the desk's one decision on a booked booking (kind `checkin` or `no_show`),
 * - `queue:<hallId>:<date>:<prefix>#<n>`: queue number n of a point's day (scope + n kept for lookups),
 * - `call:<id>`: a waiting person called to a window, `serve:<id>`: a visit marked served,
 * - `cleanup:<date>`: the day's clean-up of old claims (see staff.jobs).
 */
const deskClaimSchema = new Schema({
  _id: { type: String },
  kind: { type: String, enum: ['checkin', 'no_show', 'queue', 'call', 'serve', 'cleanup'], required: true },
  at: { type: Date, required: true },
  /** The booking or walk-in the claim belongs to. */
  ref: { type: String, required: true },
  /** Queue numbers: `${hallId}:${date}:${prefix}` and the number. */
  scope: String,
  n: Number,
})
// the held numbers of a queue: equality on a scalar field (searched in SQL on the embedded database)
deskClaimSchema.index({ scope: 1 }, { name: 'scope_1_pushdown' })
deskClaimSchema.index({ at: 1 })
export const DeskClaim = mongoose.model('DeskClaim', deskClaimSchema)
