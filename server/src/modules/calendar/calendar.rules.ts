import chineseDays from 'chinese-days/dist/chinese-days.json'
import { plainDayType, type CalendarDay, type DayType, type DayTypeLookup } from '@xz/shared'

/**
 * The official State Council schedule (法定节假日 and 调休上班 days) from the `chinese-days` package.
 * Entries look like "National Day,国庆节,7" (English, Chinese, length).
 */
const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> }

const years = Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)))
/** The last year the official data covers (dates after it are "not official"). */
export const OFFICIAL_LAST_YEAR = Math.max(...years)
export const OFFICIAL_FIRST_YEAR = Math.min(...years)

function chineseName(entry: string | undefined): string | undefined {
  return entry?.split(',')[1]
}

/** The official type of a date, or the plain weekday/weekend type beyond the known data (`official: false`). */
export function officialDay(date: string): CalendarDay {
  const year = Number(date.slice(0, 4))
  const official = year >= OFFICIAL_FIRST_YEAR && year <= OFFICIAL_LAST_YEAR
  if (official && data.holidays[date]) return { date, type: 'holiday', name: chineseName(data.holidays[date]), official }
  if (official && data.workdays[date]) {
    return { date, type: 'makeup_workday', name: `${chineseName(data.workdays[date]) ?? ''}调休上班`, official }
  }
  const type = plainDayType(date)
  return { date, type, name: type === 'weekend' ? '周末' : undefined, official }
}

export interface OverrideLike {
  _id: string
  type: DayType
  name: string
}

/** Applies administrator overrides on top of the official schedule. */
export function makeCalendar(overrides: OverrideLike[]): { day(date: string): CalendarDay; dayType: DayTypeLookup } {
  const byDate = new Map(overrides.map((o) => [o._id, o]))
  const day = (date: string): CalendarDay => {
    const o = byDate.get(date)
    const base = officialDay(date)
    return o ? { date, type: o.type, name: o.name, official: base.official, override: true } : base
  }
  return { day, dayType: (date) => day(date).type }
}
