import { instantOf } from '@xz/shared'
import {
  checkinWindow,
  compareQueue,
  countStatuses,
  groupBySession,
  isCheckinOpen,
  isNoShowAllowed,
  nthFree,
  queueSeq,
  rankAmongWaiting,
  smallestFree,
} from './staff.rules'

const day = '2026-11-28'
const start = instantOf(day, '10:00')
const end = instantOf(day, '10:30')
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta)

describe('check-in window', () => {
  it('when the clock is exactly 30 minutes before the start or exactly at the end, then check-in is open', () => {
    expect(isCheckinOpen(instantOf(day, '09:30'), start, end)).toBe(true)
    expect(isCheckinOpen(end, start, end)).toBe(true)
    expect(checkinWindow(start, end)).toEqual({ opensAt: instantOf(day, '09:30'), closesAt: end })
  })

  it('when the clock is a millisecond outside, then check-in is closed', () => {
    expect(isCheckinOpen(ms(instantOf(day, '09:30'), -1), start, end)).toBe(false)
    expect(isCheckinOpen(ms(end, 1), start, end)).toBe(false)
  })

  it('when the slot has ended, then (and only then) a no-show may be marked', () => {
    expect(isNoShowAllowed(end, end)).toBe(false)
    expect(isNoShowAllowed(ms(end, 1), end)).toBe(true)
  })
})

describe('queue numbers and order', () => {
  it('when numbers are taken, then the smallest free one is next (gaps first)', () => {
    expect(smallestFree(new Set())).toBe(1)
    expect(smallestFree(new Set([1, 2, 3]))).toBe(4)
    expect(smallestFree(new Set([1, 3]))).toBe(2)
    expect(smallestFree(new Set([1, 3]), 3)).toBe(4)
    expect(nthFree(new Set([1, 3]), 0)).toBe(2)
    expect(nthFree(new Set([1, 3]), 1)).toBe(4)
    expect(nthFree(new Set(), 4)).toBe(5)
    expect(queueSeq('Y017')).toBe(17)
    expect(queueSeq('W1002')).toBe(1002)
  })

  it('when check-ins run in parallel, then each aims at the free number of its place among those still waiting', () => {
    const t = (s: number) => ms(start, s * 1000)
    const arrivals = [
      { _id: 'checkin:c', ref: 'c', at: t(2) },
      { _id: 'checkin:a', ref: 'a', at: t(1) },
      { _id: 'checkin:b', ref: 'b', at: t(1) },
      { _id: 'checkin:z', ref: 'z', at: t(-120) }, // interrupted long ago: no longer waited for
    ]
    const staleBefore = t(-60)
    expect(['a', 'b', 'c'].map((ref) => rankAmongWaiting(arrivals, new Set(), ref, staleBefore))).toEqual([0, 1, 2])
    // a has its number now: b and c move up
    expect(['b', 'c'].map((ref) => rankAmongWaiting(arrivals, new Set(['a']), ref, staleBefore))).toEqual([0, 1])
    // not (or no longer) among the waiting: the smallest free number
    expect(rankAmongWaiting(arrivals, new Set(), 'z', staleBefore)).toBe(0)
  })

  it('when people wait, then earlier slots come first and, within a slot, lower numbers', () => {
    const people = [
      { orderAt: instantOf(day, '10:30'), queueNumber: 'Y001' },
      { orderAt: instantOf(day, '10:00'), queueNumber: 'Y010' },
      { orderAt: instantOf(day, '10:00'), queueNumber: 'Y002' },
      { orderAt: instantOf(day, '10:05'), queueNumber: 'W001' },
    ]
    expect(people.sort(compareQueue).map((p) => p.queueNumber)).toEqual(['Y002', 'Y010', 'W001', 'Y001'])
  })
})

describe('day view helpers', () => {
  it('when bookings are grouped, then sessions come in time order with their items', () => {
    const groups = groupBySession([
      { start: '10:30', end: '11:00', label: '双休日值班', id: 'c' },
      { start: '10:00', end: '10:30', label: '双休日值班', id: 'a' },
      { start: '10:00', end: '10:30', label: '双休日值班', id: 'b' },
    ])
    expect(groups.map((g) => [g.start, g.items.map((i) => i.id)])).toEqual([
      ['10:00', ['a', 'b']],
      ['10:30', ['c']],
    ])
  })

  it('when statuses are counted, then every state has a count and the total adds up', () => {
    expect(countStatuses(['booked', 'booked', 'served', 'no_show'])).toEqual({
      total: 4,
      booked: 2,
      checked_in: 0,
      served: 1,
      cancelled: 0,
      no_show: 1,
    })
  })
})
