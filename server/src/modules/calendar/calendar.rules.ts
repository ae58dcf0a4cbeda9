import chineseDays from 'chinese-days/dist/chinese-days.json'
import {
  expandHolidaySchedule,
  HOLIDAY_YEAR_MAX,
  HOLIDAY_YEAR_MIN,
  plainDayType,
  type CalendarDay,
  type DayType,
  type DayTypeLookup,
  type HolidayScheduleInput,
  type HolidayYearStatus,
} from '@xz/shared'
import { statutoryHolidays } from './holiday-rules'

/**
 * The official State Council schedule (法定节假日 and 调休上班 days) from the `chinese-days` package.
 * Entries look like "National Day,国庆节,7" (English, Chinese, length).
 */
const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> }

const years = Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)))
/** The last year the packaged official data covers (later years are provisional until an administrator publishes them). */
export const OFFICIAL_LAST_YEAR = Math.max(...years)
export const OFFICIAL_FIRST_YEAR = Math.min(...years)

function chineseName(entry: string | undefined): string | undefined {
  return entry?.split(',')[1]
}

/** A schedule an administrator entered or imported for one year (SPEC §2.12); replaces the rule's provisional days. */
export interface PublishedYearLike extends HolidayScheduleInput {
  _id: string
  updatedAt?: Date
}

/** The published schedules (a handful of documents) turned into day lookups. */
export interface PublishedSchedules {
  years: Map<number, PublishedYearLike>
  holidays: Map<string, string>
  workdays: Map<string, string>
}

export function publishedSchedules(docs: PublishedYearLike[]): PublishedSchedules {
  const out: PublishedSchedules = { years: new Map(), holidays: new Map(), workdays: new Map() }
  for (const doc of docs) {
    out.years.set(Number(doc._id), doc)
    const days = expandHolidaySchedule(doc)
    for (const h of days.holidays) out.holidays.set(h.date, h.name)
    for (const w of days.workdays) out.workdays.set(w.date, w.name)
  }
  return out
}

const NONE = publishedSchedules([])
const ruleCache = new Map<number, Map<string, string>>()

function ruleDays(year: number): Map<string, string> {
  let m = ruleCache.get(year)
  if (!m) {
    m = new Map(statutoryHolidays(year).map((d) => [d.date, d.name]))
    ruleCache.set(year, m)
  }
  return m
}

export type YearOrigin = HolidayYearStatus['origin']

/** Where the schedule of a year comes from: administrators' publication first, then the package, else the rule. */
export function yearOrigin(year: number, published: PublishedSchedules = NONE): YearOrigin | undefined {
  if (published.years.has(year)) return 'admin'
  if (year >= OFFICIAL_FIRST_YEAR && year <= OFFICIAL_LAST_YEAR) return 'package'
  if (year >= HOLIDAY_YEAR_MIN && year <= HOLIDAY_YEAR_MAX) return 'rule'
  return undefined
}

/**
 * The scheduled type of a date without administrators' per-date overrides: a published schedule (package or
 * administrator) gives official holidays and 调休 days; a year without one gets the statutory days by rule,
 * `official: false, provisional: true`; anything else is the plain weekday/weekend.
 */
export function officialDay(date: string, published: PublishedSchedules = NONE): CalendarDay {
  const year = Number(date.slice(0, 4))
  const origin = yearOrigin(year, published)
  // an administrator's schedule may reach into late December of the year before (元旦 ranges)
  const adminHoliday = published.holidays.get(date)
  if (adminHoliday) return { date, type: 'holiday', name: adminHoliday, official: true }
  const adminWorkday = published.workdays.get(date)
  if (adminWorkday) return { date, type: 'makeup_workday', name: adminWorkday, official: true }
  if (origin === 'package') {
    if (data.holidays[date]) return { date, type: 'holiday', name: chineseName(data.holidays[date]), official: true }
    if (data.workdays[date]) {
      return { date, type: 'makeup_workday', name: `${chineseName(data.workdays[date]) ?? ''}调休上班`, official: true }
    }
  }
  if (origin === 'rule') {
    const name = ruleDays(year).get(date)
    if (name) return { date, type: 'holiday', name, official: false, provisional: true }
  }
  const type = plainDayType(date)
  return { date, type, name: type === 'weekend' ? '周末' : undefined, official: origin === 'package' || origin === 'admin' }
}

/** Per-year status for the API and the admin screen. */
export function yearStatus(year: number, published: PublishedSchedules = NONE): HolidayYearStatus {
  const origin = yearOrigin(year, published) ?? 'rule'
  const inYear = (d: string) => d.startsWith(`${year}-`)
  if (origin === 'admin') {
    const doc = published.years.get(year)!
    const days = expandHolidaySchedule(doc)
    return {
      year,
      status: 'official',
      origin,
      ...days,
      ...(doc.source ? { source: doc.source } : {}),
      ...(doc.updatedAt ? { updatedAt: new Date(doc.updatedAt).toISOString() } : {}),
    }
  }
  if (origin === 'package') {
    const pick = (rec: Record<string, string>, suffix = '') =>
      Object.keys(rec)
        .filter(inYear)
        .sort()
        .map((date) => ({ date, name: `${chineseName(rec[date]) ?? ''}${suffix}` }))
    return { year, status: 'official', origin, holidays: pick(data.holidays), workdays: pick(data.workdays, '调休上班') }
  }
  return { year, status: 'provisional', origin: 'rule', holidays: statutoryHolidays(year), workdays: [] }
}

export interface OverrideLike {
  _id: string
  type: DayType
  name: string
}

/** Applies administrator overrides on top of the schedule (official, published or provisional). */
export function makeCalendar(
  overrides: OverrideLike[],
  published: PublishedSchedules = NONE,
): { day(date: string): CalendarDay; dayType: DayTypeLookup } {
  const byDate = new Map(overrides.map((o) => [o._id, o]))
  const day = (date: string): CalendarDay => {
    const o = byDate.get(date)
    const base = officialDay(date, published)
    return o ? { date, type: o.type, name: o.name, official: base.official, override: true } : base
  }
  return { day, dayType: (date) => day(date).type }
}
