import { isExpired, isReviewDue, monthBounds, oneMonthAfter } from './knowledge.rules'

describe('monthly review arithmetic', () => {
  it('when an entry was reviewed, then it is due the same day a month later, clamped to the month end', () => {
    expect(oneMonthAfter('2026-01-31')).toBe('2026-02-28')
    expect(oneMonthAfter('2026-12-15')).toBe('2027-01-15')
    expect(oneMonthAfter('2028-01-30')).toBe('2028-02-29')
    expect(monthBounds('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28' })
  })

  it('when a month has passed (local time), then the review is due; a day before, it is not', () => {
    const reviewed = new Date('2026-10-15T10:00:00+08:00')
    expect(isReviewDue(reviewed, new Date('2026-11-14T23:59:00+08:00'))).toBe(false)
    expect(isReviewDue(reviewed, new Date('2026-11-15T00:00:00+08:00'))).toBe(true)
  })

  it('when validTo is before today, then the entry is expired', () => {
    expect(isExpired('2026-11-30', new Date('2026-12-01T09:00:00+08:00'))).toBe(true)
    expect(isExpired('2026-12-01', new Date('2026-12-01T09:00:00+08:00'))).toBe(false)
    expect(isExpired(undefined, new Date())).toBe(false)
  })
})
