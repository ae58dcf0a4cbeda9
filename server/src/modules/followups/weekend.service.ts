/**
 * 周末办, date first: for one day (a Saturday, a holiday …), the points that hold off-hours sessions that
 * day and the items bookable there, with remaining seats. Everything comes from bounded, administrator-kept
 * data (session rules, points, items, the calendar) plus the per-point occupancy hints the slot listing
 * already reads (`seatsTakenBySlot`): no booking is scanned.
 */
import type { WeekendDay } from '@xz/shared'
import { now } from '../../lib/clock'
import { invalidField } from '../../lib/errors'
import { freeSeatNumbers, seatsTakenBySlot } from '../bookings'
import { currentCalendar } from '../calendar'
import { Service } from '../catalogue'
import { Hall } from '../halls'
import { cancelledDayCache, deriveSlots, horizonDates, type RuleLike, ruleLike, ruleOffers, type ServiceLike, SessionRule, type SessionRuleDoc } from '../sessions'
import { summarizeDay } from './followups.rules'
import type { ObjectId } from '../../lib/db'

interface HallLean {
  _id: ObjectId
  name: string
  type: WeekendDay['halls'][number]['type']
  regionCode: string
  address: string
  status?: string | null
  serviceIds?: ObjectId[]
  windows?: { staffed?: boolean | null; serviceIds?: ObjectId[] }[]
}

interface PointsAndItems {
  hallById: Map<string, HallLean>
  /** Rule id → the items it offers (active, bookable, handled at its point). */
  offers: Map<string, string[]>
  serviceName: Map<string, string>
}

/**
 * The points of the rules and the items each rule offers. Points and items are administrator-kept but their reads
 * scan whole collections of large documents on the embedded database, so this part is kept in memory for
 * CACHE_MS, keyed by the rules (ids and update times): a rule change is seen at once, a change to a point's or an
 * item's own record within CACHE_MS. Seats, cancellations and the calendar are always read live.
 */
const CACHE_MS = 60_000
let cached: { key: string; at: number; value: Promise<PointsAndItems> } | undefined

function pointsAndItems(rules: readonly (SessionRuleDoc & { updatedAt?: Date })[]): Promise<PointsAndItems> {
  const key = rules.map((r) => `${String(r._id)}@${r.updatedAt?.getTime() ?? 0}`).join(',')
  if (cached && cached.key === key && Date.now() - cached.at < CACHE_MS) return cached.value
  const value = loadPointsAndItems(rules)
  cached = { key, at: Date.now(), value }
  value.catch(() => {
    if (cached?.value === value) cached = undefined
  })
  return value
}

async function loadPointsAndItems(rules: readonly SessionRuleDoc[]): Promise<PointsAndItems> {
  const hallIds = [...new Set(rules.map((r) => String(r.hallId)))]
  const halls = (await Hall.find({ _id: { $in: hallIds } }, 'name type regionCode address status serviceIds windows').lean<HallLean[]>()).filter(
    (h) => h.status !== 'archived',
  )
  const hallById = new Map(halls.map((h) => [String(h._id), h]))
  const handled = [...new Set(halls.flatMap((h) => [...(h.serviceIds ?? []), ...(h.windows ?? []).flatMap((w) => w.serviceIds ?? [])].map(String)))]
  const services = handled.length
    ? await Service.find({ _id: { $in: handled } }, 'name hallIds bookable status').lean<(ServiceLike & { name: string })[]>()
    : []
  const offers = new Map<string, string[]>()
  for (const rule of rules) {
    const hall = hallById.get(String(rule.hallId))
    if (hall) offers.set(String(rule._id), services.filter((s) => ruleOffers(rule, hall, s)).map((s) => String(s._id)))
  }
  return { hallById, offers, serviceName: new Map(services.map((s) => [String(s._id), s.name])) }
}

export async function weekendDay(date: string): Promise<WeekendDay> {
  const t = now()
  const horizon = horizonDates(t)
  const calendar = await currentCalendar()
  const day = calendar.day(date)
  const head = { date, dayType: day.type, ...(day.name ? { dayName: day.name } : {}) }
  if (date < horizon.first) throw invalidField('date', '不能查询已过去的日期')
  if (date > horizon.last) return { ...head, inHorizon: false, halls: [], services: [] }

  // session rules: a handful per point, kept by administrators (read on every request, so a rule change shows at once)
  const rules = await SessionRule.find({ status: 'active' }).lean<(SessionRuleDoc & { updatedAt?: Date })[]>()
  if (rules.length === 0) return { ...head, inHorizon: true, halls: [], services: [] }
  const { hallById, offers, serviceName } = await pointsAndItems(rules)
  const likes: RuleLike[] = rules.flatMap((r) => {
    const hall = hallById.get(String(r.hallId))
    return hall ? [ruleLike(r, hall)] : []
  })
  // cancelled days from the in-process cache (session-cache.ts)
  const cancelled = await cancelledDayCache.get()
  const slots = deriveSlots({ rules: likes, from: date, to: date, dayType: calendar.dayType, cancelled, now: t })
  const slotHalls = [...new Set(slots.map((s) => s.hallId))]
  const taken = new Map<string, number[]>()
  await Promise.all(
    slotHalls.map(async (hallId) => {
      for (const [slotId, seats] of await seatsTakenBySlot(hallId)) taken.set(slotId, seats)
    }),
  )

  const summary = summarizeDay(
    slots.map((s) => ({
      hallId: s.hallId,
      ruleId: s.ruleId,
      label: s.label,
      start: s.start,
      end: s.end,
      capacity: s.capacity,
      remaining: freeSeatNumbers(s.capacity, taken.get(s.id) ?? []).length,
    })),
    offers,
  )
  return {
    ...head,
    inHorizon: true,
    halls: summary.halls.map((h) => {
      const hall = hallById.get(h.hallId)!
      return { id: h.hallId, name: hall.name, type: hall.type, regionCode: hall.regionCode, address: hall.address, sessions: h.sessions, remaining: h.remaining, serviceIds: h.serviceIds }
    }),
    services: summary.services.map((s) => ({ id: s.serviceId, name: serviceName.get(s.serviceId) ?? '', remaining: s.remaining, hallIds: s.hallIds })),
  }
}
