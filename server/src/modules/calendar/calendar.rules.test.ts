import { addWorkingDays, isWorkingDayType, plainDayType, workingDaysBetween } from '@xz/shared'
import { makeCalendar, officialDay } from './calendar.rules'

/**
 * Golden cases from the State Council's official 2026 holiday schedule (as packaged by chinese-days):
 * 元旦 01-01..03 with 01-04 (Sun) worked; 春节 02-15..23 with 02-14 (Sat) and 02-28 (Sat) worked;
 * 中秋 09-25..27; 国庆 10-01..07 with 09-20 (Sun) and 10-10 (Sat) worked.
 */
const { dayType } = makeCalendar([])

describe('day types of the official 2026 schedule', () => {
  it.each([
    ['2026-01-01', 'holiday'],
    ['2026-01-03', 'holiday'],
    ['2026-01-04', 'makeup_workday'],
    ['2026-02-13', 'workday'],
    ['2026-02-14', 'makeup_workday'],
    ['2026-02-15', 'holiday'],
    ['2026-02-21', 'holiday'],
    ['2026-02-23', 'holiday'],
    ['2026-02-24', 'workday'],
    ['2026-02-28', 'makeup_workday'],
    ['2026-03-01', 'weekend'],
    ['2026-09-19', 'weekend'],
    ['2026-09-20', 'makeup_workday'],
    ['2026-09-27', 'holiday'],
    ['2026-09-30', 'workday'],
    ['2026-10-01', 'holiday'],
    ['2026-10-07', 'holiday'],
    ['2026-10-08', 'workday'],
    ['2026-10-10', 'makeup_workday'],
    ['2026-10-11', 'weekend'],
  ])('when the date is %s, then it is a %s', (date, type) => {
    expect(dayType(date)).toBe(type)
  })

  it('when a holiday is looked up, then it carries its Chinese name and is official', () => {
    expect(officialDay('2026-10-01')).toEqual({ date: '2026-10-01', type: 'holiday', name: '国庆节', official: true })
    expect(officialDay('2026-02-14')).toMatchObject({ type: 'makeup_workday', name: '春节调休上班', official: true })
  })

  it('when the date is past the published data, then statutory days are provisional holidays, others plain and not official', () => {
    expect(officialDay('2027-10-01')).toEqual({ date: '2027-10-01', type: 'holiday', name: '国庆节', official: false, provisional: true })
    expect(officialDay('2027-10-04')).toEqual({ date: '2027-10-04', type: 'workday', official: false }) // a Monday
    expect(officialDay('2027-10-09')).toMatchObject({ type: 'weekend', official: false })
    expect(plainDayType('2027-10-01')).toBe('workday')
  })

  it('when the day type is a 调休 workday, then it counts as a working day', () => {
    expect(isWorkingDayType('makeup_workday')).toBe(true)
    expect(isWorkingDayType('holiday')).toBe(false)
    expect(isWorkingDayType('weekend')).toBe(false)
  })
})

describe('addWorkingDays on the official 2026 schedule', () => {
  it.each([
    // 09-30 (1), 10-01..07 holidays, 10-08 (2), 10-09 (3), 10-10 Sat 调休 (4), 10-11 Sun, 10-12 Mon (5)
    ['2026-09-29', 5, '2026-10-12'],
    // the 调休 Saturday before Spring Festival is the next working day
    ['2026-02-13', 1, '2026-02-14'],
    // 02-15..23 are holidays
    ['2026-02-14', 1, '2026-02-24'],
    // 02-13 (1), 02-14 Sat 调休 (2), holidays, 02-24 (3)
    ['2026-02-12', 3, '2026-02-24'],
    // 02-27 Fri (1), 02-28 Sat 调休 (2)
    ['2026-02-26', 2, '2026-02-28'],
    // 01-01..03 元旦, 01-04 Sun 调休
    ['2025-12-31', 1, '2026-01-04'],
    // 09-19 Sat weekend, 09-20 Sun 调休
    ['2026-09-18', 1, '2026-09-20'],
    // 09-25..27 中秋 (Fri–Sun): 09-24 Thu → 09-28 Mon
    ['2026-09-24', 1, '2026-09-28'],
    // 即办 on a working day is the same day; on a holiday the next working day
    ['2026-09-30', 0, '2026-09-30'],
    ['2026-10-01', 0, '2026-10-08'],
    ['2026-10-11', 0, '2026-10-12'],
  ])('when %s plus %i working days, then %s', (date, n, expected) => {
    expect(addWorkingDays(date, n, dayType)).toBe(expected)
  })

  it('when an administrator closes a working day, then the deadline moves past it', () => {
    const closed = makeCalendar([{ _id: '2026-10-09', type: 'holiday', name: '临时闭馆' }])
    expect(addWorkingDays('2026-09-29', 5, closed.dayType)).toBe('2026-10-13')
  })

  it('when an administrator adds a duty day on a weekend, then it counts', () => {
    const duty = makeCalendar([{ _id: '2026-10-11', type: 'makeup_workday', name: '值班日' }])
    expect(addWorkingDays('2026-09-29', 5, duty.dayType)).toBe('2026-10-11')
  })

  it('when n is negative, then it throws', () => {
    expect(() => addWorkingDays('2026-09-29', -1, dayType)).toThrow(RangeError)
  })
})

describe('workingDaysBetween on the official 2026 schedule', () => {
  it.each([
    // 10-08, 10-09, 10-10 (调休), 10-12
    ['2026-09-30', '2026-10-12', 4],
    // 02-14 (调休), 02-24..27, 02-28 (调休)
    ['2026-02-13', '2026-02-28', 6],
    // the whole Golden Week: nothing
    ['2026-09-30', '2026-10-07', 0],
    ['2026-10-12', '2026-10-12', 0],
    ['2026-10-12', '2026-10-01', 0],
  ])('when counting after %s up to %s, then %i', (from, to, expected) => {
    expect(workingDaysBetween(from, to, dayType)).toBe(expected)
  })

  it('when a deadline is computed and counted back, then the two agree', () => {
    for (const start of ['2026-01-30', '2026-02-10', '2026-09-17', '2026-09-29']) {
      for (const n of [1, 3, 5, 10]) {
        expect(workingDaysBetween(start, addWorkingDays(start, n, dayType), dayType)).toBe(n)
      }
    }
  })
})
