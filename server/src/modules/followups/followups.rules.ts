/** Pure summaries for 周末办 (unit-tested in followups.rules.test.ts). */
import type { SessionLabel } from '../sessions'

export interface SlotSeats {
  hallId: string
  ruleId: string
  label: SessionLabel
  start: string
  end: string
  capacity: number
  remaining: number
}

export interface DaySummary {
  halls: {
    hallId: string
    sessions: { label: SessionLabel; start: string; end: string; capacity: number; remaining: number }[]
    remaining: number
    serviceIds: string[]
  }[]
  services: { serviceId: string; remaining: number; hallIds: string[] }[]
}

/**
 * Groups a day's slots into sessions per point (one per rule: its first start … last end, seats summed),
 * and per item the seats left across the points whose sessions offer it (`offers`: rule id → item ids).
 * Points with more seats left come first; items by seats left, then by how many points offer them.
 */
export function summarizeDay(slots: readonly SlotSeats[], offers: ReadonlyMap<string, readonly string[]>): DaySummary {
  const halls = new Map<string, Map<string, DaySummary['halls'][number]['sessions'][number]>>()
  const hallServices = new Map<string, Set<string>>()
  const services = new Map<string, { remaining: number; hallIds: Set<string> }>()
  for (const s of slots) {
    const sessions = halls.get(s.hallId) ?? new Map()
    halls.set(s.hallId, sessions)
    const session = sessions.get(s.ruleId)
    if (session) {
      session.end = s.end > session.end ? s.end : session.end
      session.start = s.start < session.start ? s.start : session.start
      session.capacity += s.capacity
      session.remaining += s.remaining
    } else {
      sessions.set(s.ruleId, { label: s.label, start: s.start, end: s.end, capacity: s.capacity, remaining: s.remaining })
    }
    if (s.remaining === 0) continue
    for (const serviceId of offers.get(s.ruleId) ?? []) {
      const set = hallServices.get(s.hallId) ?? new Set<string>()
      hallServices.set(s.hallId, set.add(serviceId))
      const entry = services.get(serviceId) ?? { remaining: 0, hallIds: new Set<string>() }
      entry.remaining += s.remaining
      entry.hallIds.add(s.hallId)
      services.set(serviceId, entry)
    }
  }
  return {
    halls: [...halls]
      .map(([hallId, sessions]) => {
        const list = [...sessions.values()].sort((a, b) => a.start.localeCompare(b.start))
        return { hallId, sessions: list, remaining: list.reduce((n, s) => n + s.remaining, 0), serviceIds: [...(hallServices.get(hallId) ?? [])] }
      })
      .sort((a, b) => b.remaining - a.remaining || a.hallId.localeCompare(b.hallId)),
    services: [...services]
      .map(([serviceId, e]) => ({ serviceId, remaining: e.remaining, hallIds: [...e.hallIds] }))
      .sort((a, b) => b.remaining - a.remaining || b.hallIds.length - a.hallIds.length || a.serviceId.localeCompare(b.serviceId)),
  }
}
