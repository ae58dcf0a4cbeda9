import { makeCalendar } from '../../server/src/modules/calendar/calendar.rules'
import { checklistIssues } from './project-checklist'
import { computeSchedule, itemEnd, stageSummaries, workingDaySpan, type ScheduleItemInput } from './project-schedule'

/**
 * On the official 2026 schedule: 09-19 Sat weekend, 09-20 Sun 调休 (worked), 09-25..27 中秋, 10-01..07 国庆,
 * 10-10 Sat 调休 (worked), 10-11 Sun weekend.
 */
const { dayType } = makeCalendar([])

const item = (key: string, promisedDays: number, dependsOn: string[] = [], over: Partial<ScheduleItemInput> = {}): ScheduleItemInput => ({
  key,
  promisedDays,
  legalDays: promisedDays * 2,
  dependsOn,
  status: 'not_started',
  stage: 'land_planning',
  ...over,
})

/** A (5) and B (3) in parallel from Mon 09-14; C (5) after A; D (6) after B and C: across 中秋, 国庆 and both 调休 days. */
const chain = (over: Record<string, Partial<ScheduleItemInput>> = {}) => [
  item('a', 5, [], over.a),
  item('b', 3, [], over.b),
  item('c', 5, ['a'], over.c),
  item('d', 6, ['b', 'c'], { stage: 'engineering', ...over.d }),
]

describe('item spans on the holiday calendar', () => {
  it('when an item of n working days starts, then it ends on its n-th working day (即办 the same day)', () => {
    expect(itemEnd('2026-09-14', 5, dayType)).toBe('2026-09-18')
    expect(itemEnd('2026-09-14', 0, dayType)).toBe('2026-09-14')
    expect(itemEnd('2026-09-14', 1, dayType)).toBe('2026-09-14')
    // 09-18 Fri (1), 09-19 Sat off, 09-20 Sun 调休 (2)
    expect(itemEnd('2026-09-18', 2, dayType)).toBe('2026-09-20')
    // starting on a holiday moves to the next working day: 10-08 (1), 10-09 (2), 10-10 Sat 调休 (3)
    expect(itemEnd('2026-10-03', 3, dayType)).toBe('2026-10-10')
  })

  it('when a span is counted, then both ends count and days off do not', () => {
    expect(workingDaySpan('2026-09-28', '2026-10-12', dayType)).toBe(7) // 28, 29, 30, 10-08, 09, 10 (调休), 12
    expect(workingDaySpan('2026-10-12', '2026-09-28', dayType)).toBe(0)
  })
})

describe('computeSchedule: the plan before anything started', () => {
  const s = computeSchedule({ startDate: '2026-09-14', today: '2026-09-01', items: chain(), dayType })
  const at = (k: string) => s.byKey.get(k)!

  it('when items have no 前置事项, then they run in parallel from the start date', () => {
    expect([at('a').plannedStart, at('a').plannedEnd]).toEqual(['2026-09-14', '2026-09-18'])
    expect([at('b').plannedStart, at('b').plannedEnd]).toEqual(['2026-09-14', '2026-09-16'])
  })

  it('when an item depends on another, then it starts the next working day (a 调休 Sunday counts)', () => {
    expect([at('c').plannedStart, at('c').plannedEnd]).toEqual(['2026-09-20', '2026-09-24'])
  })

  it('when an item depends on several, then it starts after the last of them, across 中秋 and Golden Week', () => {
    // after 09-24: 09-25..27 中秋 → starts Mon 09-28; 28, 29, 30, (10-01..07), 10-08, 09, 10 Sat 调休 = 6
    expect([at('d').plannedStart, at('d').plannedEnd]).toEqual(['2026-09-28', '2026-10-10'])
  })

  it('when the plan is complete, then the promised completion, its working days and the critical path follow', () => {
    expect(s.promisedCompletion).toBe('2026-10-10')
    expect(s.expectedCompletion).toBe('2026-10-10')
    expect(s.promisedWorkingDays).toBe(16) // 5 + 5 + 6 along a → c → d
    expect(s.criticalPath).toEqual(['a', 'c', 'd'])
    expect(s.items.filter((x) => x.critical).map((x) => x.key)).toEqual(['a', 'c', 'd'])
    expect(s.atRisk).toBe(false)
  })

  it('when the legal limits are used, then the legal completion is later', () => {
    expect(s.legalWorkingDays).toBe(32)
    expect(s.legalCompletion > s.promisedCompletion).toBe(true)
  })

  it('when the start date is a holiday, then the items start on the next working day', () => {
    const h = computeSchedule({ startDate: '2026-10-01', today: '2026-09-01', items: [item('a', 2)], dayType })
    expect([h.byKey.get('a')!.plannedStart, h.byKey.get('a')!.plannedEnd]).toEqual(['2026-10-08', '2026-10-09'])
  })

  it('when the 前置事项 are done, then the item is ready', () => {
    const r = computeSchedule({
      startDate: '2026-09-14',
      today: '2026-09-16',
      items: chain({ b: { status: 'done', startedOn: '2026-09-14', doneOn: '2026-09-15' } }),
      dayType,
    })
    expect(r.items.filter((x) => x.ready).map((x) => x.key)).toEqual(['a'])
  })
})

describe('computeSchedule: progress, lateness and risk', () => {
  it('when an item is not done after its promised end, then it is late and the project at risk', () => {
    const s = computeSchedule({
      startDate: '2026-09-14',
      today: '2026-10-12',
      items: chain({
        a: { status: 'done', startedOn: '2026-09-14', doneOn: '2026-09-18' },
        b: { status: 'done', startedOn: '2026-09-14', doneOn: '2026-09-16' },
        c: { status: 'done', startedOn: '2026-09-20', doneOn: '2026-09-24' },
        d: { status: 'in_progress', startedOn: '2026-09-28' },
      }),
      dayType,
    })
    const d = s.byKey.get('d')!
    expect(d.plannedEnd).toBe('2026-10-10')
    expect(d.late).toBe(true)
    expect(d.lateWorkingDays).toBe(1) // 10-11 Sun off, 10-12 Mon
    expect(s.atRisk).toBe(true)
    expect(s.lateCount).toBe(1)
    expect(s.expectedCompletion).toBe('2026-10-12')
    expect(s.promisedCompletion).toBe('2026-10-10')
  })

  it('when today is the promised end day itself, then the item is not late yet', () => {
    const s = computeSchedule({ startDate: '2026-09-14', today: '2026-10-10', items: chain({ d: { status: 'in_progress', startedOn: '2026-09-28' } }), dayType })
    expect(s.byKey.get('d')!.late).toBe(false)
  })

  it('when an item is done after its promised end, then it is marked done late but no longer late', () => {
    const s = computeSchedule({ startDate: '2026-09-14', today: '2026-10-20', items: [item('a', 5, [], { status: 'done', startedOn: '2026-09-14', doneOn: '2026-09-21' })], dayType })
    expect(s.byKey.get('a')!).toMatchObject({ late: false, doneLate: true })
    expect(s.atRisk).toBe(false)
  })

  it('when a 前置事项 is late, then its successors plan from today and only the late item is flagged', () => {
    const s = computeSchedule({ startDate: '2026-09-14', today: '2026-09-22', items: chain({ a: { status: 'in_progress', startedOn: '2026-09-14' } }), dayType })
    expect(s.byKey.get('a')!.late).toBe(true)
    expect(s.byKey.get('c')!.plannedStart).toBe('2026-09-23')
    expect(s.byKey.get('c')!.late).toBe(false)
    expect(s.expectedCompletion > s.promisedCompletion).toBe(true)
    expect(s.criticalPath).toEqual(['a', 'c', 'd'])
  })

  it('when an item actually starts late, then it plans from its actual start', () => {
    const s = computeSchedule({ startDate: '2026-09-14', today: '2026-09-29', items: chain({ b: { status: 'in_progress', startedOn: '2026-09-28' } }), dayType })
    expect([s.byKey.get('b')!.plannedStart, s.byKey.get('b')!.plannedEnd]).toEqual(['2026-09-28', '2026-09-30'])
  })

  it('when an item that could have started never did, then it becomes late', () => {
    const s = computeSchedule({ startDate: '2026-09-14', today: '2026-09-21', items: [item('a', 5)], dayType })
    expect(s.byKey.get('a')!.late).toBe(true)
  })

  it('when a different branch ends last, then the critical path follows it', () => {
    const s = computeSchedule({ startDate: '2026-09-14', today: '2026-09-01', items: chain({ b: { promisedDays: 20 } }), dayType })
    expect(s.criticalPath).toEqual(['b', 'd'])
  })
})

describe('computeSchedule: 中止/暂停 stops the clock', () => {
  it('when an item is paused, then the working days of the pause up to today move its end', () => {
    // started 09-28 (6 days: end 10-10); paused since 09-29; today 10-09: 09-30, 10-08, 10-09 paused = 3
    const s = computeSchedule({ startDate: '2026-09-28', today: '2026-10-09', items: [item('d', 6, [], { status: 'paused', startedOn: '2026-09-28', pausedSince: '2026-09-29' })], dayType })
    const d = s.byKey.get('d')!
    expect(d.pausedWorkingDays).toBe(3)
    expect(d.plannedEnd).toBe('2026-10-14') // 10-10 + 3 working days: 10-12, 13, 14
    expect(d.late).toBe(false)
  })

  it('when a pause ended, then its working days stay added', () => {
    const s = computeSchedule({ startDate: '2026-09-28', today: '2026-10-14', items: [item('d', 6, [], { status: 'in_progress', startedOn: '2026-09-28', pausedWorkingDays: 3 })], dayType })
    expect(s.byKey.get('d')!.plannedEnd).toBe('2026-10-14')
    expect(s.byKey.get('d')!.late).toBe(false)
    const later = computeSchedule({ startDate: '2026-09-28', today: '2026-10-15', items: [item('d', 6, [], { status: 'in_progress', startedOn: '2026-09-28', pausedWorkingDays: 3 })], dayType })
    expect(later.byKey.get('d')!.late).toBe(true)
  })

  it('when a pause spans only days off, then it adds nothing', () => {
    const s = computeSchedule({ startDate: '2026-09-28', today: '2026-10-07', items: [item('d', 6, [], { status: 'paused', startedOn: '2026-09-28', pausedSince: '2026-09-30' })], dayType })
    expect(s.byKey.get('d')!.pausedWorkingDays).toBe(0)
  })
})

describe('computeSchedule: 拿地即开工', () => {
  const items = [
    item('land', 5),
    item('drawings', 10, ['land']),
    item('pit', 3, ['drawings'], { earlyStartDependsOn: ['land'], stage: 'construction' }),
    item('permit', 5, ['drawings', 'pit'], { stage: 'construction' }),
  ]

  it('when the option is off, then 基坑支护和土方开挖 waits for the drawings', () => {
    const s = computeSchedule({ startDate: '2026-09-14', today: '2026-09-01', items, dayType })
    expect(s.byKey.get('pit')!).toMatchObject({ plannedStart: '2026-10-10', earlyStart: false, dependsOn: ['drawings'] })
  })

  it('when the option is on, then it starts right after the land and the completion does not move later', () => {
    const off = computeSchedule({ startDate: '2026-09-14', today: '2026-09-01', items, dayType })
    const on = computeSchedule({ startDate: '2026-09-14', today: '2026-09-01', items, dayType, landStart: true })
    expect(on.byKey.get('pit')!).toMatchObject({ plannedStart: '2026-09-20', plannedEnd: '2026-09-22', earlyStart: true, dependsOn: ['land'] })
    expect(on.promisedCompletion < off.promisedCompletion).toBe(true)
    expect(on.criticalPath).toEqual(['land', 'drawings', 'permit'])
  })
})

describe('stage summaries', () => {
  it('when items of a stage are done, then the stage has its actual and promised spans', () => {
    const items = chain({
      a: { status: 'done', startedOn: '2026-09-14', doneOn: '2026-09-18' },
      b: { status: 'done', startedOn: '2026-09-14', doneOn: '2026-09-16' },
      c: { status: 'done', startedOn: '2026-09-20', doneOn: '2026-09-28' },
    })
    const s = computeSchedule({ startDate: '2026-09-14', today: '2026-09-29', items, dayType })
    const [land, engineering, construction] = stageSummaries(items, s, dayType)
    expect(land).toMatchObject({ status: 'done', itemCount: 3, doneCount: 3, promisedWorkingDays: 10, actualWorkingDays: 11 })
    expect(engineering).toMatchObject({ status: 'not_started', itemCount: 1, doneCount: 0 })
    expect(engineering.actualWorkingDays).toBeUndefined()
    expect(construction.status).toBe('empty')
  })
})

describe('checklist structure', () => {
  it('when a checklist has a cycle, an unknown or duplicate key, then each is reported', () => {
    expect(checklistIssues([{ key: 'a', dependsOn: ['b'] }, { key: 'b', dependsOn: ['a'] }])).toEqual([{ path: [0, 'dependsOn'], message: '前置事项形成循环：a → b → a' }])
    expect(checklistIssues([{ key: 'a', dependsOn: ['x'] }])[0].message).toContain('x')
    expect(checklistIssues([{ key: 'a', dependsOn: [] }, { key: 'a', dependsOn: [] }])[0].path).toEqual([1, 'key'])
    expect(checklistIssues([{ key: 'a', dependsOn: [] }, { key: 'b', dependsOn: ['a'] }])).toEqual([])
  })

  it('when a schedule is asked for a cyclic list, then it throws instead of looping', () => {
    expect(() => computeSchedule({ startDate: '2026-09-14', today: '2026-09-14', items: [item('a', 1, ['b']), item('b', 1, ['a'])], dayType })).toThrow('cycle')
  })
})
