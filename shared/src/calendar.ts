import type { DayType } from './enums'
import { addDays, weekday } from './time'

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
  if (n === 0) {
    while (!isWorkingDayType(dayType(d))) d = addDays(d, 1)
    return d
  }
  let left = n
  while (left > 0) {
    d = addDays(d, 1)
    if (isWorkingDayType(dayType(d))) left--
  }
  return d
}

/** Working days after `from` up to and including `to` (0 when `to` <= `from`). */
export function workingDaysBetween(from: string, to: string, dayType: DayTypeLookup): number {
  let count = 0
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    if (isWorkingDayType(dayType(d))) count++
  }
  return count
}
