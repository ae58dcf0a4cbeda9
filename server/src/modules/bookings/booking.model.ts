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
    /** `${hallId}|${date}` (derived on validate; `hallDayKey`): a point's day list is one equality on one scalar field. */
    hallDay: String,
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
// Bookings grow without bound, so no request may scan them: every list reaches them through the first field of an
// index named `*_pushdown` (a scalar field; the patched embedded database searches that equality in SQL, MongoDB
// uses the index as usual): my bookings by `userId`, a point's day by `hallDay` (the patch pushes down only the
// first field, hence one compound key), a slot's bookings by `slotId`, the desk's code lookup by `code`.
bookingSchema.index({ code: 1 }, { unique: true, name: 'code_1_pushdown' })
bookingSchema.index({ userId: 1, status: 1 }, { name: 'userId_1_status_1_pushdown' })
bookingSchema.index({ userId: 1, startAt: -1 })
bookingSchema.index({ hallDay: 1, startAt: 1 }, { name: 'hallDay_1_startAt_1_pushdown' })
bookingSchema.index({ slotId: 1, status: 1 }, { name: 'slotId_1_status_1_pushdown' })
// the statistics overview counts a region's bookings day by day
bookingSchema.index({ date: 1, regionCode: 1 }, { name: 'date_1_regionCode_1_pushdown' })
bookingSchema.pre('validate', function () {
  if (this.hallId && this.date) this.hallDay = hallDayKey(this.hallId, this.date)
})
bookingSchema.index({ status: 1, startAt: 1 })
bookingSchema.index({ holdsClaims: 1, status: 1 })
export const Booking = mongoose.model('Booking', bookingSchema)

/**
 * Gives bookings written before `hallDay` existed their key: once per database (marked in `meta`), a one-time scan at
 * start, so that the day lists (which read `hallDay` only) see them.
 */
export async function backfillHallDays(): Promise<number> {
  const meta = mongoose.connection.collection<{ _id: string; at: Date }>('meta')
  if (await meta.findOne({ _id: 'migration:hallDay' })) return 0
  let n = 0
  for await (const b of Booking.find({ hallDay: { $exists: false } }, 'hallId date').lean().cursor()) {
    await Booking.updateOne({ _id: b._id }, { $set: { hallDay: hallDayKey(b.hallId, b.date) } })
    n++
  }
  await meta.updateOne({ _id: 'migration:hallDay' }, { $set: { at: new Date() } }, { upsert: true }).catch(() => undefined)
  return n
}

/** The `hallDay` key of a point's day. */
export function hallDayKey(hallId: mongoose.Types.ObjectId | string, date: string): string {
  return `${String(hallId)}|${date}`
}
export type BookingDoc = InferSchemaType<typeof bookingSchema> & { _id: mongoose.Types.ObjectId }
