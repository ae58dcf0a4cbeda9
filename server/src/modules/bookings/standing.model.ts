import mongoose, { Schema } from 'mongoose'

/**
 * A person's no-show record, read by `_id` (the user id) when they book — the embedded database only
 * looks documents up quickly by `_id`. Recomputed from the bookings whenever a no-show is recorded
 * (by the no-show job, or by the repair job for no-shows marked at the desk).
 */
const bookingStandingSchema = new Schema({
  _id: { type: String },
  /** When each no-show happened. */
  noShows: { type: [Date], default: [] },
  at: { type: Date, required: true },
})
export const BookingStanding = mongoose.model('BookingStanding', bookingStandingSchema)
