import { CITY_REGION_CODE, dateRange, daysBetween, type CalendarDay, type CalendarOverrideInput } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { AppError, invalidField } from '../../lib/errors'
import { assertRegionScope } from '../../lib/scope'
import { VersionedCache } from '../../lib/versioned-cache'
import { CalendarOverride } from './calendar.model'
import { makeCalendar, type OverrideLike } from './calendar.rules'

export const MAX_CALENDAR_RANGE_DAYS = 366

/**
 * The effective calendar (official schedule + every override). Overrides are few (a handful a year),
 * so they are read whole; callers use `day(date)`/`dayType(date)` for any date, e.g. deadline arithmetic.
 */
export async function currentCalendar() {
  return calendarCache.get()
}

/** The calendar in process memory, refreshed across processes by the `calendar` version (lib/versioned-cache). */
const calendarCache = new VersionedCache('calendar', async () => makeCalendar(await CalendarOverride.find().lean<OverrideLike[]>()))

export async function listCalendar(from: string, to: string): Promise<CalendarDay[]> {
  if (to < from) throw invalidField('to', '结束日期不能早于开始日期')
  if (daysBetween(from, to) >= MAX_CALENDAR_RANGE_DAYS) {
    throw invalidField('to', `查询范围不能超过 ${MAX_CALENDAR_RANGE_DAYS} 天`)
  }
  const cal = await currentCalendar()
  return dateRange(from, to).map(cal.day)
}

export async function listOverrides() {
  const rows = await CalendarOverride.find().sort({ _id: 1 }).lean()
  return rows.map((o) => ({ date: o._id, type: o.type, name: o.name, reason: o.reason ?? undefined }))
}

/** The calendar is city-wide: only administrators of the whole city change it. */
function assertCalendarAdmin(auth: AuthContext): void {
  assertRegionScope(auth, CITY_REGION_CODE)
}

/** Creates or replaces the override of a date (idempotent per date). */
export async function putOverride(input: CalendarOverrideInput, by: AuthContext) {
  assertCalendarAdmin(by)
  await CalendarOverride.updateOne(
    { _id: input.date },
    {
      $set: { type: input.type, name: input.name, createdBy: by.sub, ...(input.reason ? { reason: input.reason } : {}) },
      ...(input.reason ? {} : { $unset: { reason: 1 } }),
    },
    { upsert: true },
  )
  return { date: input.date, type: input.type, name: input.name, ...(input.reason ? { reason: input.reason } : {}) }
}

export async function deleteOverride(date: string, by: AuthContext): Promise<void> {
  assertCalendarAdmin(by)
  const res = await CalendarOverride.deleteOne({ _id: date })
  if (res.deletedCount === 0) throw new AppError('NOT_FOUND', '该日期没有调整记录')
}
