import type { CalendarDay } from '@xz/shared'
import { request } from './request'

export function fetchCalendar(from: string, to: string): Promise<CalendarDay[]> {
  return request<CalendarDay[]>('/api/v1/calendar', { data: { from, to }, auth: false })
}
