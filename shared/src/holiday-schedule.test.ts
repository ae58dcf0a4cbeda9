import { checkHolidaySchedule, expandHolidaySchedule, issuesOnLines, normalizeDate, parseHolidayScheduleText } from './holiday-schedule'

describe('parseHolidayScheduleText', () => {
  it('when a notice is pasted with a header, comments, Chinese commas and tabs, then ranges and 调休 days come out', () => {
    const text = ['类型,名称,开始日期,结束日期', '# 2027 年安排', '假期,元旦,2027-01-01', '假期，春节，2027-2-5，2027/02/11', '上班\t春节\t2027-02-13', ''].join('\n')
    const res = parseHolidayScheduleText(text)
    expect(res).toEqual({
      ok: true,
      schedule: {
        holidays: [
          { name: '元旦', from: '2027-01-01', to: '2027-01-01' },
          { name: '春节', from: '2027-02-05', to: '2027-02-11' },
        ],
        workdays: [{ date: '2027-02-13', name: '春节' }],
      },
      lines: { holidays: [3, 4], workdays: [5] },
    })
  })

  it.each([
    ['假期,春节,2027-02-30,2027-03-01', 'line1.from'],
    ['假期,春节,2027-02-05,明天', 'line1.to'],
    ['放假日,春节,2027-02-05', 'line1.type'],
    ['上班,春节,2027-13-01', 'line1.date'],
    ['假期,春,2027-02-05', 'line1.name'],
    ['假期,元旦,2027-01-01\n假期,春节,2027-02-05,2027-02-11,多余', 'line2.columns'],
    ['# nothing', 'text'],
  ])('when the text is %j, then the first issue is at %s', (text, path) => {
    const res = parseHolidayScheduleText(text)
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.issues[0]!.path).toBe(path)
  })

  it('when a date is typed with 年月日, then it is normalised; impossible dates are not', () => {
    expect(normalizeDate('2027年2月5日')).toBe('2027-02-05')
    expect(normalizeDate('2027-02-29')).toBeUndefined()
  })
})

describe('checkHolidaySchedule', () => {
  const ok = { holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-11' }], workdays: [{ date: '2027-02-13' }] }

  it('when the schedule is sound, then there is no issue; a 元旦 range may start in late December of the year before', () => {
    expect(checkHolidaySchedule(2027, ok)).toEqual([])
    expect(checkHolidaySchedule(2027, { holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-02' }], workdays: [] })).toEqual([])
  })

  it.each([
    [{ holidays: [{ name: '春节', from: '2028-02-05', to: '2028-02-11' }], workdays: [] }, 'holidays.0.from'],
    [{ holidays: [{ name: '春节', from: '2027-02-11', to: '2027-02-05' }], workdays: [] }, 'holidays.0.to'],
    [{ holidays: [{ name: '春节', from: '2027-02-01', to: '2027-02-20' }], workdays: [] }, 'holidays.0.to'],
    [{ ...ok, workdays: [{ date: '2027-02-12' }] }, 'workdays.0.date'], // a Friday
    [{ ...ok, workdays: [{ date: '2027-02-06' }] }, 'workdays.0.date'], // already a holiday
    [{ holidays: [...ok.holidays, { name: '除夕', from: '2027-02-05', to: '2027-02-05' }], workdays: [] }, 'holidays.1.from'],
  ])('when the schedule is %j, then the issue is at %s', (schedule, path) => {
    expect(checkHolidaySchedule(2027, schedule)[0]?.path).toBe(path)
  })

  it('when issues of a pasted schedule are mapped back, then they name the line', () => {
    const mapped = issuesOnLines([{ path: 'workdays.0.date', message: '2027-02-12 不是周末，不需要调休上班' }], { holidays: [1], workdays: [4] })
    expect(mapped).toEqual([{ path: 'line4.date', message: '第 4 行：2027-02-12 不是周末，不需要调休上班' }])
  })

  it('when expanded, then every holiday day and 调休 day is listed with its name', () => {
    const days = expandHolidaySchedule(ok)
    expect(days.holidays.map((d) => d.date)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'])
    expect(days.workdays).toEqual([{ date: '2027-02-13', name: '调休上班' }])
  })
})
