import type { HolidayScheduleInput, HolidayYearStatus } from '@xz/shared'
import { request } from '@/api/request'

/** Holiday schedules per year (SPEC §2.12): typed with shared/src/schemas/holidays.ts. */
export interface AdminHolidayYears {
  years: HolidayYearStatus[]
  notice?: string
}

export function fetchHolidayYears(): Promise<AdminHolidayYears> {
  return request<AdminHolidayYears>('/api/v1/admin/calendar/years')
}

export function publishHolidayYear(year: number, schedule: HolidayScheduleInput): Promise<HolidayYearStatus> {
  return request<HolidayYearStatus>(`/api/v1/admin/calendar/years/${year}`, { method: 'PUT', data: { ...schedule } })
}

export function importHolidayYear(year: number, text: string): Promise<HolidayYearStatus> {
  return request<HolidayYearStatus>(`/api/v1/admin/calendar/years/${year}/import`, { method: 'POST', data: { text } })
}
