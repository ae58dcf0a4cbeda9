import { calendarContract, type HolidayScheduleInput, type HolidayYearStatus, type ResponseOf } from '@xz/shared'
import { call } from '@/api/request'

/** Holiday schedules per year (SPEC §2.12), derived from shared/src/contracts/calendar.ts. */
export type AdminHolidayYears = ResponseOf<typeof calendarContract.adminYears>

export function fetchHolidayYears(): Promise<AdminHolidayYears> {
  return call(calendarContract.adminYears)
}

export function publishHolidayYear(year: number, schedule: HolidayScheduleInput): Promise<HolidayYearStatus> {
  return call(calendarContract.publishYear, { params: { year }, body: schedule })
}

export function importHolidayYear(year: number, text: string): Promise<HolidayYearStatus> {
  return call(calendarContract.importYear, { params: { year }, body: { text } })
}
