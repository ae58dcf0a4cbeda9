import '../zod'
import * as z from 'zod'
import { DateSchema } from './common'

// ---------------------------------------------------------------------------------------------
// Holiday schedules per year (SPEC §2.12): official (published) or provisional (statutory days by rule)
// ---------------------------------------------------------------------------------------------
export const HOLIDAY_YEAR_MIN = 1900
export const HOLIDAY_YEAR_MAX = 2100

export const HolidayYearSchema = z.coerce.number().int().min(HOLIDAY_YEAR_MIN).max(HOLIDAY_YEAR_MAX)
export const YearParamsSchema = z.object({ year: HolidayYearSchema })

export const HolidayRangeSchema = z.strictObject({
  name: z.string().trim().min(2, '节日名称至少 2 个字').max(20),
  from: DateSchema,
  to: DateSchema,
})
export type HolidayRange = z.infer<typeof HolidayRangeSchema>

export const MakeupWorkdaySchema = z.strictObject({
  date: DateSchema,
  name: z.string().trim().min(2).max(20).optional(),
})
export type MakeupWorkday = z.infer<typeof MakeupWorkdaySchema>

/** A published schedule of one year, as the State Council's notice gives it: holiday ranges and 调休上班 days. */
export const HolidayScheduleInputSchema = z.strictObject({
  holidays: z.array(HolidayRangeSchema).min(1, '至少填写一段假期').max(20),
  workdays: z.array(MakeupWorkdaySchema).max(20).default([]),
  source: z.string().trim().max(100).optional(),
})
export type HolidayScheduleInput = z.infer<typeof HolidayScheduleInputSchema>

/** `POST /admin/calendar/years/:year/import`: the notice's dates pasted as text/CSV (see parseHolidayScheduleText). */
export const HolidayImportBodySchema = z.strictObject({
  text: z.string().max(5000, '内容过长'),
  source: z.string().trim().max(100).optional(),
})

export const HOLIDAY_YEAR_STATUSES = ['official', 'provisional'] as const
export const HolidayYearStatusSchema = z.object({
  year: z.number().int(),
  status: z.enum(HOLIDAY_YEAR_STATUSES),
  /** package = the bundled State Council data, admin = entered/imported here, rule = statutory days computed by rule */
  origin: z.enum(['package', 'admin', 'rule']),
  holidays: z.array(z.object({ date: z.string(), name: z.string() })),
  workdays: z.array(z.object({ date: z.string(), name: z.string() })),
  source: z.string().optional(),
  updatedAt: z.string().optional(),
})
export type HolidayYearStatus = z.infer<typeof HolidayYearStatusSchema>

export const HolidayYearsQuerySchema = z.object({ from: HolidayYearSchema, to: HolidayYearSchema })
export const HolidayYearListSchema = z.array(HolidayYearStatusSchema)

export const AdminHolidayYearsSchema = z.object({
  years: HolidayYearListSchema,
  /** Set from November on while next year is still provisional. */
  notice: z.string().optional(),
})
