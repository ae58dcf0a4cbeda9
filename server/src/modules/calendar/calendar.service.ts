import {
  checkHolidaySchedule,
  CITY_REGION_CODE,
  dateRange,
  daysBetween,
  issuesOnLines,
  localDate,
  parseHolidayScheduleText,
  type CalendarDay,
  type CalendarOverrideInput,
  type HolidayScheduleInput,
  type ScheduleIssue,
} from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { AppError, invalidField } from '../../lib/errors'
import { assertRegionScope } from '../../lib/scope'
import { VersionedCache } from '../../lib/versioned-cache'
import { now } from '../../lib/clock'
import { CalendarOverride, HolidayYear } from './calendar.model'
import { makeCalendar, publishedSchedules, yearStatus, type OverrideLike, type PublishedYearLike } from './calendar.rules'

export const MAX_CALENDAR_RANGE_DAYS = 366

/**
 * The effective calendar (official schedule, published years, provisional statutory days + every override).
 * Overrides (a handful a year) and published years (one document per year) are few, so they are read whole on
 * every call: a schedule published in one process is seen by every other at its next lookup. Callers use
 * `day(date)`/`dayType(date)` for any date, e.g. deadline arithmetic (shared `addWorkingDays`).
 */
export async function currentCalendar() {
  return calendarCache.get()
}

async function currentSchedules() {
  return publishedSchedules(await HolidayYear.find().lean<PublishedYearLike[]>())
}

/** Whether each year of `from..to` is official or provisional, with its holidays and 调休 days. */
export async function listYears(from: number, to: number) {
  if (to < from) throw invalidField('to', '结束年份不能早于开始年份')
  if (to - from > 10) throw invalidField('to', '一次最多查询 11 年')
  const published = await currentSchedules()
  const out = []
  for (let y = from; y <= to; y++) out.push(yearStatus(y, published))
  return out
}

/** The admin screen's years (last, this, next) and, from November on, a notice while next year is provisional. */
export async function adminYears() {
  const today = localDate(now())
  const year = Number(today.slice(0, 4))
  const published = await currentSchedules()
  const years = [year - 1, year, year + 1].map((y) => yearStatus(y, published))
  const next = years[2]!
  const notice =
    Number(today.slice(5, 7)) >= 11 && next.status === 'provisional'
      ? `${next.year} 年放假安排尚未录入：目前按法定节日推算（暂定，不含调休），国务院通知发布后请及时录入或导入。`
      : undefined
  return { years, ...(notice ? { notice } : {}) }
}

function scheduleError(issues: ScheduleIssue[]): AppError {
  const first = issues[0]!
  return new AppError('VALIDATION_FAILED', `${first.path}: ${first.message}`, {
    issues: issues.map((i) => ({ path: i.path, message: i.message, code: 'custom' })),
  })
}

/**
 * Publishes the schedule of a year (replaces a previous one of that year, and the rule's provisional days).
 * Checked whole before anything is written: a bad schedule writes nothing.
 */
export async function publishYear(year: number, input: HolidayScheduleInput, by: AuthContext) {
  assertCalendarAdmin(by)
  const issues = checkHolidaySchedule(year, input)
  if (issues.length) throw scheduleError(issues)
  return savePublishedYear(year, input, by)
}

async function savePublishedYear(year: number, input: HolidayScheduleInput, by: AuthContext) {
  await HolidayYear.updateOne(
    { _id: String(year) },
    {
      $set: { holidays: input.holidays, workdays: input.workdays, updatedBy: by.sub, ...(input.source ? { source: input.source } : {}) },
      ...(input.source ? {} : { $unset: { source: 1 } }),
    },
    { upsert: true },
  )
  return yearStatus(year, await currentSchedules())
}

/** The text/CSV paste import: every problem names its line and column (`line3.from`). */
export async function importYear(year: number, text: string, source: string | undefined, by: AuthContext) {
  assertCalendarAdmin(by)
  const parsed = parseHolidayScheduleText(text)
  if (!parsed.ok) throw scheduleError(parsed.issues)
  const schedule = { ...parsed.schedule, ...(source ? { source } : {}) }
  const issues = checkHolidaySchedule(year, schedule)
  if (issues.length) throw scheduleError(issuesOnLines(issues, parsed.lines))
  return savePublishedYear(year, schedule, by)
}

/** Withdraws a published schedule: the year falls back to the package data or the provisional rule days. */
export async function unpublishYear(year: number, by: AuthContext): Promise<void> {
  assertCalendarAdmin(by)
  const res = await HolidayYear.deleteOne({ _id: String(year) })
  if (res.deletedCount === 0) throw new AppError('NOT_FOUND', '该年份没有录入的放假安排')
}

/** The calendar in process memory, refreshed across processes by the `calendar` version (lib/versioned-cache). */
const calendarCache = new VersionedCache('calendar', async () => {
  const [overrides, years] = await Promise.all([
    CalendarOverride.find().lean<OverrideLike[]>(),
    HolidayYear.find().lean<PublishedYearLike[]>(),
  ])
  return makeCalendar(overrides, publishedSchedules(years))
})

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
  // _id is the date (the model types it nullable like any optional string)
  return rows.map((o) => ({ date: String(o._id), type: o.type, name: o.name, reason: o.reason ?? undefined }))
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
