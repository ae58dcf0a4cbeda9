import { addDays, dateRange, daysBetween, instantOf, isDateInRange, isValidDate, localDate, localTime, MAX_DATE, MIN_DATE, weekday } from './time'

describe('Asia/Shanghai calendar time', () => {
  it('maps instants to local dates across midnight UTC', () => {
    expect(localDate(new Date('2026-11-27T15:59:00Z'))).toBe('2026-11-27')
    expect(localDate(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28')
    expect(localTime(new Date('2026-11-27T16:30:00Z'))).toBe('00:30')
  })

  it('round-trips local date and time', () => {
    const t = instantOf('2026-10-01', '09:30')
    expect(t.toISOString()).toBe('2026-10-01T01:30:00.000Z')
    expect(localDate(t)).toBe('2026-10-01')
    expect(localTime(t)).toBe('09:30')
  })

  it('does date arithmetic', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(daysBetween('2026-09-30', '2026-10-08')).toBe(8)
    expect(weekday('2026-11-28')).toBe(6)
    expect(dateRange('2026-09-29', '2026-10-02')).toEqual(['2026-09-29', '2026-09-30', '2026-10-01', '2026-10-02'])
  })

  it('rejects impossible dates', () => {
    expect(isValidDate('2026-02-29')).toBe(false)
    expect(isValidDate('2028-02-29')).toBe(true)
    expect(isValidDate('2026-13-01')).toBe(false)
    expect(isValidDate('26-01-01')).toBe(false)
  })
})

describe('date ranges cannot run away (issue 13)', () => {
  it('when the range crosses year 9999, then it stops after the right number of days instead of looping', () => {
    expect(addDays('9999-12-31', 1)).toBe('10000-01-01')
    expect(dateRange('9999-12-31', '9999-12-31')).toEqual(['9999-12-31'])
    expect(dateRange('9999-12-30', '10000-01-01')).toEqual(['9999-12-30', '9999-12-31', '10000-01-01'])
  })

  it('when `to` is before `from`, then the range is empty', () => {
    expect(dateRange('2026-10-02', '2026-10-01')).toEqual([])
  })

  it('when the range is longer than the cap, then it throws instead of allocating', () => {
    expect(() => dateRange('2000-01-01', '2026-01-01', 366)).toThrow(RangeError)
    expect(() => dateRange('0001-01-01', '9999-12-31')).toThrow(RangeError)
  })

  it('accepts only dates inside 2000-01-01…2100-12-31', () => {
    expect(isDateInRange(MIN_DATE)).toBe(true)
    expect(isDateInRange(MAX_DATE)).toBe(true)
    expect(isDateInRange('1999-12-31')).toBe(false)
    expect(isDateInRange('2101-01-01')).toBe(false)
    expect(isDateInRange('9999-12-31')).toBe(false)
  })
})
