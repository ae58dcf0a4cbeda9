import { VersionedCache } from '../../lib/versioned-cache'
import { SessionCancellation, SessionRule, type SessionRuleDoc } from './session.model'

/**
 * Every session rule in process memory (a few per point: bounded by the number of points), for slot lists, slot
 * lookups while booking and the "has off-hours sessions" flag of point lists. Refreshed across processes by the
 * `sessionRules` version (see lib/versioned-cache).
 */
export interface RuleIndex {
  byId: Map<string, SessionRuleDoc>
  /** Active rules of each point. */
  activeByHall: Map<string, SessionRuleDoc[]>
}

export const ruleCache = new VersionedCache<RuleIndex>('sessionRules', async () => {
  const rules = await SessionRule.find().lean<SessionRuleDoc[]>()
  const activeByHall = new Map<string, SessionRuleDoc[]>()
  for (const r of rules) {
    if (r.status !== 'active') continue
    const key = String(r.hallId)
    const list = activeByHall.get(key)
    if (list) list.push(r)
    else activeByHall.set(key, [r])
  }
  return { byId: new Map(rules.map((r) => [String(r._id), r])), activeByHall }
})

/**
 * The keys (`${hallId}:${date}`) of every cancelled session day, for what is shown (open now, today's sessions, 周末办):
 * an administrator's rare action, so a small set, reloaded when the `sessionCancellations` version moves. Booking
 * itself still reads its day's cancellation by `_id` (sessions.service), so a seat is never sold on a day cancelled
 * a moment ago in another process.
 */
export const cancelledDayCache = new VersionedCache<Set<string>>('sessionCancellations', async () => {
  const rows = await SessionCancellation.find({}, '_id').lean<{ _id: string }[]>()
  return new Set(rows.map((r) => r._id))
})
