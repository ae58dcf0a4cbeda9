import { VersionedCache } from '../../lib/versioned-cache'
import { SessionRule, type SessionRuleDoc } from './session.model'

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
