import mongoose from 'mongoose'
import {
  localDate,
  regionContains,
  type Page,
  type SessionRule as SessionRuleDto,
  type SessionRuleInput,
  type SessionRuleQuery,
  type SessionRuleUpdate,
  type Slot,
  type SlotQuery,
} from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, notFound } from '../../lib/errors'
import { slicePage } from '../../lib/paging'
import { adminRegionOf, assertRegionScope } from '../../lib/scope'
import { currentCalendar } from '../calendar'
import { Service, setOffHoursFlags } from '../catalogue'
import { cachedHall, Hall } from '../halls'
import { ruleCache } from './session-cache'
import { SessionCancellation, SessionRule, type SessionRuleDoc } from './session.model'
import {
  cancellationKey,
  defaultCapacity,
  offHoursKindsOf,
  deriveSlots,
  horizonDates,
  parseSlotId,
  resolveSlot,
  validateRule,
  type DerivedSlot,
  type RuleIssue,
  type RuleLike,
  type SessionLabel,
  type TimeRange,
} from './sessions.rules'
import type { ObjectId } from '../../lib/db'
import { GroupReads } from '../../lib/group-reads'

/** What sessions need of a point (lean). */
interface HallLike {
  _id: ObjectId
  name: string
  regionCode: string
  address?: string
  status?: string | null
  regularHours?: { start?: string | null; end?: string | null }[]
  windows?: { staffed?: boolean | null }[]
  serviceIds?: ObjectId[]
}
type ServiceLike = { _id: ObjectId; hallIds?: ObjectId[] | null; bookable?: boolean | null; status?: string | null }

const HALL_FIELDS = 'name regionCode address regularHours windows serviceIds status'

// ---------------------------------------------------------------------------------------------
// Which items a point and a rule offer
// ---------------------------------------------------------------------------------------------
/** A point handles an item when either side lists the other. */
export function hallHandles(hall: Pick<HallLike, '_id' | 'serviceIds'>, service: ServiceLike): boolean {
  return (
    (hall.serviceIds ?? []).some((id) => id.equals(service._id)) || (service.hallIds ?? []).some((id) => id.equals(hall._id))
  )
}

/** A rule offers an active, bookable item its point handles: those it lists, or all of them when it lists none. */
export function ruleOffers(rule: { serviceIds: readonly (ObjectId | string)[] }, hall: Pick<HallLike, '_id' | 'serviceIds'>, service: ServiceLike): boolean {
  if (service.status !== 'active' || service.bookable === false || !hallHandles(hall, service)) return false
  return rule.serviceIds.length === 0 || rule.serviceIds.some((id) => String(id) === String(service._id))
}

/** A stored rule as slot derivation reads it (an unset capacity is the point's windows' default). */
export function ruleLike(rule: SessionRuleDoc, hall: Pick<HallLike, 'windows'>): RuleLike {
  return {
    id: String(rule._id),
    hallId: String(rule.hallId),
    label: rule.label as SessionLabel,
    dayTypes: rule.dayTypes,
    start: rule.start,
    end: rule.end,
    slotMinutes: rule.slotMinutes,
    capacity: rule.capacity ?? defaultCapacity(hall.windows ?? []),
    serviceIds: rule.serviceIds.map(String),
    effectiveFrom: rule.effectiveFrom,
    effectiveTo: rule.effectiveTo,
    status: rule.status,
  }
}

function toDto(rule: SessionRuleDoc, hall: Pick<HallLike, 'name' | 'windows'>): SessionRuleDto {
  return {
    ...ruleLike(rule, hall),
    dayTypes: [...rule.dayTypes],
    serviceIds: rule.serviceIds.map(String),
    hallName: hall.name,
    capacityIsDefault: rule.capacity === undefined || rule.capacity === null,
    effectiveFrom: rule.effectiveFrom ?? undefined,
    effectiveTo: rule.effectiveTo ?? undefined,
    demo: rule.demo ?? false,
  }
}

function regularHoursOf(hall: HallLike): TimeRange[] {
  return (hall.regularHours ?? []).flatMap((r) => (r.start && r.end ? [{ start: r.start, end: r.end }] : []))
}

function validationError(issues: RuleIssue[]): AppError {
  const first = issues[0]
  return new AppError('VALIDATION_FAILED', `${first.path}: ${first.message}`, {
    issues: issues.map((i) => ({ ...i, code: 'custom' })),
  })
}

async function loadHall(hallId: string | ObjectId): Promise<HallLike> {
  if (!mongoose.isValidObjectId(hallId)) throw notFound('服务网点')
  // from the in-process cache of points (hall-cache.ts)
  const hall: HallLike | undefined = await cachedHall(hallId)
  if (!hall) throw notFound('服务网点')
  return hall
}

async function hallInRegion(auth: AuthContext, hallId: string | ObjectId): Promise<HallLike> {
  const hall = await loadHall(hallId)
  assertRegionScope(auth, hall.regionCode)
  return hall
}

/** Listed items must exist and be handled at the point. */
async function checkServices(hall: HallLike, serviceIds: readonly string[]): Promise<RuleIssue[]> {
  if (serviceIds.length === 0) return []
  const services = await Service.find({ _id: { $in: serviceIds } }).select('hallIds bookable status').lean<ServiceLike[]>()
  const byId = new Map(services.map((s) => [String(s._id), s]))
  const bad = serviceIds.filter((id) => {
    const s = byId.get(id)
    return !s || s.status !== 'active' || !hallHandles(hall, s)
  })
  return bad.length ? [{ path: 'serviceIds', message: `以下事项不在该网点办理或已停用：${bad.join(', ')}` }] : []
}

// ---------------------------------------------------------------------------------------------
// Rule CRUD (administrators, region-scoped)
// ---------------------------------------------------------------------------------------------
export async function listRules(auth: AuthContext, q: SessionRuleQuery): Promise<Page<SessionRuleDto>> {
  const filter: Record<string, unknown> = {}
  if (q.hallId) {
    await hallInRegion(auth, q.hallId)
    filter.hallId = q.hallId
  } else {
    adminRegionOf(auth)
  }
  if (q.status) filter.status = q.status
  // rules are few (a handful per point): scope by region in memory
  const rules = (await SessionRule.find(filter).sort({ hallId: 1, start: 1, _id: 1 }).lean<SessionRuleDoc[]>()).filter((r) =>
    regionContains(auth.regionCode ?? '', r.regionCode),
  )
  const { rows, page } = slicePage(rules, q)
  const halls = await Hall.find({ _id: { $in: [...new Set(rows.map((r) => String(r.hallId)))] } })
    .select(HALL_FIELDS)
    .lean<HallLike[]>()
  const hallById = new Map(halls.map((h) => [String(h._id), h]))
  return page(rows.map((r) => toDto(r, hallById.get(String(r.hallId)) ?? { name: '', windows: [] })))
}

async function ruleInRegion(auth: AuthContext, id: string): Promise<{ rule: SessionRuleDoc; hall: HallLike }> {
  const rule = await SessionRule.findById(id).lean<SessionRuleDoc>()
  if (!rule) throw notFound('场次规则')
  const hall = await hallInRegion(auth, rule.hallId)
  return { rule, hall }
}

export async function getRule(auth: AuthContext, id: string): Promise<SessionRuleDto> {
  const { rule, hall } = await ruleInRegion(auth, id)
  return toDto(rule, hall)
}

type CreateInput = Omit<SessionRuleInput, 'slotMinutes' | 'serviceIds' | 'status'> & {
  slotMinutes: number
  serviceIds: string[]
  status: 'active' | 'archived'
}

/** Creates a rule at a point (no scope check: callers check it; the seeder calls it directly). */
export async function createRuleAt(
  hall: HallLike,
  input: CreateInput,
  by: string,
  opts: { demo?: boolean; recomputeOffHours?: boolean } = {},
): Promise<SessionRuleDoc> {
  const issues = [...validateRule(input, regularHoursOf(hall)), ...(await checkServices(hall, input.serviceIds))]
  if (issues.length) throw validationError(issues)
  const rule = await SessionRule.create({
    ...input,
    hallId: hall._id,
    regionCode: hall.regionCode,
    serviceIds: [...new Set(input.serviceIds)],
    createdBy: by,
    demo: opts.demo ?? false,
  })
  if (opts.recomputeOffHours !== false) await recomputeServiceOffHours()
  return rule.toObject() as SessionRuleDoc
}

export async function createRule(auth: AuthContext, input: CreateInput): Promise<SessionRuleDto> {
  const hall = await hallInRegion(auth, input.hallId)
  return toDto(await createRuleAt(hall, input, auth.sub), hall)
}

export async function updateRule(auth: AuthContext, id: string, patch: SessionRuleUpdate): Promise<SessionRuleDto> {
  const { rule, hall } = await ruleInRegion(auth, id)
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
  const next = { ...rule, ...defined }
  const issues = [...validateRule(next, regularHoursOf(hall))]
  if (patch.serviceIds) issues.push(...(await checkServices(hall, patch.serviceIds)))
  if (issues.length) throw validationError(issues)
  const $set: Record<string, unknown> = { updatedBy: auth.sub }
  const $unset: Record<string, ''> = {}
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue
    if (value === null) $unset[key] = ''
    else $set[key] = key === 'serviceIds' ? [...new Set(value as string[])] : value
  }
  await SessionRule.updateOne({ _id: rule._id }, Object.keys($unset).length ? { $set, $unset } : { $set })
  await recomputeServiceOffHours()
  return getRule(auth, id)
}

/** Archives a rule: its slots disappear; bookings already made stay valid. */
export async function archiveRule(auth: AuthContext, id: string): Promise<SessionRuleDto> {
  const { rule } = await ruleInRegion(auth, id)
  await SessionRule.updateOne({ _id: rule._id }, { $set: { status: 'archived', updatedBy: auth.sub } })
  await recomputeServiceOffHours()
  return getRule(auth, id)
}

/**
 * Keeps each item's off-hours flags honest: `offHoursWeekend` when some active session rule offers it on a
 * weekend or public holiday within the booking horizon (today … +14 days), `offHoursExtended` when some rule
 * offers it on a working day (午间不断档 / 延时服务), and `offHours` when either holds. Computed in memory from the
 * rules (bounded: a few per point) and the calendar, and written only where a flag changed. Call it whenever
 * rules, a point's items, an item's bookable/status or the calendar change; the daily job moves the horizon.
 */
export async function recomputeServiceOffHours(): Promise<{ changed: number }> {
  const t = now()
  const today = localDate(t)
  const rules = (await SessionRule.find({ status: 'active' }).lean<SessionRuleDoc[]>()).filter((r) => !r.effectiveTo || r.effectiveTo >= today)
  const halls = await Hall.find({ _id: { $in: [...new Set(rules.map((r) => String(r.hallId)))] } })
    .select('serviceIds status windows')
    .lean<HallLike[]>()
  const hallById = new Map(halls.filter((h) => h.status !== 'archived').map((h) => [String(h._id), h]))
  const [services, calendar] = await Promise.all([
    Service.find().select('hallIds bookable status offHours offHoursWeekend offHoursExtended').lean<(ServiceLike & OffHoursFlags)[]>(),
    currentCalendar(),
  ])
  const { first, last } = horizonDates(t)
  const weekend = new Set<string>()
  const extended = new Set<string>()
  for (const rule of rules) {
    const hall = hallById.get(String(rule.hallId))
    if (!hall) continue
    const kinds = offHoursKindsOf(ruleLike(rule, hall), first, last, calendar.dayType)
    if (!kinds.weekend && !kinds.extended) continue
    for (const s of services) {
      if (!ruleOffers(rule, hall, s)) continue
      if (kinds.weekend) weekend.add(String(s._id))
      if (kinds.extended) extended.add(String(s._id))
    }
  }
  const changes: { _id: ObjectId; flags: { offHours: boolean; offHoursWeekend: boolean; offHoursExtended: boolean } }[] = []
  for (const s of services) {
    const id = String(s._id)
    const next = { offHours: weekend.has(id) || extended.has(id), offHoursWeekend: weekend.has(id), offHoursExtended: extended.has(id) }
    if (Boolean(s.offHours) !== next.offHours || Boolean(s.offHoursWeekend) !== next.offHoursWeekend || Boolean(s.offHoursExtended) !== next.offHoursExtended) {
      changes.push({ _id: s._id, flags: next })
    }
  }
  await setOffHoursFlags(changes)
  return { changed: changes.length }
}

interface OffHoursFlags {
  offHours?: boolean | null
  offHoursWeekend?: boolean | null
  offHoursExtended?: boolean | null
}

// ---------------------------------------------------------------------------------------------
// Slots
// ---------------------------------------------------------------------------------------------
/** A slot of a point's sessions, before seats are counted (the bookings module counts them). */
export type SessionSlot = Omit<Slot, 'remaining'>

/**
 * The slots a point's active session rules yield in the query's range (clipped to the booking horizon), the
 * item's only when one is asked for; cancelled dates yield none.
 */
export async function sessionSlots(q: SlotQuery): Promise<SessionSlot[]> {
  const hall = await loadHall(q.hallId)
  const t = now()
  const horizon = horizonDates(t)
  if (q.from && q.to && q.to < q.from) {
    throw validationError([{ path: 'to', message: '结束日期不能早于开始日期' }])
  }
  const from = q.from && q.from > horizon.first ? q.from : horizon.first
  const to = q.to && q.to < horizon.last ? q.to : horizon.last
  if (from > to || hall.status === 'archived') return []

  const rules = ((await ruleCache.get()).activeByHall.get(String(hall._id)) ?? []).map((r) => ({
    doc: r,
    like: ruleLike(r, hall),
  }))
  let offering = rules
  if (q.serviceId) {
    const service = await Service.findById(q.serviceId).select('hallIds bookable status').lean<ServiceLike>()
    if (!service) return []
    offering = rules.filter((r) => ruleOffers(r.doc, hall, service))
  }
  if (offering.length === 0) return []
  const [calendar, cancellations] = await Promise.all([currentCalendar(), SessionCancellation.find({ hallId: hall._id }).select('date').lean()])
  const slots = deriveSlots({
    rules: offering.map((r) => r.like),
    from,
    to,
    dayType: calendar.dayType,
    cancelled: new Set(cancellations.map((c) => cancellationKey(String(hall._id), c.date))),
    now: t,
  })
  return slots.map((s) => ({ id: s.id, hallId: s.hallId, date: s.date, start: s.start, end: s.end, label: s.label, dayType: s.dayType, capacity: s.capacity }))
}

export interface LoadedSlot {
  slot: DerivedSlot
  rule: SessionRuleDoc
  hall: HallLike & { address?: string }
}

/**
 * The slot a slot id names, with its rule and point: 404 when there is no such slot, SLOT_UNAVAILABLE when
 * its rule is archived or does not run that day, SESSION_CANCELLED when an administrator cancelled the day.
 */
/** Whether a point's day is cancelled: read on every booking, grouped (lib/group-reads). */
const cancellationReads = new GroupReads<{ _id: string }>(() => SessionCancellation, { _id: 1 })

export async function loadSlot(slotId: string): Promise<LoadedSlot> {
  const parsed = parseSlotId(slotId)
  if (!parsed) throw notFound('预约时段')
  const rule = (await ruleCache.get()).byId.get(parsed.ruleId)
  if (!rule) throw notFound('预约时段')
  const [hall, calendar, cancelled] = await Promise.all([
    loadHall(rule.hallId),
    currentCalendar(),
    cancellationReads.exists(cancellationKey(String(rule.hallId), parsed.date)),
  ])
  const res = resolveSlot(ruleLike(rule, hall), parsed.date, parsed.start, calendar.dayType(parsed.date), Boolean(cancelled))
  if (!res.ok) {
    if (res.reason === 'not_a_slot') throw notFound('预约时段')
    if (res.reason === 'cancelled') throw new AppError('SESSION_CANCELLED', '该网点当日场次已取消')
    throw new AppError('SLOT_UNAVAILABLE', '该时段不开放预约')
  }
  return { slot: res.slot, rule, hall }
}

/**
 * `loadSlot` for the booking path: the slot comes from the in-process caches at once, and the one database read it
 * needs (is the day cancelled?) runs together with the caller's own reads (`alongside`, which must not write). The
 * outcome is exactly `loadSlot`'s: the slot's errors come first, then `alongside`'s.
 */
export async function loadSlotWith<T>(slotId: string, alongside: (loaded: LoadedSlot) => Promise<T>): Promise<{ loaded: LoadedSlot; result: T }> {
  const parsed = parseSlotId(slotId)
  if (!parsed) throw notFound('预约时段')
  const rule = (await ruleCache.get()).byId.get(parsed.ruleId)
  if (!rule) throw notFound('预约时段')
  const cancelledRead = cancellationReads.exists(cancellationKey(String(rule.hallId), parsed.date))
  cancelledRead.catch(() => undefined) // awaited below; never an unhandled rejection
  const [hall, calendar] = await Promise.all([loadHall(rule.hallId), currentCalendar()])
  const resolve = (cancelled: boolean) => {
    const res = resolveSlot(ruleLike(rule, hall), parsed.date, parsed.start, calendar.dayType(parsed.date), cancelled)
    if (res.ok) return res.slot
    if (res.reason === 'not_a_slot') throw notFound('预约时段')
    if (res.reason === 'cancelled') throw new AppError('SESSION_CANCELLED', '该网点当日场次已取消')
    throw new AppError('SLOT_UNAVAILABLE', '该时段不开放预约')
  }
  let slot: DerivedSlot
  try {
    slot = resolve(false)
  } catch (err) {
    resolve(await cancelledRead) // the same error loadSlot gives, cancellation included
    throw err
  }
  const loaded: LoadedSlot = { slot, rule, hall }
  const [cancelled, result] = await Promise.allSettled([cancelledRead, alongside(loaded)])
  if (cancelled.status === 'rejected') throw cancelled.reason
  if (cancelled.value) resolve(true)
  if (result.status === 'rejected') throw result.reason
  return { loaded, result: result.value }
}

/** Records the cancellation of a point's sessions on a date (its `_id` is the claim: 11000 when it exists). */
export async function recordCancellation(c: { hallId: ObjectId; date: string; reason: string; by: string }): Promise<void> {
  await SessionCancellation.create({ _id: cancellationKey(String(c.hallId), c.date), ...c, at: now() })
}

export async function isSessionCancelled(hallId: string | ObjectId, date: string): Promise<boolean> {
  return cancellationReads.exists(cancellationKey(String(hallId), date))
}

export { hallInRegion, loadHall }
export type { HallLike, ServiceLike }
