import { BOOKING_HORIZON_DAYS, addDays } from '@xz/shared'
import { fetchCalendar } from '@/api/calendar'
import { fetchWeekend } from '@/api/followups'
import { todayLocal } from '@/utils/format'
import { useAsync } from './useAsync'

/** Non-working days (weekends, holidays) from today to the end of the booking horizon. */
export function useNonWorkingDays() {
  return useAsync(async () => {
    const today = todayLocal()
    const days = await fetchCalendar(today, addDays(today, BOOKING_HORIZON_DAYS))
    return days.filter((d) => d.type === 'weekend' || d.type === 'holiday')
  }, [])
}

export function useWeekendDay(date: string | undefined) {
  return useAsync(() => fetchWeekend(date!), [date], Boolean(date))
}
