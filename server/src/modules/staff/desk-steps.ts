import type mongoose from 'mongoose'
import type { AuditAction } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { recordAudit } from '../audit'
import { DeskClaim } from './desk-claim.model'

/** Who or what a desk step is about, for the audit log. */
export interface StepSubject {
  bookingId?: mongoose.Types.ObjectId | string
  walkinId?: mongoose.Types.ObjectId | string
  hallId: mongoose.Types.ObjectId | string
  regionCode: string
}

export interface AuditedStep<T> {
  /** The audit action, e.g. `booking.serve`. */
  action: AuditAction
  subject: StepSubject
  /** The one-shot desk claim the caller took for this step (given back when the step fails). */
  claim?: { id: string; kind?: 'checkin' | 'no_show' | 'call' | 'serve' }
  /** The step itself; throws to refuse it. */
  run: () => Promise<T>
  /** The audit entry's details (from the step's result). */
  details?: (result: T) => Record<string, unknown>
}

/**
 * Every state change at the desk (check-in, call, serve, no-show, walk-in served) goes through here: the step runs
 * under the claim the caller took; a refused step gives the claim back (so the next attempt may take it), a step
 * done is written to the audit log in the staff member's name.
 */
export async function auditedStep<T>(auth: AuthContext, step: AuditedStep<T>): Promise<T> {
  let result: T
  try {
    result = await step.run()
  } catch (err) {
    if (step.claim) await DeskClaim.deleteOne({ _id: step.claim.id, ...(step.claim.kind ? { kind: step.claim.kind } : {}) })
    throw err
  }
  const { subject } = step
  await recordAudit({
    actor: auth,
    action: step.action,
    ...(subject.bookingId ? { bookingId: subject.bookingId } : {}),
    ...(subject.walkinId ? { walkinId: subject.walkinId } : {}),
    hallId: subject.hallId,
    regionCodes: [subject.regionCode],
    ...(step.details ? { details: step.details(result) } : {}),
  })
  return result
}
