import type { DayType } from './enums'
import { addDays, dateRange, weekday } from './time'

/** A year holds at most ~10 consecutive days off: a search for a working day longer than this is a bug. */
const MAX_WORKING_DAY_SEARCH = 366

/** Day type of a local date; supplied by the server (official schedule + overrides) or the API. */
export type DayTypeLookup = (date: string) => DayType

export function isWorkingDayType(type: DayType): boolean {
  return type === 'workday' || type === 'makeup_workday'
}

/** The plain type of a date when no schedule says otherwise. */
export function plainDayType(date: string): DayType {
  const wd = weekday(date)
  return wd === 0 || wd === 6 ? 'weekend' : 'workday'
}

/**
 * The date that is `n` working days after `date` ("5 个工作日内": the deadline is the end of that day).
 * `date` itself never counts. n = 0 gives `date` when it is a working day, else the next working day.
 */
export function addWorkingDays(date: string, n: number, dayType: DayTypeLookup): string {
  if (n < 0) throw new RangeError('n must be >= 0')
  let d = date
  // every loop is bounded: n working days lie within n + MAX_WORKING_DAY_SEARCH calendar days
  const limit = n + MAX_WORKING_DAY_SEARCH
  if (n === 0) {
    for (let i = 0; !isWorkingDayType(dayType(d)); i++) {
      if (i >= limit) throw new RangeError('addWorkingDays: no working day found')
      d = addDays(d, 1)
    }
    return d
  }
  let left = n
  for (let i = 0; left > 0; i++) {
    if (i >= limit) throw new RangeError('addWorkingDays: no working day found')
    d = addDays(d, 1)
    if (isWorkingDayType(dayType(d))) left--
  }
  return d
}

/** Working days after `from` up to and including `to` (0 when `to` <= `from`). */
export function workingDaysBetween(from: string, to: string, dayType: DayTypeLookup): number {
  let count = 0
  // dateRange counts numerically and caps the length (string comparison broke past year 9999)
  for (const d of dateRange(addDays(from, 1), to)) {
    if (isWorkingDayType(dayType(d))) count++
  }
  return count
}
