import { Booking } from './booking.model'
import { type Actor } from './booking.types'
import { releaseClaims, withBookingLock } from './claims'
import type { Id } from '../../lib/db'


/** A step taken at the desk on an active booking (the staff feature decides it; the booking records it). */
export interface DeskStep {
  /** The state the booking must still be in. */
  from: 'booked' | 'checked_in'
  to: 'checked_in' | 'served'
  /** The step's own fields (queue number and check-in time; who served and when). */
  set: Record<string, unknown>
  actor: Actor
  at: Date
  /** Claims to release once it is written (a served booking holds no seat, quota or active place). */
  release?: string[]
}

/**
 * Records a desk step under the booking's operation lock (no cancellation crosses it): written only while the
 * booking is still `from`, with its history entry. False when it no longer was (the caller says why).
 */
export async function recordDeskStep(id: Id, step: DeskStep, op: string): Promise<boolean> {
  return withBookingLock(id, op, async () => {
    const res = await Booking.updateOne(
      { _id: id, status: step.from },
      {
        $set: { status: step.to, ...step.set, ...(step.to === 'served' ? { holdsClaims: false } : {}) },
        $push: { history: { status: step.to, action: step.to, at: step.at, by: step.actor.by, byRole: step.actor.byRole } },
      },
    )
    if (res.modifiedCount === 0) return false
    if (step.release) await releaseClaims(id, step.release)
    return true
  })
}

/** A checked-in booking called to a window (no change of state). */
export async function recordCall(id: Id, call: { calledAt: Date; windowNumber?: string }): Promise<void> {
  await Booking.updateOne({ _id: id }, { $set: { calledAt: call.calledAt, ...(call.windowNumber ? { windowNumber: call.windowNumber } : {}) } })
}
