import type { BookingStatus } from '@xz/shared'
import { now } from '../../lib/clock'
import { AppError, notFound } from '../../lib/errors'
import { Booking } from './booking.model'
import { releaseClaims, withBookingLock } from './claims'
import type { ObjectId } from '../../lib/db'
import type { Actor, BookingLean } from './booking.types'
import { refreshStanding } from './standing'

// ---------------------------------------------------------------------------------------------
// Ending a booking (cancel, no-show, session cancelled)
// ---------------------------------------------------------------------------------------------
export interface EndChange {
  status: Extract<BookingStatus, 'cancelled' | 'no_show'>
  action: string
  actor: Actor
  reason: string
  /** Statuses the change applies to (default: booked). */
  from?: readonly BookingStatus[]
  /** Throws when the change is not allowed for this booking. */
  check?: (b: BookingLean) => void
}

/**
 * Moves a booking to a final status under its lock, records who/when/why, and releases its claims.
 * 422 INVALID_STATE when it is not in one of `from`.
 */
export async function endBooking(id: ObjectId | string, change: EndChange): Promise<BookingLean> {
  return withBookingLock(id, change.action, async () => {
    const b = await Booking.findById(id).lean<BookingLean>()
    if (!b) throw notFound('预约')
    change.check?.(b)
    if (!(change.from ?? ['booked']).includes(b.status)) throw new AppError('INVALID_STATE', '该预约当前状态不能执行此操作')
    const at = now()
    const entry = { status: change.status, action: change.action, at, by: change.actor.by, byRole: change.actor.byRole, reason: change.reason }
    const res = await Booking.updateOne(
      { _id: b._id, status: b.status },
      {
        $set: { status: change.status, holdsClaims: false, ...(change.status === 'cancelled' ? { cancelledAt: at } : { noShowAt: at }) },
        $push: { history: entry },
      },
    )
    if (res.modifiedCount !== 1) throw new AppError('INVALID_STATE', '预约状态已变化，请刷新后重试')
    await releaseClaims(b._id, b.claimIds)
    if (change.status === 'no_show') await refreshStanding(b.userId)
    return (await Booking.findById(b._id).lean<BookingLean>())!
  })
}

