/** 周末办 (date first), 待评价 and the in-app 消息 list: request and response shapes. */
import '../zod'
import * as z from 'zod'
import { DAY_TYPES, HALL_TYPES, SESSION_LABELS } from '../enums'
import { DateSchema } from './common'

// ---- 周末办: a non-working day first, then what has seats that day ----
export const WeekendQuerySchema = z.object({ date: DateSchema })
export type WeekendQuery = z.infer<typeof WeekendQuerySchema>

export const WeekendSessionSchema = z.object({
  label: z.enum(SESSION_LABELS),
  start: z.string(),
  end: z.string(),
  capacity: z.number().int(),
  remaining: z.number().int(),
})
export const WeekendHallSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(HALL_TYPES),
  regionCode: z.string(),
  address: z.string(),
  sessions: z.array(WeekendSessionSchema),
  remaining: z.number().int(),
  /** Items bookable there that day (with seats left). */
  serviceIds: z.array(z.string()),
})
export const WeekendServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  remaining: z.number().int(),
  hallIds: z.array(z.string()),
})
export const WeekendDaySchema = z.object({
  date: z.string(),
  dayType: z.enum(DAY_TYPES),
  /** Holiday name (国庆节 …) when the calendar has one. */
  dayName: z.string().optional(),
  /** False when the date is outside today … 14 days ahead (nothing is bookable then). */
  inHorizon: z.boolean(),
  halls: z.array(WeekendHallSchema),
  services: z.array(WeekendServiceSchema),
})
export type WeekendDay = z.infer<typeof WeekendDaySchema>
export type WeekendHall = z.infer<typeof WeekendHallSchema>
export type WeekendService = z.infer<typeof WeekendServiceSchema>

// ---- 待评价: served bookings still waiting for the citizen's rating ----
export const PendingRatingSchema = z.object({
  bookingId: z.string(),
  serviceName: z.string(),
  hallName: z.string(),
  date: z.string(),
  start: z.string(),
  servedAt: z.iso.datetime(),
  /** Last moment to rate (7 days after service; then 基本满意 is recorded by default). */
  rateBy: z.iso.datetime(),
})
export type PendingRating = z.infer<typeof PendingRatingSchema>
export const PendingRatingListSchema = z.object({ items: z.array(PendingRatingSchema) })

// ---- 消息 ----
export const UnreadCountSchema = z.object({ unread: z.number().int() })
export const ReadAllResultSchema = z.object({ updated: z.number().int() })
