import { localDate, type DayType } from '@xz/shared'
import { now } from '../../lib/clock'
import type { HallSessions, SessionToday } from '../halls'
import { cancelledDayCache, ruleCache } from './session-cache'
import { cancellationKey, sessionsOn } from './sessions.rules'
import { ruleOffers } from './sessions.service'

/** Active rules of a point that have not ended before today (a handful per point, from the rule cache). */
async function effectiveRules(hallId: string) {
  const today = localDate(now())
  return ((await ruleCache.get()).activeByHall.get(hallId) ?? []).filter((r) => !r.effectiveTo || r.effectiveTo >= today)
}

/**
 * What the point views read of the sessions (plugged into halls by modules/wiring.ts). Session rules and cancelled
 * days come from the in-process caches (session-cache.ts).
 */
export const hallSessions: HallSessions = {
  async sessionsOn(date: string, dayType: DayType): Promise<Map<string, SessionToday[]>> {
    const sessions = new Map<string, SessionToday[]>()
    for (const [id, list] of (await ruleCache.get()).activeByHall) {
      const today = sessionsOn(list, date, dayType)
      if (today.length) sessions.set(id, today)
    }
    const cancelled = await cancelledDayCache.get()
    for (const id of [...sessions.keys()]) if (cancelled.has(cancellationKey(id, date))) sessions.delete(id)
    return sessions
  },

  async offHoursHalls(hallIds: string[]): Promise<Set<string>> {
    const today = localDate(now())
    const byHall = (await ruleCache.get()).activeByHall
    return new Set(hallIds.filter((id) => (byHall.get(id) ?? []).some((r) => !r.effectiveTo || r.effectiveTo >= today)))
  },

  async bookableServiceIds(hall, services): Promise<string[]> {
    const rules = await effectiveRules(hall._id.toString())
    return services.filter((s) => rules.some((r) => ruleOffers(r, hall, s))).map((s) => s._id.toString())
  },
}
