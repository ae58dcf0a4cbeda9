/**
 * Pure decision logic of off-hours sessions: which rule applies on which day, the slots it yields,
 * and the validation of a rule against its point. No database access (unit-tested in sessions.rules.test.ts).
 */
import type { SessionToday } from '../halls'
import {
  BOOKING_HORIZON_DAYS,
  BOOKING_MIN_NOTICE_HOURS,
  addDays,
  dateRange,
  instantOf,
  localDate,
  minutesOf,
  timeOf,
  type DayType,
  type DayTypeLookup,
  type SessionDayType,
} from '@xz/shared'

const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS
export const MIN_NOTICE_MS = BOOKING_MIN_NOTICE_HOURS * HOUR_MS
export const HORIZON_MS = BOOKING_HORIZON_DAYS * DAY_MS

export type SessionLabel = '双休日值班' | '节假日预约' | '午间不断档' | '延时服务'

/** What slot derivation needs of a session rule. */
export interface RuleLike {
  id: string
  hallId: string
  label: SessionLabel
  dayTypes: readonly SessionDayType[]
  start: string
  end: string
  slotMinutes: number
  /** Effective seats per slot (the default already applied). */
  capacity: number
  serviceIds: readonly string[]
  effectiveFrom?: string | null
  effectiveTo?: string | null
  status: 'active' | 'archived'
}

export interface DerivedSlot {
  id: string
  ruleId: string
  hallId: string
  date: string
  start: string
  end: string
  startAt: Date
  endAt: Date
  label: SessionLabel
  dayType: DayType
  capacity: number
  serviceIds: readonly string[]
}

export interface TimeRange {
  start: string
  end: string
}

// ---------------------------------------------------------------------------------------------
// Slot ids: `${ruleId}.${YYYYMMDD}.${HHmm}`
// ---------------------------------------------------------------------------------------------
export function slotIdOf(ruleId: string, date: string, start: string): string {
  return `${ruleId}.${date.replaceAll('-', '')}.${start.replace(':', '')}`
}

/** The rule, local date and start time a slot id names; undefined when it is malformed. */
export function parseSlotId(id: string): { ruleId: string; date: string; start: string } | undefined {
  const m = /^([0-9a-f]{24})\.(\d{4})(\d{2})(\d{2})\.(\d{2})(\d{2})$/i.exec(id)
  if (!m) return undefined
  return { ruleId: m[1].toLowerCase(), date: `${m[2]}-${m[3]}-${m[4]}`, start: `${m[5]}:${m[6]}` }
}

// ---------------------------------------------------------------------------------------------
// Which rule applies when
// ---------------------------------------------------------------------------------------------
/**
 * A weekend rule applies to weekends that are neither holidays nor 调休 workdays (the calendar already
 * types those as `holiday`/`makeup_workday`); a holiday rule to public holidays only; a workday rule to
 * working days, 调休 Saturdays included.
 */
export function ruleAppliesToDayType(ruleDayTypes: readonly SessionDayType[], dayType: DayType): boolean {
  switch (dayType) {
    case 'weekend':
      return ruleDayTypes.includes('weekend')
    case 'holiday':
      return ruleDayTypes.includes('holiday')
    case 'workday':
    case 'makeup_workday':
      return ruleDayTypes.includes('workday')
  }
}

export function ruleEffectiveOn(rule: Pick<RuleLike, 'effectiveFrom' | 'effectiveTo'>, date: string): boolean {
  return (!rule.effectiveFrom || date >= rule.effectiveFrom) && (!rule.effectiveTo || date <= rule.effectiveTo)
}

/** The slot start times of a rule on any day ('09:00', '09:30', … while a whole slot fits). */
export function slotStarts(rule: Pick<RuleLike, 'start' | 'end' | 'slotMinutes'>): string[] {
  const out: string[] = []
  const end = minutesOf(rule.end)
  for (let t = minutesOf(rule.start); t + rule.slotMinutes <= end; t += rule.slotMinutes) out.push(timeOf(t))
  return out
}

function slotOf(rule: RuleLike, date: string, start: string, dayType: DayType): DerivedSlot {
  const end = timeOf(minutesOf(start) + rule.slotMinutes)
  return {
    id: slotIdOf(rule.id, date, start),
    ruleId: rule.id,
    hallId: rule.hallId,
    date,
    start,
    end,
    startAt: instantOf(date, start),
    endAt: instantOf(date, end),
    label: rule.label,
    dayType,
    capacity: rule.capacity,
    serviceIds: rule.serviceIds,
  }
}

export interface DeriveInput {
  rules: readonly RuleLike[]
  /** Local dates, both included. */
  from: string
  to: string
  dayType: DayTypeLookup
  /** `${hallId}:${date}` of every session an administrator cancelled. */
  cancelled: ReadonlySet<string>
  now: Date
}

export const cancellationKey = (hallId: string, date: string) => `${hallId}:${date}`

/**
 * Every bookable slot of the rules between `from` and `to`: active rules, effective on the date, of the
 * date's day type, not cancelled, starting at least 2 h after `now` and at most 14 days after it.
 * Sorted by start, then rule id.
 */
export function deriveSlots(input: DeriveInput): DerivedSlot[] {
  const earliest = input.now.getTime() + MIN_NOTICE_MS
  const latest = input.now.getTime() + HORIZON_MS
  const out: DerivedSlot[] = []
  for (const date of dateRange(input.from, input.to)) {
    const dayType = input.dayType(date)
    for (const rule of input.rules) {
      if (rule.status !== 'active' || !ruleEffectiveOn(rule, date) || !ruleAppliesToDayType(rule.dayTypes, dayType)) continue
      if (input.cancelled.has(cancellationKey(rule.hallId, date))) continue
      for (const start of slotStarts(rule)) {
        const slot = slotOf(rule, date, start, dayType)
        const t = slot.startAt.getTime()
        if (t >= earliest && t <= latest) out.push(slot)
      }
    }
  }
  return out.sort((a, b) => a.startAt.getTime() - b.startAt.getTime() || a.ruleId.localeCompare(b.ruleId))
}

/** Dates a slot query may cover: today … today + 14 days (local). */
export function horizonDates(now: Date): { first: string; last: string } {
  const first = localDate(now)
  return { first, last: addDays(first, BOOKING_HORIZON_DAYS) }
}

/**
 * Which kinds of off-hours session a rule really holds between two dates: `weekend` when it has a session on a
 * weekend or public holiday (双休日/节假日), `extended` when on a working day (午间/延时). Decided by the days the
 * calendar gives, not by the rule's label, so a weekend rule outside its effective dates counts for nothing.
 */
export function offHoursKindsOf(
  rule: Pick<RuleLike, 'dayTypes' | 'effectiveFrom' | 'effectiveTo' | 'status' | 'start' | 'end' | 'slotMinutes'>,
  from: string,
  to: string,
  dayType: DayTypeLookup,
): { weekend: boolean; extended: boolean } {
  const kinds = { weekend: false, extended: false }
  if (rule.status !== 'active' || slotStarts(rule).length === 0) return kinds
  for (const date of dateRange(from, to)) {
    if (!ruleEffectiveOn(rule, date)) continue
    const type = dayType(date)
    if (!ruleAppliesToDayType(rule.dayTypes, type)) continue
    if (type === 'weekend' || type === 'holiday') kinds.weekend = true
    else kinds.extended = true
    if (kinds.weekend && kinds.extended) break
  }
  return kinds
}

export type SlotResolution =
  | { ok: true; slot: DerivedSlot }
  | { ok: false; reason: 'not_a_slot' | 'rule_inactive' | 'not_on_this_day' | 'cancelled' }

/** The slot a slot id names, whatever the time (booking applies the notice/horizon rules itself). */
export function resolveSlot(rule: RuleLike, date: string, start: string, dayType: DayType, cancelled: boolean): SlotResolution {
  if (!slotStarts(rule).includes(start)) return { ok: false, reason: 'not_a_slot' }
  if (rule.status !== 'active') return { ok: false, reason: 'rule_inactive' }
  if (!ruleEffectiveOn(rule, date) || !ruleAppliesToDayType(rule.dayTypes, dayType)) return { ok: false, reason: 'not_on_this_day' }
  if (cancelled) return { ok: false, reason: 'cancelled' }
  return { ok: true, slot: slotOf(rule, date, start, dayType) }
}

/** Whether a slot starting at `startAt` may be booked at `now`: at least 2 h and at most 14 days ahead. */
export function bookingWindow(startAt: Date, now: Date): 'ok' | 'too_late' | 'too_far' {
  const ahead = startAt.getTime() - now.getTime()
  if (ahead < MIN_NOTICE_MS) return 'too_late'
  if (ahead > HORIZON_MS) return 'too_far'
  return 'ok'
}

// ---------------------------------------------------------------------------------------------
// Capacity and validation
// ---------------------------------------------------------------------------------------------
/** Default seats per slot: staffed windows × 2, at least 1. */
export function defaultCapacity(windows: readonly { staffed?: boolean | null }[]): number {
  return Math.max(1, windows.filter((w) => w.staffed !== false).length * 2)
}

export function rangesOverlap(a: TimeRange, b: TimeRange): boolean {
  return minutesOf(a.start) < minutesOf(b.end) && minutesOf(b.start) < minutesOf(a.end)
}

export interface RuleIssue {
  path: string
  message: string
}

/** The rule as it will be stored (after defaults and any update), checked against its point. */
export interface RuleDraft {
  dayTypes: readonly SessionDayType[]
  start: string
  end: string
  slotMinutes: number
  capacity?: number | null
  effectiveFrom?: string | null
  effectiveTo?: string | null
}

/**
 * Cross-field rules: the range runs forwards and is a whole number of slots, the effective dates are in
 * order, capacity is at least 1, and a workday rule stays outside the point's regular hours.
 */
export function validateRule(draft: RuleDraft, regularHours: readonly TimeRange[]): RuleIssue[] {
  const issues: RuleIssue[] = []
  const length = minutesOf(draft.end) - minutesOf(draft.start)
  if (length <= 0) {
    issues.push({ path: 'end', message: '结束时间应晚于开始时间' })
  } else if (length % draft.slotMinutes !== 0) {
    issues.push({ path: 'slotMinutes', message: `时间段（${length} 分钟）应为号段时长（${draft.slotMinutes} 分钟）的整数倍` })
  }
  if (draft.capacity !== undefined && draft.capacity !== null && draft.capacity < 1) {
    issues.push({ path: 'capacity', message: '每个号段至少 1 个名额' })
  }
  if (draft.effectiveFrom && draft.effectiveTo && draft.effectiveTo < draft.effectiveFrom) {
    issues.push({ path: 'effectiveTo', message: '生效结束日期不能早于开始日期' })
  }
  if (length > 0 && draft.dayTypes.includes('workday')) {
    const clash = regularHours.find((r) => rangesOverlap(draft, r))
    if (clash) {
      issues.push({
        path: 'start',
        message: `工作日场次不能与网点正常办公时间（${clash.start}–${clash.end}）重叠`,
      })
    }
  }
  return issues
}

// ---------------------------------------------------------------------------------------------
// A point's sessions of a day (open now, the point page)
// ---------------------------------------------------------------------------------------------
/** An off-hours session rule as far as "open now" needs it (a SessionRule, bounded per point). */
export interface SessionRuleHours {
  label: string
  dayTypes: readonly SessionDayType[]
  start: string
  end: string
  effectiveFrom?: string | null
  effectiveTo?: string | null
  status?: string | null
}

/**
 * The off-hours sessions a point holds on `date` (of type `dayType`): active rules effective that day
 * and of that day type, none when an administrator cancelled the day. Sorted by start.
 */
export function sessionsOn(rules: readonly SessionRuleHours[], date: string, dayType: DayType, cancelled = false): SessionToday[] {
  if (cancelled) return []
  return rules
    .filter((r) => (r.status ?? 'active') === 'active' && ruleEffectiveOn(r, date) && ruleAppliesToDayType(r.dayTypes, dayType))
    .map((r) => ({ label: r.label, start: r.start, end: r.end }))
    .sort((a, b) => minutesOf(a.start) - minutesOf(b.start))
}

