import chineseDays from 'chinese-days/dist/chinese-days.json'
import { addWorkingDays } from '@xz/shared'
import { makeCalendar, officialDay, publishedSchedules, yearStatus } from './calendar.rules'
import { statutoryHolidays } from './holiday-rules'

const official = chineseDays as { holidays: Record<string, string> }

describe('statutory holidays by rule (SPEC §2.12)', () => {
  it.each([2025, 2026])('when %i is computed, then every statutory day is an official holiday of the same name (调休 aside)', (year) => {
    const days = statutoryHolidays(year)
    expect(days).toHaveLength(13)
    for (const d of days) {
      expect([d.date, official.holidays[d.date]?.split(',')[1]]).toEqual([d.date, d.name])
    }
    // and every official holiday name of the year is covered by the rule
    const officialNames = new Set(
      Object.entries(official.holidays)
        .filter(([date]) => date.startsWith(`${year}-`))
        .map(([, v]) => v.split(',')[1]),
    )
    expect(new Set(days.map((d) => d.name))).toEqual(officialNames)
  })

  it('when 2027 is computed, then 元旦, 春节 (除夕 + 初一–初三), 清明, 劳动节, 端午, 中秋 and 国庆 fall on the expected dates', () => {
    expect(statutoryHolidays(2027)).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-05', name: '春节' },
      { date: '2027-02-06', name: '春节' },
      { date: '2027-02-07', name: '春节' },
      { date: '2027-02-08', name: '春节' },
      { date: '2027-04-05', name: '清明' },
      { date: '2027-05-01', name: '劳动节' },
      { date: '2027-05-02', name: '劳动节' },
      { date: '2027-06-09', name: '端午' },
      { date: '2027-09-15', name: '中秋' },
      { date: '2027-10-01', name: '国庆节' },
      { date: '2027-10-02', name: '国庆节' },
      { date: '2027-10-03', name: '国庆节' },
    ])
  })

  it('when 中秋 falls inside 国庆 (2028-10-03), then it is one holiday day carrying both names', () => {
    const days = statutoryHolidays(2028)
    expect(days).toHaveLength(12)
    expect(days.find((d) => d.date === '2028-10-03')).toEqual({ date: '2028-10-03', name: '中秋、国庆节' })
  })

  it.each([1900, 1999, 2050, 2100])('when %i is computed, then 13 or 12 days come back, all in that year', (year) => {
    const days = statutoryHolidays(year)
    expect(days.length).toBeGreaterThanOrEqual(12)
    expect(days.every((d) => d.date.startsWith(`${year}-`))).toBe(true)
  })

  it.each([1899, 2101, 2026.5])('when the year is %s, then it is refused', (year) => {
    expect(() => statutoryHolidays(year)).toThrow(RangeError)
  })
})

describe('provisional days in the calendar', () => {
  it('when 2027 has no published schedule, then its statutory days are holidays marked official:false, provisional:true, and no 调休 is guessed', () => {
    expect(officialDay('2027-02-05')).toEqual({ date: '2027-02-05', type: 'holiday', name: '春节', official: false, provisional: true })
    expect(officialDay('2027-02-09')).toEqual({ date: '2027-02-09', type: 'workday', official: false }) // a Tuesday
    expect(officialDay('2027-02-06')).toMatchObject({ type: 'holiday', provisional: true }) // a Saturday stays a holiday
    expect(yearStatus(2027)).toMatchObject({ year: 2027, status: 'provisional', origin: 'rule', workdays: [] })
    expect(yearStatus(2026)).toMatchObject({ year: 2026, status: 'official', origin: 'package' })
  })

  it('when a working-day deadline crosses 2027 春节, then the provisional holidays are skipped', () => {
    const { dayType } = makeCalendar([])
    // Thu 02-04 + 1 → Fri 02-05 is 除夕 (holiday), 02-06/07 weekend+holiday, 02-08 初三 (Mon) holiday → Tue 02-09
    expect(addWorkingDays('2027-02-04', 1, dayType)).toBe('2027-02-09')
    expect(addWorkingDays('2027-02-03', 5, dayType)).toBe('2027-02-12')
  })

  it('when 2027 is published, then its schedule replaces the provisional days (and 调休 days count as working days)', () => {
    const published = publishedSchedules([
      {
        _id: '2027',
        holidays: [
          { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
          { name: '春节', from: '2027-02-05', to: '2027-02-11' },
        ],
        workdays: [{ date: '2027-02-13', name: '春节' }],
      },
    ])
    const cal = makeCalendar([], published)
    expect(cal.day('2027-02-10')).toEqual({ date: '2027-02-10', type: 'holiday', name: '春节', official: true })
    expect(cal.day('2027-02-13')).toEqual({ date: '2027-02-13', type: 'makeup_workday', name: '春节调休上班', official: true })
    // 清明 was not entered in this (partial) schedule: the year is official now, so no provisional day remains
    expect(cal.day('2027-04-05')).toEqual({ date: '2027-04-05', type: 'workday', official: true })
    expect(addWorkingDays('2027-02-04', 1, cal.dayType)).toBe('2027-02-12')
    expect(addWorkingDays('2027-02-12', 1, cal.dayType)).toBe('2027-02-13')
    expect(yearStatus(2027, published)).toMatchObject({ status: 'official', origin: 'admin' })
  })
})
