import { instantOf } from '@xz/shared'
import { canChange, dueReminder, freeSeatNumbers, noShowDue, noShowStanding, noShowWarning } from './bookings.rules'

const DAY_MS = 24 * 3600_000
const HOUR_MS = 3600_000

describe('booking rules (pure)', () => {
  const now = instantOf('2026-11-27', '12:00')
  const daysAgo = (n: number) => new Date(now.getTime() - n * DAY_MS)

  it('when there is one no-show in 90 days, then booking is allowed with a warning', () => {
    const s = noShowStanding([daysAgo(10)], now)
    expect(s).toEqual({ recent: 1, suspendedUntil: undefined })
    expect(noShowWarning(s)).toContain('1 次爽约')
  })

  it('when two no-shows fall within 90 days, then booking is suspended for 30 days after the second', () => {
    const s = noShowStanding([daysAgo(80), daysAgo(5)], now)
    expect(s.suspendedUntil).toEqual(new Date(daysAgo(5).getTime() + 30 * DAY_MS))
    expect(noShowWarning(s)).toBeUndefined()
  })

  it('when the suspension is over, or the two no-shows were more than 90 days apart, then booking is allowed', () => {
    expect(noShowStanding([daysAgo(60), daysAgo(40)], now).suspendedUntil).toBeUndefined()
    expect(noShowStanding([daysAgo(120), daysAgo(20)], now).suspendedUntil).toBeUndefined()
  })

  it('allows changes of a booked booking until 1 h before start', () => {
    const start = new Date(now.getTime() + HOUR_MS)
    expect(canChange('booked', start, now)).toBe(true)
    expect(canChange('booked', new Date(start.getTime() - 1), now)).toBe(false)
    expect(canChange('checked_in', new Date(now.getTime() + 5 * HOUR_MS), now)).toBe(false)
  })

  it('marks a no-show only from slot end + 15 minutes', () => {
    const end = new Date(now.getTime() - 15 * 60_000)
    expect(noShowDue(end, now)).toBe(true)
    expect(noShowDue(new Date(end.getTime() + 1), now)).toBe(false)
  })

  it('picks the due reminder: 24 h before (unless booked within those 24 h), then 1 h before', () => {
    const startAt = new Date(now.getTime() + 20 * HOUR_MS)
    const base = { startAt, bookedAt: daysAgo(3), reminded24h: false, reminded1h: false }
    expect(dueReminder(base, now)).toBe('remind24h')
    expect(dueReminder({ ...base, bookedAt: daysAgo(0) }, now)).toBe('skip24h')
    expect(dueReminder({ ...base, reminded24h: true }, now)).toBeUndefined()
    expect(dueReminder(base, new Date(startAt.getTime() - 30 * 60_000))).toBe('remind1h')
    expect(dueReminder({ ...base, reminded1h: true }, new Date(startAt.getTime() - 30 * 60_000))).toBeUndefined()
    expect(dueReminder(base, new Date(startAt.getTime() + 1))).toBeUndefined()
    expect(dueReminder(base, new Date(startAt.getTime() - 25 * HOUR_MS))).toBeUndefined()
  })

  it('lists the seat numbers not yet taken', () => {
    expect(freeSeatNumbers(5, [2, 4])).toEqual([1, 3, 5])
    expect(freeSeatNumbers(2, [1, 2, 3])).toEqual([])
  })
})
