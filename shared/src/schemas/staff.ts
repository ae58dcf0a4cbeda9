import '../zod'
import * as z from 'zod'
import { BOOKING_STATUSES, ROLES } from '../enums'
import { isValidBookingCode, normalizeBookingCode } from '../validators/booking-code'
import { DateSchema, MobileSchema, ObjectIdSchema, PageQuerySchema, PersonNameSchema, pageOf } from './common'

// ---------------------------------------------------------------------------------------------
// Queue numbers: one sequence per point, per day and per kind (Y = booking, W = walk-in)
// ---------------------------------------------------------------------------------------------
export const QUEUE_PREFIXES = { booking: 'Y', walkin: 'W' } as const
export type QueuePrefix = (typeof QUEUE_PREFIXES)[keyof typeof QUEUE_PREFIXES]

/** 17 → 'Y017' (at least three digits). */
export function formatQueueNumber(prefix: QueuePrefix, n: number): string {
  return `${prefix}${String(n).padStart(3, '0')}`
}

/** Check-in opens this many minutes before the slot starts and closes when it ends. */
export const CHECKIN_OPENS_MINUTES_BEFORE = 30

// ---------------------------------------------------------------------------------------------
// Staff desk: the day's bookings of a point
// ---------------------------------------------------------------------------------------------
export const StaffBookingsQuerySchema = z.object({
  hallId: ObjectIdSchema,
  /** Local date; today when absent. */
  date: DateSchema.optional(),
  status: z.enum(BOOKING_STATUSES).optional(),
})
export type StaffBookingsQuery = z.infer<typeof StaffBookingsQuerySchema>

export const StatusCountsSchema = z.object({
  total: z.number().int(),
  booked: z.number().int(),
  checked_in: z.number().int(),
  served: z.number().int(),
  cancelled: z.number().int(),
  no_show: z.number().int(),
})
export type StatusCounts = z.infer<typeof StatusCountsSchema>

/** A booking as listed to staff: the name in full (they call people), the mobile number masked. */
export const StaffBookingItemSchema = z.object({
  id: z.string(),
  status: z.enum(BOOKING_STATUSES),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  label: z.string().optional(),
  serviceId: z.string(),
  serviceName: z.string(),
  applicantName: z.string(),
  mobileMasked: z.string(),
  enterpriseName: z.string().optional(),
  queueNumber: z.string().optional(),
  checkedInAt: z.iso.datetime().optional(),
  calledAt: z.iso.datetime().optional(),
  servedAt: z.iso.datetime().optional(),
  windowNumber: z.string().optional(),
})
export type StaffBookingItem = z.infer<typeof StaffBookingItemSchema>

export const StaffSessionSchema = z.object({
  start: z.string(),
  end: z.string(),
  label: z.string().optional(),
  counts: StatusCountsSchema,
  bookings: z.array(StaffBookingItemSchema),
})
export type StaffSession = z.infer<typeof StaffSessionSchema>

export const StaffDaySchema = z.object({
  hall: z.object({ id: z.string(), name: z.string() }),
  date: z.string(),
  counts: StatusCountsSchema,
  sessions: z.array(StaffSessionSchema),
})
export type StaffDay = z.infer<typeof StaffDaySchema>

export const BookingHistoryEntrySchema = z.object({
  status: z.enum(BOOKING_STATUSES),
  at: z.iso.datetime(),
  by: z.string().optional(),
  byRole: z.enum([...ROLES, 'system']).optional(),
  reason: z.string().optional(),
})

/** One booking in full (every such view is written to the audit log). */
export const StaffBookingDetailSchema = StaffBookingItemSchema.extend({
  code: z.string(),
  hallId: z.string(),
  hallName: z.string(),
  mobile: z.string(),
  enterprise: z.object({ name: z.string(), creditCode: z.string() }).optional(),
  note: z.string().optional(),
  servedBy: z.string().optional(),
  history: z.array(BookingHistoryEntrySchema),
})
export type StaffBookingDetail = z.infer<typeof StaffBookingDetailSchema>

// ---------------------------------------------------------------------------------------------
// Check-in, queue, walk-ins
// ---------------------------------------------------------------------------------------------
export const CheckinBodySchema = z.strictObject({
  code: z
    .string()
    .max(32)
    .transform(normalizeBookingCode)
    .refine(isValidBookingCode, '预约码应为 8 位字母或数字'),
})
export type CheckinBody = z.input<typeof CheckinBodySchema>

export const CheckinResultSchema = z.object({
  queueNumber: z.string(),
  booking: StaffBookingItemSchema,
})
export type CheckinResult = z.infer<typeof CheckinResultSchema>

export const WindowNumberSchema = z.string().trim().min(1).max(10)

export const QueueNextBodySchema = z.strictObject({
  hallId: ObjectIdSchema,
  windowNumber: WindowNumberSchema.optional(),
})
export type QueueNextBody = z.infer<typeof QueueNextBodySchema>

export const QueueQuerySchema = z.object({ hallId: ObjectIdSchema })

export const QueueEntrySchema = z.object({
  kind: z.enum(['booking', 'walkin']),
  id: z.string(),
  queueNumber: z.string(),
  name: z.string().optional(),
  mobileMasked: z.string().optional(),
  serviceId: z.string(),
  serviceName: z.string(),
  /** Booked slot (bookings only). */
  start: z.string().optional(),
  end: z.string().optional(),
  /** Checked in (bookings) or registered (walk-ins). */
  arrivedAt: z.iso.datetime(),
  calledAt: z.iso.datetime().optional(),
  windowNumber: z.string().optional(),
})
export type QueueEntry = z.infer<typeof QueueEntrySchema>

export const QueueSchema = z.object({
  hallId: z.string(),
  date: z.string(),
  waiting: z.array(QueueEntrySchema),
  /** Called and not yet served. */
  called: z.array(QueueEntrySchema),
  servedCount: z.number().int(),
})
export type Queue = z.infer<typeof QueueSchema>

export const WalkinBodySchema = z.strictObject({
  hallId: ObjectIdSchema,
  serviceId: ObjectIdSchema,
  name: PersonNameSchema.optional(),
  mobile: MobileSchema.optional(),
})
export type WalkinBody = z.input<typeof WalkinBodySchema>

export const WALKIN_STATUSES = ['waiting', 'served'] as const
export type WalkinStatus = (typeof WALKIN_STATUSES)[number]

export const WalkinSchema = z.object({
  id: z.string(),
  hallId: z.string(),
  date: z.string(),
  queueNumber: z.string(),
  status: z.enum(WALKIN_STATUSES),
  serviceId: z.string(),
  serviceName: z.string(),
  name: z.string().optional(),
  mobileMasked: z.string().optional(),
  arrivedAt: z.iso.datetime(),
  calledAt: z.iso.datetime().optional(),
  windowNumber: z.string().optional(),
  servedAt: z.iso.datetime().optional(),
})
export type Walkin = z.infer<typeof WalkinSchema>

// ---------------------------------------------------------------------------------------------
// Administration: staff accounts
// ---------------------------------------------------------------------------------------------
export const UsernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{3,31}$/, '用户名应为 4–32 位字母、数字或 _ . -，以字母开头')

const HallIdsSchema = z
  .array(ObjectIdSchema)
  .min(1, '请至少选择一个服务网点')
  .max(20)
  .refine((ids) => new Set(ids.map((s) => s.toLowerCase())).size === ids.length, '服务网点重复')

export const AccountCreateSchema = z.strictObject({
  username: UsernameSchema,
  name: PersonNameSchema,
  hallIds: HallIdsSchema,
})
export type AccountCreate = z.infer<typeof AccountCreateSchema>

export const AccountUpdateSchema = z
  .strictObject({
    name: PersonNameSchema.optional(),
    hallIds: HallIdsSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, '请至少修改一项')
export type AccountUpdate = z.infer<typeof AccountUpdateSchema>

export const AccountsQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(32).optional(),
  hallId: ObjectIdSchema.optional(),
})
export type AccountsQuery = z.infer<typeof AccountsQuerySchema>

export const StaffAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.literal('staff'),
  hallIds: z.array(z.string()),
  halls: z.array(z.object({ id: z.string(), name: z.string() })),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
})
export type StaffAccount = z.infer<typeof StaffAccountSchema>
export const StaffAccountPageSchema = pageOf(StaffAccountSchema)

/** Returned once, when an account is created or its password reset; never stored in clear. */
export const AccountWithPasswordSchema = z.object({ account: StaffAccountSchema, password: z.string() })
export type AccountWithPassword = z.infer<typeof AccountWithPasswordSchema>

// ---------------------------------------------------------------------------------------------
// Audit log
// ---------------------------------------------------------------------------------------------
export const AUDIT_ACTIONS = [
  'booking.view',
  'booking.check_in',
  'booking.call',
  'booking.serve',
  'booking.no_show',
  /** For other modules: a booking cancelled by staff or an administrator (e.g. a cancelled session). */
  'booking.cancel',
  /** An administrator cancelled every session of a point on a date (its bookings get `booking.cancel` entries). */
  'session.cancel',
  'walkin.create',
  'walkin.call',
  'walkin.serve',
  'account.create',
  'account.update',
  'account.reset_password',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export const AuditQuerySchema = PageQuerySchema.extend({
  bookingId: ObjectIdSchema.optional(),
  actorId: ObjectIdSchema.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  /**
   * Local dates, both included. Without a booking, the region's log covers at most 92 days (by default the last 30,
   * up to today); with a booking, all its entries.
   */
  from: DateSchema.optional(),
  to: DateSchema.optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
export type AuditQuery = z.infer<typeof AuditQuerySchema>

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorId: z.string(),
  actorRole: z.enum(ROLES),
  actorName: z.string().optional(),
  action: z.enum(AUDIT_ACTIONS),
  bookingId: z.string().optional(),
  walkinId: z.string().optional(),
  accountId: z.string().optional(),
  hallId: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
})
export type AuditEntry = z.infer<typeof AuditEntrySchema>
export const AuditPageSchema = pageOf(AuditEntrySchema)
