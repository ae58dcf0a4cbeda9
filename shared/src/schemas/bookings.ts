import '../zod'
import * as z from 'zod'
import { BOOKING_STATUSES, ROLES, SESSION_LABELS } from '../enums'
import { EnterpriseSchema, MobileSchema, ObjectIdSchema, PageQuerySchema, PersonNameSchema } from './common'
import { SlotIdSchema } from './sessions'

// ---------------------------------------------------------------------------------------------
// Booking rules (SPEC §2.5)
// ---------------------------------------------------------------------------------------------
/** Cancel or reschedule until this long before the slot starts. */
export const CANCEL_DEADLINE_HOURS = 1
/** At most this many active bookings (booked or checked in) per person. */
export const MAX_ACTIVE_BOOKINGS = 3
/** A booking not checked in by slot end + this many minutes becomes a no-show. */
export const NO_SHOW_GRACE_MINUTES = 15
/** Two no-shows within this many days … */
export const NO_SHOW_WINDOW_DAYS = 90
/** … suspend booking for this many days. */
export const SUSPENSION_DAYS = 30

/** Header that makes `POST /bookings` safe to retry. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key'
export const IdempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_.:-]{8,100}$/, 'Idempotency-Key 应为 8–100 位字母、数字或 _ . : -')

export const ApplicantSchema = z.strictObject({
  name: PersonNameSchema,
  phone: MobileSchema,
})
export type Applicant = z.infer<typeof ApplicantSchema>

export const CreateBookingSchema = z.strictObject({
  slotId: SlotIdSchema,
  serviceId: ObjectIdSchema,
  applicant: ApplicantSchema,
  enterprise: EnterpriseSchema.optional(),
  note: z.string().trim().max(200).optional(),
})
export type CreateBooking = z.input<typeof CreateBookingSchema>

export const CancelBookingSchema = z.strictObject({
  reason: z.string().trim().max(200).optional(),
})
export type CancelBooking = z.infer<typeof CancelBookingSchema>

export const RescheduleBookingSchema = z.strictObject({ slotId: SlotIdSchema })
export type RescheduleBooking = z.infer<typeof RescheduleBookingSchema>

export const BookingListQuerySchema = PageQuerySchema.extend({
  status: z.enum(BOOKING_STATUSES).optional(),
})
export type BookingListQuery = z.infer<typeof BookingListQuerySchema>

export const BookingHistoryItemSchema = z.object({
  status: z.enum(BOOKING_STATUSES),
  /** What happened: created, rescheduled, cancelled, no_show, … */
  action: z.string().optional(),
  at: z.iso.datetime(),
  by: z.string().optional(),
  byRole: z.enum([...ROLES, 'system']).optional(),
  reason: z.string().optional(),
})

export const BookingSchema = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(BOOKING_STATUSES),
  serviceId: z.string(),
  serviceName: z.string().optional(),
  hallId: z.string(),
  hallName: z.string().optional(),
  hallAddress: z.string().optional(),
  slotId: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  startAt: z.iso.datetime(),
  endAt: z.iso.datetime(),
  label: z.enum(SESSION_LABELS).optional(),
  seatNo: z.number().int().optional(),
  /** `phone` is masked (138****5678) in lists; the owner sees it in full in the detail. */
  applicant: z.object({ name: z.string(), phone: z.string() }),
  enterprise: z.object({ name: z.string(), creditCode: z.string() }).optional(),
  note: z.string().optional(),
  queueNumber: z.string().optional(),
  fromWaitlist: z.boolean(),
  /** True while the owner may still cancel or reschedule. */
  changeable: z.boolean(),
  createdAt: z.iso.datetime().optional(),
  history: z.array(BookingHistoryItemSchema).optional(),
})
export type Booking = z.infer<typeof BookingSchema>

export const BookingDetailSchema = BookingSchema.extend({
  /** PNG data URL of a QR code holding the booking code (staff scan it at check-in). */
  qrDataUrl: z.string(),
  /** Shown after a first no-show: one more within 90 days suspends booking for 30 days. */
  warning: z.string().optional(),
})
export type BookingDetail = z.infer<typeof BookingDetailSchema>

/**
 * The answer to `POST /bookings`: the owner's view without the QR image. The confirmation page opens the booking
 * (`GET /bookings/:id`), which draws it; a burst of people booking a popular slot does not wait on image encoding.
 */
export const CreatedBookingSchema = BookingDetailSchema.omit({ qrDataUrl: true })
export type CreatedBooking = z.infer<typeof CreatedBookingSchema>

// ---------------------------------------------------------------------------------------------
// Eligibility: what would stop the signed-in person from booking, known before they fill in the form
// ---------------------------------------------------------------------------------------------
export const BookingEligibilityQuerySchema = z.strictObject({
  /** Also report the dates on which the person already holds a booking of this item (one per item and day). */
  serviceId: ObjectIdSchema.optional(),
})
export type BookingEligibilityQuery = z.infer<typeof BookingEligibilityQuerySchema>

export const BookingEligibilitySchema = z.object({
  /** Active bookings held (booked or checked in) and the most one may hold. */
  activeCount: z.number().int(),
  limit: z.number().int(),
  canBook: z.boolean(),
  /** Why not (BOOKING_LIMIT or BOOKING_SUSPENDED), with the server's message. */
  reason: z.object({ code: z.enum(['BOOKING_LIMIT', 'BOOKING_SUSPENDED']), message: z.string() }).optional(),
  suspendedUntil: z.iso.datetime().optional(),
  /** Dates (within the horizon) on which the person already booked `serviceId`. */
  bookedDates: z.array(z.string()),
})
export type BookingEligibility = z.infer<typeof BookingEligibilitySchema>

// ---------------------------------------------------------------------------------------------
// Waitlist
// ---------------------------------------------------------------------------------------------
export const WAITLIST_STATUSES = ['waiting', 'promoted', 'skipped', 'expired', 'cancelled', 'left'] as const
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number]

/** Applicant defaults to the profile (name and mobile) of the signed-in user. */
export const JoinWaitlistSchema = z.strictObject({
  serviceId: ObjectIdSchema,
  applicant: ApplicantSchema.optional(),
  enterprise: EnterpriseSchema.optional(),
  note: z.string().trim().max(200).optional(),
})
export type JoinWaitlist = z.input<typeof JoinWaitlistSchema>

export const WaitlistEntrySchema = z.object({
  id: z.string(),
  slotId: z.string(),
  hallId: z.string(),
  hallName: z.string().optional(),
  serviceId: z.string(),
  serviceName: z.string().optional(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  label: z.enum(SESSION_LABELS).optional(),
  status: z.enum(WAITLIST_STATUSES),
  /** 1 = next in line (only while waiting). */
  position: z.number().int().optional(),
  /** The booking made for this entry when a seat freed. */
  bookingId: z.string().optional(),
  reason: z.string().optional(),
  joinedAt: z.iso.datetime(),
})
export type WaitlistEntry = z.infer<typeof WaitlistEntrySchema>

export const WaitlistQuerySchema = PageQuerySchema.extend({
  status: z.enum(WAITLIST_STATUSES).optional(),
})
export type WaitlistQuery = z.infer<typeof WaitlistQuerySchema>

// ---------------------------------------------------------------------------------------------
// In-app notifications (the outbox, as the recipient sees it)
// ---------------------------------------------------------------------------------------------
export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  bookingId: z.string().optional(),
  page: z.string().optional(),
  channel: z.enum(['outbox', 'wechat']),
  read: z.boolean(),
  createdAt: z.iso.datetime(),
})
export type NotificationItem = z.infer<typeof NotificationSchema>

export const NotificationQuerySchema = PageQuerySchema.extend({
  unread: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional(),
})
export type NotificationQuery = z.infer<typeof NotificationQuerySchema>

export const NotificationIdParamsSchema = z.object({ id: z.string().min(1).max(200) })
