import { fetchMyBookings, type Booking } from '@/api/bookings'
import { isLoggedIn } from '@/api/auth'
import { useAsync } from './useAsync'

/** The earliest upcoming booking of the signed-in user; null when signed out or none (never an error on the home page). */
export function useNextBooking(refreshKey: number) {
  return useAsync<Booking | null>(async () => {
    if (!isLoggedIn()) return null
    const list = await fetchMyBookings('booked').catch(() => [] as Booking[])
    const sorted = list
      .filter((b) => b.status === 'booked' || b.status === 'checked_in')
      .sort((a, b) => `${a.date} ${a.start}`.localeCompare(`${b.date} ${b.start}`))
    return sorted[0] ?? null
  }, [refreshKey])
}
