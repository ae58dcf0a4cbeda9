import { openStateAt, type OpeningHours } from '../halls'
import { instantOf } from '@xz/shared'
import { makeCalendar } from '../calendar'
import {
  bookingWindow,
  cancellationKey,
  defaultCapacity,
  deriveSlots,
  horizonDates,
  parseSlotId,
  resolveSlot,
  slotIdOf,
  slotStarts,
  sessionsOn,
  validateRule,
  type RuleLike,
} from './sessions.rules'

const HALL = '64b000000000000000000001'
const official = makeCalendar([]).dayType
const DAY_MS = 24 * 3600_000

function rule(overrides: Partial<RuleLike> = {}): RuleLike {
  return {
    id: '64a000000000000000000001',
    hallId: HALL,
    label: '双休日值班',
    dayTypes: ['weekend'],
    start: '09:00',
    end: '12:00',
    slotMinutes: 30,
    capacity: 4,
    serviceIds: [],
    status: 'active',
    ...overrides,
  }
}

const weekendRule = rule()
const holidayRule = rule({ id: '64a000000000000000000002', label: '节假日预约', dayTypes: ['holiday'], start: '09:00', end: '11:00', slotMinutes: 60 })
const eveningRule = rule({ id: '64a000000000000000000003', label: '延时服务', dayTypes: ['workday'], start: '17:30', end: '19:00' })
const rules = [weekendRule, holidayRule, eveningRule]

/** Slots of one date, seen from far enough before it that notice and horizon do not interfere. */
function slotsOn(date: string, opts: { cancelled?: string[]; dayType?: typeof official } = {}) {
  return deriveSlots({
    rules,
    from: date,
    to: date,
    dayType: opts.dayType ?? official,
    cancelled: new Set(opts.cancelled ?? []),
    now: new Date(instantOf(date).getTime() - 3 * DAY_MS),
  })
}
const labels = (date: string, opts?: Parameters<typeof slotsOn>[1]) => [...new Set(slotsOn(date, opts).map((s) => s.label))].sort()

describe('slot derivation (pure)', () => {
  it('when a rule runs 09:00–12:00 in 30-minute slots, then it yields six slots with deterministic, URL-safe ids', () => {
    expect(slotStarts(weekendRule)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'])
    const slots = slotsOn('2026-11-28') // a plain Saturday
    expect(slots.map((s) => `${s.start}-${s.end}`)).toEqual(['09:00-09:30', '09:30-10:00', '10:00-10:30', '10:30-11:00', '11:00-11:30', '11:30-12:00'])
    expect(slots[0]).toMatchObject({
      id: '64a000000000000000000001.20261128.0900',
      hallId: HALL,
      date: '2026-11-28',
      dayType: 'weekend',
      label: '双休日值班',
      capacity: 4,
      startAt: new Date('2026-11-28T01:00:00.000Z'),
      endAt: new Date('2026-11-28T01:30:00.000Z'),
    })
    expect(encodeURIComponent(slots[0].id)).toBe(slots[0].id)
  })

  it('round-trips slot ids and rejects malformed ones', () => {
    const id = slotIdOf('64a000000000000000000001', '2026-10-01', '09:30')
    expect(id).toBe('64a000000000000000000001.20261001.0930')
    expect(parseSlotId(id)).toEqual({ ruleId: '64a000000000000000000001', date: '2026-10-01', start: '09:30' })
    expect(parseSlotId('64a000000000000000000001.2026101.0930')).toBeUndefined()
    expect(parseSlotId('not-a-slot')).toBeUndefined()
  })

  it('when a Saturday is a 调休 working day (2026-02-28, 2026-10-10), then it gets no weekend session but does get workday ones', () => {
    for (const date of ['2026-02-28', '2026-10-10']) {
      expect(official(date)).toBe('makeup_workday')
      expect(labels(date)).toEqual(['延时服务'])
      expect(slotsOn(date).every((s) => s.dayType === 'makeup_workday')).toBe(true)
    }
  })

  it('when it is Golden Week (2026-10-01..07), then every day gets holiday sessions and none gets weekend or workday sessions', () => {
    for (const date of ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']) {
      expect(labels(date)).toEqual(['节假日预约'])
    }
    // 2026-10-03 and 10-04 are a Saturday and a Sunday inside the holiday
    expect(slotsOn('2026-10-03').map((s) => s.start)).toEqual(['09:00', '10:00'])
  })

  it('when it is a plain weekday, then only workday rules run; on a plain weekend only weekend rules', () => {
    expect(labels('2026-11-26')).toEqual(['延时服务'])
    expect(labels('2026-11-29')).toEqual(['双休日值班'])
  })

  it('when the session of a point is cancelled on a date, then that date yields no slots of that point', () => {
    expect(slotsOn('2026-11-28', { cancelled: [cancellationKey(HALL, '2026-11-28')] })).toEqual([])
    expect(slotsOn('2026-11-28', { cancelled: [cancellationKey('64b000000000000000000002', '2026-11-28')] })).toHaveLength(6)
  })

  it('when an administrator override makes a date a holiday, then the override decides the day type', () => {
    const cal = makeCalendar([{ _id: '2026-11-28', type: 'holiday', name: '临时调整' }])
    expect(labels('2026-11-28', { dayType: cal.dayType })).toEqual(['节假日预约'])
  })

  it('respects the 2 h minimum notice and the 14-day horizon', () => {
    const now = instantOf('2026-11-28', '08:00') // Saturday 08:00
    const slots = deriveSlots({ rules, from: '2026-11-28', to: '2026-12-20', dayType: official, cancelled: new Set(), now })
    expect(slots[0].id).toBe(slotIdOf(weekendRule.id, '2026-11-28', '10:00')) // 09:00 and 09:30 are under 2 h away
    // Saturday 12-12 09:00 is 14 days + 1 h away: the last slot is Friday's evening one
    expect(slots.at(-1)).toMatchObject({ date: '2026-12-11', start: '18:30', label: '延时服务' })
    expect(slots.every((s) => s.startAt.getTime() - now.getTime() <= 14 * DAY_MS)).toBe(true)
    expect(horizonDates(now)).toEqual({ first: '2026-11-28', last: '2026-12-12' })
    expect(bookingWindow(instantOf('2026-11-28', '09:59'), now)).toBe('too_late')
    expect(bookingWindow(instantOf('2026-11-28', '10:00'), now)).toBe('ok')
    expect(bookingWindow(instantOf('2026-12-12', '08:00'), now)).toBe('ok')
    expect(bookingWindow(instantOf('2026-12-12', '08:30'), now)).toBe('too_far')
  })

  it('skips archived rules and dates outside the effective range', () => {
    const seasonal = rule({ id: '64a000000000000000000009', effectiveFrom: '2026-12-01', effectiveTo: '2026-12-31' })
    const archived = rule({ id: '64a00000000000000000000a', status: 'archived' })
    const derive = (date: string) =>
      deriveSlots({
        rules: [seasonal, archived],
        from: date,
        to: date,
        dayType: official,
        cancelled: new Set(),
        now: new Date(instantOf(date).getTime() - DAY_MS),
      })
    expect(derive('2026-11-28')).toEqual([])
    expect(derive('2026-12-05')).toHaveLength(6)
    expect(derive('2027-01-02')).toEqual([])
  })

  it('resolves a slot id whatever the time, and says why it is not a slot', () => {
    expect(resolveSlot(weekendRule, '2026-11-28', '09:30', 'weekend', false)).toMatchObject({ ok: true, slot: { end: '10:00' } })
    expect(resolveSlot(weekendRule, '2026-11-28', '09:15', 'weekend', false)).toEqual({ ok: false, reason: 'not_a_slot' })
    expect(resolveSlot(weekendRule, '2026-11-28', '11:30', 'weekend', true)).toEqual({ ok: false, reason: 'cancelled' })
    expect(resolveSlot(weekendRule, '2026-10-10', '09:00', 'makeup_workday', false)).toEqual({ ok: false, reason: 'not_on_this_day' })
    expect(resolveSlot({ ...weekendRule, status: 'archived' }, '2026-11-28', '09:00', 'weekend', false)).toEqual({
      ok: false,
      reason: 'rule_inactive',
    })
  })
})

describe('rule validation (pure)', () => {
  const regular = [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ]
  const draft = { dayTypes: ['workday'] as const, start: '12:00', end: '13:30', slotMinutes: 30 }

  it('when a workday rule fills the lunch break, then it is valid', () => {
    expect(validateRule(draft, regular)).toEqual([])
  })

  it('when a workday rule overlaps regular hours, then the issue names start; a weekend rule may use any time', () => {
    expect(validateRule({ ...draft, start: '11:30' }, regular)).toEqual([expect.objectContaining({ path: 'start' })])
    expect(validateRule({ ...draft, dayTypes: ['weekend'], start: '09:00', end: '12:00' }, regular)).toEqual([])
  })

  it('when the range is not a whole number of slots, runs backwards, or capacity is below 1, then each names its field', () => {
    expect(validateRule({ ...draft, end: '13:20' }, regular).map((i) => i.path)).toEqual(['slotMinutes'])
    expect(validateRule({ ...draft, start: '13:30', end: '12:00' }, regular).map((i) => i.path)).toEqual(['end'])
    expect(validateRule({ ...draft, capacity: 0 }, regular).map((i) => i.path)).toEqual(['capacity'])
    expect(validateRule({ ...draft, effectiveFrom: '2026-12-01', effectiveTo: '2026-11-01' }, regular).map((i) => i.path)).toEqual([
      'effectiveTo',
    ])
  })

  it('defaults capacity to staffed windows × 2, at least 1', () => {
    expect(defaultCapacity([{ staffed: true }, { staffed: true }, { staffed: false }])).toBe(4)
    expect(defaultCapacity([])).toBe(1)
  })
})

describe('a point\'s sessions of a day, and its open state with them (halls)', () => {
  const REGULAR = [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ]
  const centre: OpeningHours = { type: 'center', regularHours: REGULAR }
  const rules = [
    { label: '双休日值班', dayTypes: ['weekend'] as const, start: '09:00', end: '12:00', status: 'active' },
    { label: '午间不断档', dayTypes: ['workday'] as const, start: '12:00', end: '13:30', status: 'active' },
    { label: '延时服务', dayTypes: ['workday'] as const, start: '17:30', end: '19:00', status: 'active', effectiveTo: '2026-11-30' },
    { label: '节假日预约', dayTypes: ['holiday'] as const, start: '09:00', end: '11:00', status: 'archived' },
  ]

  it('when it is Sunday 09:24 and the centre holds a 双休日值班 session, then it is open by the off-hours session', () => {
    const today = sessionsOn(rules, '2026-12-06', 'weekend')
    expect(today).toEqual([{ label: '双休日值班', start: '09:00', end: '12:00' }])
    expect(openStateAt(centre, 'weekend', '09:24', today)).toEqual({
      open: true,
      by: 'offHours',
      session: { label: '双休日值班', start: '09:00', end: '12:00' },
    })
    expect(openStateAt(centre, 'weekend', '12:00', today)).toEqual({ open: false })
  })

  it('when the Sunday session was cancelled, then the centre is closed on Sunday morning', () => {
    expect(openStateAt(centre, 'weekend', '09:24', sessionsOn(rules, '2026-12-06', 'weekend', true))).toEqual({ open: false })
  })

  it('when a workday lunchtime is covered by 午间不断档, then the centre stays open between the regular ranges', () => {
    const today = sessionsOn(rules, '2026-12-01', 'workday')
    expect(today.map((s) => s.label)).toEqual(['午间不断档'])
    expect(openStateAt(centre, 'workday', '12:45', today).by).toBe('offHours')
    expect(openStateAt(centre, 'workday', '10:00', today).by).toBe('regular')
    expect(openStateAt(centre, 'workday', '18:00', today).open).toBe(false)
  })

  it('when a rule is archived or no longer effective, then it does not open the point', () => {
    expect(sessionsOn(rules, '2026-10-01', 'holiday')).toEqual([])
    expect(sessionsOn(rules, '2026-11-30', 'workday').map((s) => s.label)).toEqual(['午间不断档', '延时服务'])
    expect(openStateAt(centre, 'holiday', '10:00', sessionsOn(rules, '2026-10-01', 'holiday'))).toEqual({ open: false })
  })

  it('when a 调休 Saturday is a working day, then weekend sessions do not run and workday ones do', () => {
    expect(sessionsOn(rules, '2026-09-27', 'makeup_workday').map((s) => s.label)).toEqual(['午间不断档', '延时服务'])
  })

  it('when the point is a self-service area, then it is open at any time', () => {
    expect(openStateAt({ type: 'selfservice' }, 'holiday', '03:00', [])).toEqual({ open: true, by: 'always' })
  })
})
