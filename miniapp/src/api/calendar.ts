import { calendarContract, type CalendarDay } from '@xz/shared'
import { call } from './request'

export function fetchCalendar(from: string, to: string): Promise<CalendarDay[]> {
  return call(calendarContract.list, { query: { from, to } })
}
