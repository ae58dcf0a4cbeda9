import {
  ACTIVE_BOOKING_STATUSES, IDEMPOTENCY_HEADER_NAME, bookingContract, type Booking, type BookingEligibility, type JoinWaitlist, type BookingDetail,
  type BookingStatus, type CreateBooking, type CreatedBooking, type Slot, type WaitlistEntry
} from '@xz/shared'
import { call } from './request'

export type { Booking, BookingDetail, BookingEligibility, Slot, WaitlistEntry }

export function fetchSlots(params: { hallId: string; serviceId?: string; from: string; to: string }): Promise<Slot[]> {
  return call(bookingContract.slots, { query: params })
}

/** A fresh key per booking attempt; a retry of the same attempt reuses it so the server books once. */
export function idempotencyKey(): string {
  const rand = () => Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0')
  return `${Date.now().toString(16)}-${rand()}-${rand()}`
}

export function createBooking(input: CreateBooking, key: string): Promise<CreatedBooking> {
  return call(bookingContract.create, { body: input, headers: { [IDEMPOTENCY_HEADER_NAME]: key } })
}

export async function fetchMyBookings(status?: BookingStatus): Promise<Booking[]> {
  return (await call(bookingContract.list, { query: { pageSize: 50, status } })).items
}

export function fetchBooking(id: string): Promise<BookingDetail> {
  return call(bookingContract.get, { params: { id } })
}

export function cancelBooking(id: string, reason?: string): Promise<BookingDetail> {
  return call(bookingContract.cancel, { params: { id }, body: reason ? { reason } : {} })
}

export function rescheduleBooking(id: string, slotId: string): Promise<BookingDetail> {
  return call(bookingContract.reschedule, { params: { id }, body: { slotId } })
}

/** Joins the waitlist of a full slot for the applicant of the form (the profile's name and mobile when omitted). */
export function joinWaitlist(slotId: string, input: JoinWaitlist): Promise<WaitlistEntry> {
  return call(bookingContract.joinWaitlist, { params: { id: slotId }, body: input })
}

/** Whether I may book now (limit, suspension) and the days I already booked this item. */
export function fetchEligibility(serviceId?: string): Promise<BookingEligibility> {
  return call(bookingContract.eligibility, { query: { serviceId } })
}

/** My waitlist entries (waiting first); the server lists at most a page of them. */
export async function fetchMyWaitlist(): Promise<WaitlistEntry[]> {
  return (await call(bookingContract.waitlist, { query: { pageSize: 50 } })).items
}

export function leaveWaitlist(id: string): Promise<WaitlistEntry> {
  return call(bookingContract.leaveWaitlist, { params: { id } })
}
export const WAITLIST_STATUS_LABELS: Record<WaitlistEntry['status'], string> = {
  waiting: '候补中',
  promoted: '已候补成功',
  skipped: '未能候补',
  expired: '已过期',
  cancelled: '场次已取消',
  left: '已退出'
}

/** The one booking-status vocabulary of the mini-program (citizen pages, staff desk, admin charts). */
export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '待签到',
  checked_in: '已签到',
  served: '已办结',
  cancelled: '已取消',
  no_show: '已爽约'
}

/** Bookings still to come (the server's active statuses). */
export const UPCOMING_STATUSES = ACTIVE_BOOKING_STATUSES
