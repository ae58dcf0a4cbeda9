import {
  localDate,
  type BookingStatus,
  type StaffBookingDetail,
  type StaffBookingItem,
  type StaffBookingsQuery,
  type StaffDay,
} from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, isDuplicateKey, notFound } from '../../lib/errors'
import { recordAudit } from '../audit'
import { Booking, endBooking, hallDayKey, recordDeskStep, type BookingDoc } from '../bookings'
import { Hall } from '../halls'
import { notify } from '../notifications'
import { DeskClaim } from './desk-claim.model'
import { auditedStep } from './desk-steps'
import { serviceNames, toStaffItem } from './staff.mappers'
import { countStatuses, groupBySession, isNoShowAllowed } from './staff.rules'
import { assertCanActOn } from '../../lib/scope'
import { hallInScope } from './staff.scope'

/** More bookings than a point can hold in a day; keeps the read bounded. */
const DAY_LIMIT = 2000
/** The fields of a day list's bookings (staff.mappers toStaffItem, groupBySession and the sort). */
const DAY_LIST_FIELDS = 'status date start end label serviceId applicant enterprise queueNumber checkedInAt calledAt servedAt windowNumber startAt createdAt'

export const STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '已预约',
  checked_in: '已签到',
  served: '已办结',
  cancelled: '已取消',
  no_show: '已爽约',
}

/** The staff member as the booking's history records them. */
export const actorOf = (auth: AuthContext) => ({ by: auth.sub, byRole: auth.role })

export async function loadBooking(auth: AuthContext, id: string): Promise<BookingDoc> {
  const booking = await Booking.findById(id).lean<BookingDoc>()
  if (!booking) throw notFound('预约')
  assertCanActOn(auth, booking)
  return booking
}

export function invalidState(booking: Pick<BookingDoc, 'status'>, action: string): AppError {
  return new AppError('INVALID_STATE', `该预约${STATUS_LABELS[booking.status]}，不能${action}`, { status: booking.status })
}

/** The sessions of a point's day with their bookings (mobile numbers masked) and counts per state. */
export async function listDay(auth: AuthContext, query: StaffBookingsQuery): Promise<StaffDay> {
  const hall = await hallInScope(auth, query.hallId)
  const date = query.date ?? localDate(now())
  // only what the list shows (a busy point's day is hundreds of bookings, each with its history and claims)
  const bookings = await Booking.find({ hallDay: hallDayKey(hall._id, date) }, DAY_LIST_FIELDS)
    .sort({ startAt: 1, createdAt: 1 })
    .limit(DAY_LIMIT)
    .lean<BookingDoc[]>()
  const names = await serviceNames(bookings.map((b) => b.serviceId))
  const sessions = groupBySession(bookings).map((s) => ({
    start: s.start,
    end: s.end,
    label: s.label,
    counts: countStatuses(s.items.map((b) => b.status)),
    bookings: s.items
      .filter((b) => !query.status || b.status === query.status)
      .map((b) => toStaffItem(b, names))
      .sort(byQueueThenName),
  }))
  return {
    hall: { id: hall._id.toString(), name: hall.name },
    date,
    counts: countStatuses(bookings.map((b) => b.status)),
    sessions,
  }
}

/** Checked-in people first, in queue order; the others after them. */
function byQueueThenName(a: StaffBookingItem, b: StaffBookingItem): number {
  if (a.queueNumber && b.queueNumber) return a.queueNumber.localeCompare(b.queueNumber)
  if (a.queueNumber || b.queueNumber) return a.queueNumber ? -1 : 1
  return 0
}

/** One booking in full, with the mobile number; the view is written to the audit log. */
export async function bookingDetail(auth: AuthContext, id: string): Promise<StaffBookingDetail> {
  const booking = await loadBooking(auth, id)
  const [names, hall] = await Promise.all([serviceNames([booking.serviceId]), Hall.findById(booking.hallId).select('name').lean()])
  await recordAudit({
    actor: auth,
    action: 'booking.view',
    bookingId: booking._id,
    hallId: booking.hallId,
    regionCodes: [booking.regionCode],
  })
  const enterprise = booking.enterprise
  return {
    ...toStaffItem(booking, names),
    code: booking.code,
    hallId: booking.hallId.toString(),
    hallName: hall?.name ?? '',
    mobile: booking.applicant?.mobile ?? '',
    enterprise: enterprise?.name && enterprise.creditCode ? { name: enterprise.name, creditCode: enterprise.creditCode } : undefined,
    note: booking.note ?? undefined,
    servedBy: booking.servedBy ?? undefined,
    history: booking.history.map((h) => ({
      status: h.status,
      at: h.at.toISOString(),
      by: h.by ?? undefined,
      byRole: h.byRole ?? undefined,
      reason: h.reason ?? undefined,
    })),
  }
}

/** Claims a one-shot desk decision; false when it was already taken. */
export async function claimOnce(id: string, kind: 'checkin' | 'no_show' | 'call' | 'serve', ref: string, scope?: string): Promise<boolean> {
  try {
    await DeskClaim.create({ _id: id, kind, at: now(), ref, scope })
    return true
  } catch (err) {
    if (isDuplicateKey(err)) return false
    throw err
  }
}

/**
 * checked_in → served, under the booking's operation lock; the booking's claims (seat, quota, active place)
 * are released at once, and the booker is invited to rate the service.
 */
export async function serve(auth: AuthContext, id: string): Promise<StaffBookingItem> {
  const booking = await loadBooking(auth, id)
  if (booking.status !== 'checked_in') throw invalidState(booking, '办结')
  const claimId = `serve:${id}`
  if (!(await claimOnce(claimId, 'serve', id))) throw invalidState({ status: 'served' }, '重复办结')
  const at = now()
  await auditedStep(auth, {
    action: 'booking.serve',
    subject: { bookingId: booking._id, hallId: booking.hallId, regionCode: booking.regionCode },
    claim: { id: claimId },
    run: async () => {
      const step = { from: 'checked_in', to: 'served', set: { servedAt: at, servedBy: auth.sub }, actor: actorOf(auth), at, release: booking.claimIds ?? [] } as const
      if (!(await recordDeskStep(booking._id, step, 'serve'))) {
        throw invalidState((await Booking.findById(id).select('status').lean()) ?? booking, '办结')
      }
    },
    details: () => ({ from: 'checked_in', to: 'served', queueNumber: booking.queueNumber }),
  })
  const [names, hall] = await Promise.all([serviceNames([booking.serviceId]), Hall.findById(booking.hallId).select('name').lean()])
  const serviceName = names.get(booking.serviceId.toString()) ?? '办事'
  await notify({
    key: `served:${id}`,
    to: { userId: booking.userId },
    kind: 'rating_invite',
    title: '请对本次服务进行评价',
    body: `您在${hall?.name ?? '服务网点'}办理的“${serviceName}”已办结，请对本次服务进行评价。`,
    data: { hallName: hall?.name ?? '', serviceName, servedAt: at.toISOString() },
    bookingId: booking._id,
    page: `pages/rate/index?bookingId=${id}`,
  })
  return toStaffItem({ ...booking, status: 'served', servedAt: at, servedBy: auth.sub }, names)
}

/**
 * booked → no_show, once the slot is over. It takes the desk's one decision on the booking (`checkin:<id>`,
 * as the no-show sweep does), so a booking is never both checked in and marked no-show; the booking
 * module's endBooking records it and releases the booking's claims.
 */
export async function markNoShow(auth: AuthContext, id: string): Promise<StaffBookingItem> {
  const booking = await loadBooking(auth, id)
  if (booking.status !== 'booked') throw invalidState(booking, '标记爽约')
  if (!isNoShowAllowed(now(), booking.endAt)) {
    throw new AppError('NO_SHOW_TOO_EARLY', `时段结束（${booking.end}）后才能标记爽约`, { allowedAfter: booking.endAt.toISOString() })
  }
  const claimId = `checkin:${id}`
  if (!(await claimOnce(claimId, 'no_show', id))) {
    const current = await Booking.findById(id).select('status').lean()
    throw current && current.status !== 'booked' ? invalidState(current, '标记爽约') : new AppError('CONFLICT', '该预约正在处理中，请稍后再试')
  }
  const ended = await auditedStep(auth, {
    action: 'booking.no_show',
    subject: { bookingId: booking._id, hallId: booking.hallId, regionCode: booking.regionCode },
    claim: { id: claimId, kind: 'no_show' },
    run: async () => {
      try {
        return await endBooking(id, { status: 'no_show', action: 'no_show', actor: actorOf(auth), reason: '时段结束未签到，窗口标记爽约' })
      } catch (err) {
        if (err instanceof AppError && err.code === 'INVALID_STATE') {
          const current = await Booking.findById(id).select('status').lean()
          if (current) throw invalidState(current, '标记爽约')
        }
        throw err
      }
    },
    details: () => ({ from: 'booked', to: 'no_show' }),
  })
  return toStaffItem(ended, await serviceNames([booking.serviceId]))
}
