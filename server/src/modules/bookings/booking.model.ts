import mongoose, { Schema, type InferSchemaType } from 'mongoose'
import { BOOKING_STATUSES, ROLES } from '@xz/shared'

/** One state change of a booking: who, when, why. */
const historySchema = new Schema(
  {
    status: { type: String, enum: BOOKING_STATUSES, required: true },
    /** What happened: created, rescheduled, cancelled, no_show, … (status alone does not tell a reschedule). */
    action: String,
    at: { type: Date, required: true },
    by: String, // user/account id, or 'system'
    byRole: { type: String, enum: [...ROLES, 'system'] },
    reason: String,
  },
  { _id: false },
)

/**
 * An off-hours window appointment. Slots are derived from session rules; `slotId` is deterministic
 * (see sessions/slot id format) and capacity is held by SeatClaim documents `${slotId}#${seatNo}`.
 */
const bookingSchema = new Schema(
  {
    /** 8-character Crockford base32 booking code (unique). */
    code: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    serviceId: { type: Schema.Types.ObjectId, ref: 'Service', required: true },
    hallId: { type: Schema.Types.ObjectId, ref: 'Hall', required: true },
    /** Region of the hall (administrators are scoped by region). */
    regionCode: { type: String, required: true },
    slotId: { type: String, required: true },
    ruleId: { type: Schema.Types.ObjectId, ref: 'SessionRule' },
    /** Local date 'YYYY-MM-DD' and times 'HH:mm' (Asia/Shanghai); startAt/endAt are the instants. */
    date: { type: String, required: true },
    start: { type: String, required: true },
    end: { type: String, required: true },
    startAt: { type: Date, required: true },
    endAt: { type: Date, required: true },
    label: String,
    seatNo: Number,
    applicant: { name: { type: String, required: true }, mobile: { type: String, required: true } },
    enterprise: { type: new Schema({ name: String, creditCode: String }, { _id: false }), default: undefined },
    note: String,
    status: { type: String, enum: BOOKING_STATUSES, default: 'booked', required: true },
    history: { type: [historySchema], default: [] },
    /** Check-in and queue (staff desk). */
    queueNumber: String,
    checkedInAt: Date,
    calledAt: Date,
    servedAt: Date,
    servedBy: String,
    windowNumber: String,
    cancelledAt: Date,
    /** Set when the booking came from a waitlist promotion. */
    fromWaitlist: { type: Boolean, default: false },
    /** Business time of booking (clock.now()). */
    bookedAt: Date,
    /**
     * The claim documents (BookingClaim `_id`s) this booking holds: its seat, its per-person-per-item-per-day
     * quota and one of the person's active-booking places. `holdsClaims` turns false once they are released
     * (any status other than booked/checked_in releases them; a job catches changes made elsewhere).
     */
    claimIds: { type: [String], default: [] },
    holdsClaims: { type: Boolean, default: true },
    noShowAt: Date,
    /** Reminders queued (each also deduplicated by its outbox key). */
    reminded24h: { type: Boolean, default: false },
    reminded1h: { type: Boolean, default: false },
  },
  { timestamps: true },
)
bookingSchema.index({ code: 1 }, { unique: true })
bookingSchema.index({ userId: 1, status: 1 })
bookingSchema.index({ hallId: 1, date: 1 })
bookingSchema.index({ slotId: 1, status: 1 })
bookingSchema.index({ status: 1, startAt: 1 })
bookingSchema.index({ holdsClaims: 1, status: 1 })
export const Booking = mongoose.model('Booking', bookingSchema)
export type BookingDoc = InferSchemaType<typeof bookingSchema> & { _id: mongoose.Types.ObjectId }
