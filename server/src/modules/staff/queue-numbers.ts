import { formatQueueNumber, type QueuePrefix } from '@xz/shared'
import { now, sleep } from '../../lib/clock'
import { AppError, isDuplicateKey } from '../../lib/errors'
import { DeskClaim } from './desk-claim.model'
import { nthFree, rankAmongWaiting } from './staff.rules'

/** Upper bound on insert attempts for one number (a point's day never comes near it). */
const MAX_ATTEMPTS = 500
/** An arrival waiting longer than this for its number was interrupted: the others stop making room for it. */
export const STALE_ARRIVAL_MS = 60_000

export interface QueueNumberClaim {
  queueNumber: string
  claimId: string
  ref: string
}

const scopeOf = (hallId: string, date: string, prefix: QueuePrefix) => `${hallId}:${date}:${prefix}`

/** Scope of the check-in claims of a point's day: the arrivals waiting for a Y-number. */
export const arrivalScopeOf = (hallId: string, date: string) => `checkin:${hallId}:${date}`


/**
 * Claims a queue number of a point's day by inserting `queue:<hallId>:<date>:<prefix>#<n>` (11000 = taken,
 * then it tries again). Unique `_id`s make numbers distinct under any concurrency. n is the smallest free
 * number (count + 1 when there is no gap; a number given back by a failed check-in is handed out again)
 * or, while several check-ins run in parallel, the free number matching this arrival's place among those
 * still waiting (`arrivalScope`), so that they do not all collide on the same one. Every number chosen is at
 * most the count of arrivals, so once they are all served the sequence has no gap.
 */
export async function claimQueueNumber(
  hallId: string,
  date: string,
  prefix: QueuePrefix,
  ref: string,
  arrivalScope?: string,
): Promise<QueueNumberClaim> {
  const scope = scopeOf(hallId, date, prefix)
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // arrivals first, numbers second: an arrival that got its number in between is then seen holding it
    const arrivals = arrivalScope ? await DeskClaim.find({ scope: arrivalScope }).select('ref at').lean() : []
    const held = await DeskClaim.find({ scope }).select('n ref').lean()
    const taken = new Set(held.map((c) => c.n ?? 0))
    const holders = new Set(held.map((c) => c.ref))
    const staleBefore = new Date(now().getTime() - STALE_ARRIVAL_MS)
    const n = nthFree(taken, rankAmongWaiting(arrivals, holders, ref, staleBefore))
    const claimId = `queue:${scope}#${n}`
    try {
      await DeskClaim.create({ _id: claimId, kind: 'queue', at: now(), ref, scope, n })
      return { queueNumber: formatQueueNumber(prefix, n), claimId, ref }
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      // someone else got n: spread the retries a little so that losers do not collide again at once
      await sleep(Math.random() * Math.min(20, 2 * (attempt + 1)))
    }
  }
  throw new AppError('CONFLICT', '排队号分配繁忙，请稍后重试')
}

/** Gives a number back (its holder's check-in did not happen). */
export async function releaseQueueNumber(claim: QueueNumberClaim): Promise<void> {
  await DeskClaim.deleteOne({ _id: claim.claimId, ref: claim.ref })
}

/** Gives back every number held by `ref` on a point's day (recovery after an interrupted check-in). */
export async function releaseQueueNumbersOf(hallId: string, date: string, prefix: QueuePrefix, ref: string): Promise<void> {
  await DeskClaim.deleteMany({ scope: scopeOf(hallId, date, prefix), ref })
}
