import { localDate } from '@xz/shared'
import { now } from '../../lib/clock'
import { isDuplicateKey } from '../../lib/errors'
import type { Job } from '../../lib/jobs'
import { DeskClaim } from './desk-claim.model'

/**
 * Desk claims matter for a short while only: queue numbers and calls for their day, check-in and serve
 * claims until the booking is final (at most the 14-day horizon plus the slot). Older ones are removed.
 */
export const DESK_CLAIM_RETENTION_DAYS = 30

/** Removes old desk claims once a day (the day is claimed first, so one process does it). */
export async function cleanUpDeskClaims(): Promise<number> {
  const at = now()
  const today = localDate(at)
  try {
    await DeskClaim.create({ _id: `cleanup:${today}`, kind: 'cleanup', at, ref: today })
  } catch (err) {
    if (isDuplicateKey(err)) return 0
    throw err
  }
  const cutoff = new Date(at.getTime() - DESK_CLAIM_RETENTION_DAYS * 86_400_000)
  const res = await DeskClaim.deleteMany({ at: { $lt: cutoff } })
  return res.deletedCount
}

export const deskClaimCleanupJob: Job = { name: 'desk-claims-cleanup', run: cleanUpDeskClaims }
