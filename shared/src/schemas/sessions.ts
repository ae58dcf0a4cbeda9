import '../zod'
import * as z from 'zod'
import { DAY_TYPES, SESSION_DAY_TYPES, SESSION_LABELS } from '../enums'
import { DateSchema, ObjectIdSchema, PageQuerySchema, TimeSchema } from './common'

// ---------------------------------------------------------------------------------------------
// Off-hours session rules (SPEC §2.4)
// ---------------------------------------------------------------------------------------------
export const SESSION_RULE_STATUSES = ['active', 'archived'] as const
export type SessionRuleStatus = (typeof SESSION_RULE_STATUSES)[number]

/** Default slot length in minutes. */
export const DEFAULT_SLOT_MINUTES = 30
/** Bookings open this long before a slot starts at the latest (min notice) … */
export const BOOKING_MIN_NOTICE_HOURS = 2
/** … and at most this many days ahead (the booking horizon). */
export const BOOKING_HORIZON_DAYS = 14

const sessionRuleFields = {
  hallId: ObjectIdSchema,
  label: z.enum(SESSION_LABELS),
  /** weekend: Saturdays/Sundays that are neither holiday nor 调休 workday; holiday: 法定节假日; workday: working days incl. 调休. */
  dayTypes: z.array(z.enum(SESSION_DAY_TYPES)).min(1, '请至少选择一种日期类型').max(3),
  start: TimeSchema,
  end: TimeSchema,
  slotMinutes: z.number().int().min(10, '号段时长至少 10 分钟').max(240, '号段时长最多 240 分钟').default(DEFAULT_SLOT_MINUTES),
  /** Seats per slot; absent = staffed windows × 2 of the point (at least 1). */
  capacity: z.number().int().min(1, '每个号段至少 1 个名额').max(500).optional(),
  /** Items offered; empty = every bookable item of the point. */
  serviceIds: z.array(ObjectIdSchema).max(200).default([]),
  effectiveFrom: DateSchema.optional(),
  effectiveTo: DateSchema.optional(),
  status: z.enum(SESSION_RULE_STATUSES).default('active'),
}

/** Field-level checks only; cross-field rules (range, whole slots, regular hours) are checked by the server. */
export const SessionRuleInputSchema = z.strictObject(sessionRuleFields)
export type SessionRuleInput = z.input<typeof SessionRuleInputSchema>

/** Partial update; `capacity: null` returns to the default capacity. */
export const SessionRuleUpdateSchema = z.strictObject({
  label: sessionRuleFields.label.optional(),
  dayTypes: sessionRuleFields.dayTypes.optional(),
  start: TimeSchema.optional(),
  end: TimeSchema.optional(),
  slotMinutes: z.number().int().min(10, '号段时长至少 10 分钟').max(240, '号段时长最多 240 分钟').optional(),
  capacity: z.number().int().min(1, '每个号段至少 1 个名额').max(500).nullable().optional(),
  serviceIds: z.array(ObjectIdSchema).max(200).optional(),
  effectiveFrom: DateSchema.nullable().optional(),
  effectiveTo: DateSchema.nullable().optional(),
  status: z.enum(SESSION_RULE_STATUSES).optional(),
})
export type SessionRuleUpdate = z.input<typeof SessionRuleUpdateSchema>

export const SessionRuleSchema = z.object({
  id: z.string(),
  hallId: z.string(),
  hallName: z.string().optional(),
  label: z.enum(SESSION_LABELS),
  dayTypes: z.array(z.enum(SESSION_DAY_TYPES)),
  start: z.string(),
  end: z.string(),
  slotMinutes: z.number().int(),
  /** Effective seats per slot. */
  capacity: z.number().int(),
  /** True when the capacity follows the point's staffed windows. */
  capacityIsDefault: z.boolean(),
  serviceIds: z.array(z.string()),
  effectiveFrom: z.string().optional(),
  effectiveTo: z.string().optional(),
  status: z.enum(SESSION_RULE_STATUSES),
  demo: z.boolean(),
})
export type SessionRule = z.infer<typeof SessionRuleSchema>

export const SessionRuleQuerySchema = PageQuerySchema.extend({
  hallId: ObjectIdSchema.optional(),
  status: z.enum(SESSION_RULE_STATUSES).optional(),
})
export type SessionRuleQuery = z.infer<typeof SessionRuleQuerySchema>

// ---------------------------------------------------------------------------------------------
// Slots
// ---------------------------------------------------------------------------------------------
/** `${ruleId}.${YYYYMMDD}.${HHmm}`: deterministic and URL-safe. */
export const SlotIdSchema = z.string().regex(/^[0-9a-f]{24}\.\d{8}\.\d{4}$/i, '时段编号格式不正确')
export const SlotIdParamsSchema = z.object({ id: SlotIdSchema })

export const SlotSchema = z.object({
  id: z.string(),
  hallId: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  label: z.enum(SESSION_LABELS),
  dayType: z.enum(DAY_TYPES),
  capacity: z.number().int(),
  remaining: z.number().int(),
})
export type Slot = z.infer<typeof SlotSchema>

export const SlotQuerySchema = z.object({
  hallId: ObjectIdSchema,
  serviceId: ObjectIdSchema.optional(),
  /** Defaults: today … today + 14 days; the range is clipped to the booking horizon. */
  from: DateSchema.optional(),
  to: DateSchema.optional(),
})
export type SlotQuery = z.infer<typeof SlotQuerySchema>

// ---------------------------------------------------------------------------------------------
// Session cancellation by an administrator
// ---------------------------------------------------------------------------------------------
export const SessionCancelParamsSchema = z.object({ hallId: ObjectIdSchema, date: DateSchema })
export const SessionCancelBodySchema = z.strictObject({
  reason: z.string().trim().min(2, '请填写取消原因').max(200),
})
export type SessionCancelBody = z.infer<typeof SessionCancelBodySchema>

export const SessionCancelResultSchema = z.object({
  hallId: z.string(),
  date: z.string(),
  reason: z.string(),
  /** Bookings cancelled by this call. */
  cancelledBookings: z.number().int(),
  /** Waitlist entries closed by this call. */
  closedWaitlistEntries: z.number().int(),
})
export type SessionCancelResult = z.infer<typeof SessionCancelResultSchema>
