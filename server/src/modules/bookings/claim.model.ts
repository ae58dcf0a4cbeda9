import mongoose, { Schema } from 'mongoose'

/**
 * Unique-key claims that enforce capacity and the per-person limits in the database itself (the embedded
 * database has no transactions and no atomic conditional update; a duplicate `_id` insert is the one
 * atomic primitive). A claim is taken by inserting it (11000 = taken) and released by deleting it by
 * `_id` and `bookingId`:
 * - `${slotId}#${seatNo}`: seat n of a slot (seatNo 1..capacity),
 * - `quota:${userId}:${date}:${serviceId}`: one active booking per person, item and day,
 * - `active:${userId}#${k}`: k = 1..3, the person's active bookings.
 * `bookingId` is the booking the claim is for, written at claim time (the booking's id is generated
 * before claiming), so that a repair job can release claims a crashed process left behind.
 */
const bookingClaimSchema = new Schema({
  _id: { type: String },
  kind: { type: String, enum: ['seat', 'quota', 'active'], required: true },
  bookingId: { type: Schema.Types.ObjectId, ref: 'Booking', required: true },
  userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  /** Seat claims: the slot, its point and date (for counting remaining seats). */
  slotId: String,
  hallId: { type: Schema.Types.ObjectId, ref: 'Hall' },
  date: String,
  seatNo: Number,
  at: { type: Date, required: true },
})
// (claims of a booking and of a slot: equality on a scalar field, searched in SQL on the embedded database)
bookingClaimSchema.index({ bookingId: 1 }, { name: 'bookingId_1_pushdown' })
bookingClaimSchema.index({ slotId: 1 }, { name: 'slotId_1_pushdown' })
bookingClaimSchema.index({ hallId: 1, kind: 1 })
export const BookingClaim = mongoose.model('BookingClaim', bookingClaimSchema)
export interface BookingClaimLean {
  _id: string
  kind: 'seat' | 'quota' | 'active'
  bookingId: mongoose.Types.ObjectId
  userId: mongoose.Types.ObjectId
  slotId?: string
  hallId?: mongoose.Types.ObjectId
  date?: string
  seatNo?: number
  at: Date
}

/**
 * One operation at a time per booking (create, reschedule, cancel, no-show, promotion): `_id` is the
 * booking id. It is inserted before any claim is taken and deleted when the operation is complete, so a
 * lock older than a short grace period marks an operation that died half-way: the repair job then
 * reconciles that booking's claims with the booking (or its absence) and removes the lock.
 */
const bookingLockSchema = new Schema({
  _id: { type: String },
  op: { type: String, required: true },
  /** Random per holder: only the holder deletes its own lock. */
  token: { type: String, required: true },
  at: { type: Date, required: true },
})
export const BookingLock = mongoose.model('BookingLock', bookingLockSchema)
export interface BookingLockLean {
  _id: string
  op: string
  token: string
  at: Date
}

/**
 * `Idempotency-Key` of `POST /bookings`: `_id` is `${userId}:${key}`; the first request inserts it with
 * the hash of its body and the id its booking will get. A replay with the same body returns that booking;
 * another body under the same key is refused. Deleted again when the first request fails, so that a retry
 * runs again.
 */
const idempotencyRecordSchema = new Schema({
  _id: { type: String },
  bodyHash: { type: String, required: true },
  bookingId: { type: Schema.Types.ObjectId, ref: 'Booking', required: true },
  at: { type: Date, required: true },
})
export const IdempotencyRecord = mongoose.model('IdempotencyRecord', idempotencyRecordSchema)

/**
 * Occupancy hint of a slot (`_id` = slot id): the seat numbers believed taken. Bookings read it instead of
 * probing every seat, listings count remaining seats from it; it never decides anything — the seat claims
 * do (see claims.ts). Hints of past dates are removed by the repair job.
 */
const slotOccupancySchema = new Schema({
  _id: { type: String },
  hallId: { type: Schema.Types.ObjectId, ref: 'Hall', required: true },
  date: { type: String, required: true },
  taken: { type: [Number], default: [] },
  /** When an exact probe last wrote `taken`. */
  verifiedAt: Date,
})
slotOccupancySchema.index({ hallId: 1 }, { name: 'hallId_1_pushdown' })
slotOccupancySchema.index({ date: 1 })
export const SlotOccupancy = mongoose.model('SlotOccupancy', slotOccupancySchema)
