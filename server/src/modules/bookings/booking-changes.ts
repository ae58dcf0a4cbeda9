/**
 * What a citizen changes on their own booking: cancel and reschedule. Both free a seat, which is offered
 * to the slot's waitlist at once.
 */
import type { BookingDetail } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, notFound } from '../../lib/errors'
import { logger } from '../../lib/logger'
import { loadSlot } from '../sessions'
import { Booking } from './booking.model'
import { canChange, quotaClaimId, seatClaimId } from './bookings.rules'
import { detailOf } from './booking.dto'
import { type BookingLean } from './booking.types'
import { endBooking } from './ending'
import { ownBooking } from './my-bookings'
import { assertBookableWindow, hasWaitlist, offeredService, slotFields } from './placement'
import { standingOf } from './standing'
import { claimQuota, claimSeat, releaseClaims, seatCandidates, withBookingLock, type ClaimOwner, type SeatRef } from './claims'
import { promoteWaitlist } from './waitlist.service'

/** Offers a freed seat to the waitlist; a failure here is retried by the waitlist job. */
export async function promoteAfterRelease(slotId: string): Promise<void> {
  try {
    await promoteWaitlist(slotId)
  } catch (err) {
    logger.warn({ err, slotId }, 'waitlist promotion failed; the waitlist job will retry')
  }
}

export async function cancelMyBooking(auth: AuthContext, id: string, reason?: string): Promise<BookingDetail> {
  await ownBooking(auth, id)
  const ended = await endBooking(id, {
    status: 'cancelled',
    action: 'cancelled',
    actor: { by: auth.sub, byRole: auth.role },
    reason: reason || '本人取消',
    check: (b) => {
      if (!canChange(b.status, b.startAt, now())) {
        throw new AppError('NOT_CANCELLABLE', b.status === 'booked' ? '开始前 1 小时内不能取消' : '该预约当前状态不能取消')
      }
    },
  })
  await promoteAfterRelease(ended.slotId)
  return detailOf(ended, await standingOf(auth.sub))
}

/**
 * Moves a booking to another slot. The new seat (and the new day's quota) are claimed first; only when
 * the booking document points at them are the old ones released — never both lost, and on any failure
 * the old booking is left as it was.
 */
export async function rescheduleMyBooking(auth: AuthContext, id: string, slotId: string): Promise<BookingDetail> {
  await ownBooking(auth, id)
  const moved = await withBookingLock(id, 'reschedule', async () => {
    const b = await Booking.findById(id).lean<BookingLean>()
    if (!b) throw notFound('预约')
    if (!canChange(b.status, b.startAt, now())) {
      throw new AppError('NOT_CANCELLABLE', b.status === 'booked' ? '开始前 1 小时内不能改约' : '该预约当前状态不能改约')
    }
    if (b.slotId === slotId) return { booking: b, oldSlotId: undefined }
    const loaded = await loadSlot(slotId)
    const { slot } = loaded
    assertBookableWindow(slot.startAt)
    await offeredService(loaded, String(b.serviceId))
    if (await hasWaitlist(slot.id)) {
      throw new AppError('SLOT_FULL', '该时段已约满，可加入候补')
    }
    const owner: ClaimOwner = { bookingId: b._id, userId: b.userId }
    const oldQuota = quotaClaimId(String(b.userId), b.date, String(b.serviceId))
    const oldSeat = seatClaimId(b.slotId, b.seatNo ?? 0)
    const newClaims: string[] = []
    try {
      const sameDay = slot.date === b.date
      if (!sameDay) newClaims.push(await claimQuota(owner, slot.date, String(b.serviceId)))
      const seatRef: SeatRef = { slotId: slot.id, hallId: loaded.hall._id, date: slot.date, capacity: slot.capacity }
      const seat = await claimSeat(owner, seatRef, await seatCandidates(seatRef))
      newClaims.push(seat.claimId)
      await seat.hint
      const released = sameDay ? [oldSeat] : [oldSeat, oldQuota]
      const claimIds = [...b.claimIds.filter((c) => !released.includes(c)), ...newClaims]
      const at = now()
      const res = await Booking.updateOne(
        { _id: b._id, status: 'booked', slotId: b.slotId },
        {
          $set: {
            ...slotFields(loaded, seat.seatNo),
            claimIds,
            reminded24h: false,
            reminded1h: false,
          },
          $push: {
            history: {
              status: 'booked',
              action: 'rescheduled',
              at,
              by: auth.sub,
              byRole: auth.role,
              reason: `改约：${b.date} ${b.start} → ${slot.date} ${slot.start}`,
            },
          },
        },
      )
      if (res.modifiedCount !== 1) throw new AppError('INVALID_STATE', '预约状态已变化，请刷新后重试')
      await releaseClaims(b._id, released)
      return { booking: (await Booking.findById(b._id).lean<BookingLean>())!, oldSlotId: b.slotId }
    } catch (err) {
      await releaseClaims(b._id, newClaims)
      throw err
    }
  })
  if (moved.oldSlotId) await promoteAfterRelease(moved.oldSlotId)
  return detailOf(moved.booking, await standingOf(auth.sub))
}

