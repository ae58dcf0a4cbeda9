import { useCallback, useRef, useState } from 'react'
import { addDays, type CalendarDay } from '@xz/shared'
import { fetchCalendar } from '@/api/calendar'
import {
  UPCOMING_STATUSES, cancelBooking, createBooking, fetchBooking, fetchMyBookings, fetchMyWaitlist, fetchSlots, idempotencyKey,
  joinWaitlist, leaveWaitlist, rescheduleBooking, type Booking, type Slot, type WaitlistEntry
} from '@/api/bookings'
import { ensureLogin } from '@/api/auth'
import { errorMessage } from '@/api/errors'
import { ApiError } from '@/api/request'
import { todayLocal } from '@/utils/format'
import type { ApplicantForm } from '@/utils/validation'
import { useAsync } from './useAsync'

export const BOOKING_HORIZON_DAYS = 14

export interface BookingDay {
  date: string
  type?: CalendarDay['type']
  holidayName?: string
  slots: Slot[]
  /** seats left over all slots of the day */
  remaining: number
}

/** The next 14 days with their calendar type and the slots of one point (and item). */
export function useBookingDays(hallId: string | undefined, serviceId: string | undefined) {
  return useAsync<BookingDay[]>(
    async () => {
      const from = todayLocal()
      const to = addDays(from, BOOKING_HORIZON_DAYS - 1)
      const [calendar, slots] = await Promise.all([
        fetchCalendar(from, to).catch(() => [] as CalendarDay[]),
        fetchSlots({ hallId: hallId ?? '', serviceId, from, to })
      ])
      const byDate = new Map(calendar.map((d) => [d.date, d]))
      const days: BookingDay[] = []
      for (let i = 0; i < BOOKING_HORIZON_DAYS; i++) {
        const date = addDays(from, i)
        const daySlots = slots.filter((s) => s.date === date).sort((a, b) => a.start.localeCompare(b.start))
        const cal = byDate.get(date)
        days.push({
          date,
          type: cal?.type ?? daySlots[0]?.dayType,
          holidayName: cal?.name,
          slots: daySlots,
          remaining: daySlots.reduce((sum, s) => sum + Math.max(0, s.remaining), 0)
        })
      }
      return days
    },
    [hallId, serviceId],
    Boolean(hallId)
  )
}

export type SubmitResult = { ok: true; booking: Booking } | { ok: false; message: string; code?: string; error: unknown }
export type WaitlistResult = { ok: true; entry: WaitlistEntry } | { ok: false; message: string; code?: string; error: unknown }

function applicantOf(form: ApplicantForm) {
  return {
    applicant: { name: form.name.trim(), phone: form.phone.trim() },
    enterprise: form.withEnterprise ? { name: form.enterpriseName.trim(), creditCode: form.creditCode.trim().toUpperCase() } : undefined,
    note: form.note.trim() || undefined
  }
}

function failure(err: unknown) {
  return { ok: false as const, message: errorMessage(err), code: err instanceof ApiError ? err.code : undefined, error: err }
}

/** Books (or reschedules) once per attempt: the Idempotency-Key stays the same while the user retries. */
export function useBookingSubmit() {
  const [submitting, setSubmitting] = useState(false)
  const keyRef = useRef<string | null>(null)

  const submit = useCallback(
    async (slot: Slot, serviceId: string, form: ApplicantForm, rescheduleId?: string): Promise<SubmitResult> => {
      setSubmitting(true)
      try {
        await ensureLogin()
        if (rescheduleId) {
          return { ok: true, booking: await rescheduleBooking(rescheduleId, slot.id) }
        }
        keyRef.current ??= idempotencyKey()
        const booking = await createBooking({ slotId: slot.id, serviceId, ...applicantOf(form) }, keyRef.current)
        keyRef.current = null
        return { ok: true, booking }
      } catch (err) {
        // a definite refusal ends this attempt; a network failure keeps the key for the retry
        if (err instanceof ApiError && err.code !== 'NETWORK_ERROR') keyRef.current = null
        return failure(err)
      } finally {
        setSubmitting(false)
      }
    },
    []
  )

  /** Joins the waitlist of a full slot with the applicant of the form. */
  const waitlist = useCallback(async (slot: Slot, serviceId: string, form: ApplicantForm): Promise<WaitlistResult> => {
    setSubmitting(true)
    try {
      await ensureLogin()
      return { ok: true, entry: await joinWaitlist(slot.id, { serviceId, ...applicantOf(form) }) }
    } catch (err) {
      return failure(err)
    } finally {
      setSubmitting(false)
    }
  }, [])

  return { submitting, submit, waitlist }
}

export interface MyBookings {
  upcoming: Booking[]
  past: Booking[]
}

export function useMyBookings(refreshKey: number) {
  return useAsync<MyBookings>(
    async () => {
      await ensureLogin()
      const all = await fetchMyBookings()
      const sorted = [...all].sort((a, b) => `${a.date} ${a.start}`.localeCompare(`${b.date} ${b.start}`))
      return {
        upcoming: sorted.filter((b) => UPCOMING_STATUSES.includes(b.status)),
        past: sorted.filter((b) => !UPCOMING_STATUSES.includes(b.status)).reverse()
      }
    },
    [refreshKey]
  )
}

export function useBooking(id: string | undefined, refreshKey = 0) {
  return useAsync(() => ensureLogin().then(() => fetchBooking(id ?? '')), [id, refreshKey], Boolean(id))
}

export async function cancelMyBooking(id: string): Promise<{ ok: boolean; message: string }> {
  try {
    await cancelBooking(id)
    return { ok: true, message: '预约已取消' }
  } catch (err) {
    return { ok: false, message: errorMessage(err) }
  }
}

/** Waitlist entries still waiting, plus recent outcomes; a failure leaves the bookings list usable. */
export function useMyWaitlist(refreshKey: number) {
  return useAsync<WaitlistEntry[]>(() => ensureLogin().then(fetchMyWaitlist), [refreshKey])
}

export async function leaveMyWaitlist(id: string): Promise<{ ok: boolean; message: string }> {
  try {
    await leaveWaitlist(id)
    return { ok: true, message: '已退出候补' }
  } catch (err) {
    return { ok: false, message: errorMessage(err) }
  }
}
