/**
 * Calendar time in Asia/Shanghai. China has used UTC+8 without daylight saving since 1991, so a fixed
 * offset is exact; instants are plain `Date`s (UTC), local dates are 'YYYY-MM-DD', local times 'HH:mm'.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

export const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
export const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/

/** The dates the API accepts at all (far-future dates once made `dateRange` run away). */
export const MIN_DATE = '2000-01-01'
export const MAX_DATE = '2100-12-31'
/** No date range in the system is longer than this (the sane window is ~101 years); longer asks throw. */
export const MAX_DATE_RANGE_DAYS = 40_000

const pad = (n: number) => String(n).padStart(2, '0')

/** The local (Asia/Shanghai) date of an instant. */
export function localDate(instant: Date): string {
  const d = new Date(instant.getTime() + OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** The local (Asia/Shanghai) time of an instant, 'HH:mm'. */
export function localTime(instant: Date): string {
  const d = new Date(instant.getTime() + OFFSET_MS)
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** The instant of a local date and time. */
export function instantOf(date: string, time = '00:00'): Date {
  const [y, m, d] = date.split('-').map(Number)
  const [hh, mm] = time.split(':').map(Number)
  return new Date(Date.UTC(y, m - 1, d, hh, mm) - OFFSET_MS)
}

/** True when the string is a real calendar date ('2026-02-30' is not). */
export function isValidDate(date: string): boolean {
  if (!DATE_RE.test(date)) return false
  const [y, m, d] = date.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

/** True for a real calendar date inside MIN_DATE…MAX_DATE (same-width strings, so string order is date order). */
export function isDateInRange(date: string): boolean {
  return isValidDate(date) && date >= MIN_DATE && date <= MAX_DATE
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d) + days * DAY_MS)
  if (Number.isNaN(t.getTime())) throw new RangeError(`addDays: not a date: ${date}`)
  // years beyond 9999 keep more digits; callers compare with dayNumber(), never as strings
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
}

/** Days since 1970-01-01 of a local date (a number, so it orders correctly for any year). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((instantOf(to).getTime() - instantOf(from).getTime()) / DAY_MS)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}

/**
 * Every date from `from` to `to`, both included ([] when `to` is earlier). The count is computed first
 * (numerically, never by comparing strings: '10000-01-01' < '9999-12-31') and capped, so no request can
 * make this loop run away.
 */
/**
 * The local dates an instant in [since, until] can fall on, oldest first: a job reads a period of a growing
 * collection day by day, by equality on a date field (searched in SQL on the embedded database), never by a range.
 */
export function localDatesBetween(since: Date, until: Date): string[] {
  return since.getTime() > until.getTime() ? [] : dateRange(localDate(since), localDate(until))
}

export function dateRange(from: string, to: string, maxDays = MAX_DATE_RANGE_DAYS): string[] {
  const n = dayNumber(to) - dayNumber(from) + 1
  if (!Number.isFinite(n)) throw new RangeError(`dateRange: not dates: ${from}…${to}`)
  if (n > maxDays) throw new RangeError(`dateRange: ${n} days is more than ${maxDays}`)
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(addDays(from, i))
  return out
}

/** 'HH:mm' → minutes since midnight. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number)
  return h * 60 + m
}

/** minutes since midnight → 'HH:mm'. */
export function timeOf(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
}

export const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
