/**
 * The schedule of an investment project's checklist (SPEC §2.11), as a pure function of the items, the start date,
 * "today" and the holiday calendar (working days incl. 调休 via `addWorkingDays`).
 *
 * - An item of n working days that starts on working day S occupies S and the n − 1 working days after it (即办, 0
 *   days, ends the day it starts). Items without 前置事项 start on the project's start date (its first working day)
 *   and run in parallel; an item with 前置事项 starts the working day after the last of them ends.
 * - Baseline (the promise): the plan from the start date and the promised limits alone. Its end is the promised
 *   completion; the working days it spans are the promised working days (the same with the legal limits too).
 * - Current plan: an item that started plans from its actual start; the working days it was paused (暂停/中止) are
 *   added to its end (the clock stops). An item not done by the end of its planned end day is late; a project
 *   with a late item is at risk. A late or unfinished 前置事项 pushes its successors' plan (never earlier than
 *   today), so the expected completion is a forecast.
 * - Critical path: from the item that ends last, back through the 前置事项 that ends last, to an item without any.
 * - 拿地即开工: with the option on, an item with `earlyStartDependsOn` depends on those instead of `dependsOn`.
 */
import { addDays } from './time'
import { addWorkingDays, workingDaysBetween, type DayTypeLookup } from './calendar'
import type { ProjectItemStatus, ProjectStage } from './schemas/projects'
import { PROJECT_STAGES } from './schemas/projects'

export interface ScheduleItemInput {
  key: string
  stage?: ProjectStage
  promisedDays: number
  legalDays?: number
  dependsOn: readonly string[]
  earlyStartDependsOn?: readonly string[]
  status: ProjectItemStatus
  /** Actual start (local date), for items started. */
  startedOn?: string
  /** Actual 办结 date, for items done. */
  doneOn?: string
  /** Working days of finished pauses. */
  pausedWorkingDays?: number
  /** The date the current pause began (status `paused`). */
  pausedSince?: string
  /** 非审批环节: left out of the stages' approval spans. */
  milestone?: boolean
}

export interface ScheduleInput {
  startDate: string
  /** Local date (Asia/Shanghai) the schedule is read on. */
  today: string
  landStart?: boolean
  items: readonly ScheduleItemInput[]
  dayType: DayTypeLookup
}

export interface ScheduledItem {
  key: string
  /** Dependencies in force. */
  dependsOn: string[]
  earlyStart: boolean
  baselineStart: string
  baselineEnd: string
  legalStart: string
  legalEnd: string
  plannedStart: string
  plannedEnd: string
  /** Finished pauses plus the current one up to today. */
  pausedWorkingDays: number
  late: boolean
  lateWorkingDays: number
  doneLate: boolean
  critical: boolean
  ready: boolean
  /** When it is expected to end: 办结 date, or its planned end, not earlier than today when unfinished. */
  forecastEnd: string
}

export interface ProjectSchedule {
  items: ScheduledItem[]
  byKey: Map<string, ScheduledItem>
  promisedCompletion: string
  expectedCompletion: string
  legalCompletion: string
  promisedWorkingDays: number
  legalWorkingDays: number
  criticalPath: string[]
  atRisk: boolean
  lateCount: number
}

const maxDate = (a: string, b: string) => (a >= b ? a : b)

/** Working days from `from` to `to`, both included (0 when `to` < `from`). */
export function workingDaySpan(from: string, to: string, dayType: DayTypeLookup): number {
  return to < from ? 0 : workingDaysBetween(addDays(from, -1), to, dayType)
}

/** The end of an item of `days` working days starting on `start` (moved to a working day), `extra` days added. */
export function itemEnd(start: string, days: number, dayType: DayTypeLookup, extra = 0): string {
  return addWorkingDays(addWorkingDays(start, 0, dayType), Math.max(days - 1, 0) + extra, dayType)
}

/** Effective dependencies of an item, given the 拿地即开工 option. */
export function effectiveDependsOn(item: Pick<ScheduleItemInput, 'dependsOn' | 'earlyStartDependsOn'>, landStart: boolean | undefined): readonly string[] {
  return landStart && item.earlyStartDependsOn ? item.earlyStartDependsOn : item.dependsOn
}

/** Items in dependency order (Kahn); throws on a cycle or an unknown dependency (validated before, never expected). */
export function topologicalOrder<T extends { key: string }>(items: readonly T[], depsOf: (it: T) => readonly string[]): T[] {
  const byKey = new Map(items.map((it) => [it.key, it]))
  const pending = new Map(items.map((it) => [it.key, depsOf(it).length]))
  const successors = new Map<string, string[]>()
  for (const it of items) {
    for (const d of depsOf(it)) {
      if (!byKey.has(d)) throw new Error(`schedule: ${it.key} depends on unknown ${d}`)
      successors.set(d, [...(successors.get(d) ?? []), it.key])
    }
  }
  const queue = items.filter((it) => pending.get(it.key) === 0).map((it) => it.key)
  const out: T[] = []
  while (queue.length) {
    const k = queue.shift()!
    out.push(byKey.get(k)!)
    for (const s of successors.get(k) ?? []) {
      const n = pending.get(s)! - 1
      pending.set(s, n)
      if (n === 0) queue.push(s)
    }
  }
  if (out.length !== items.length) throw new Error('schedule: dependency cycle')
  return out
}

export function computeSchedule(input: ScheduleInput): ProjectSchedule {
  const { dayType, today } = input
  const start0 = addWorkingDays(input.startDate, 0, dayType)
  const depsOf = (it: ScheduleItemInput) => effectiveDependsOn(it, input.landStart)
  const order = topologicalOrder(input.items, depsOf)
  const out = new Map<string, ScheduledItem>()
  const inputOf = new Map(input.items.map((it) => [it.key, it]))

  for (const it of order) {
    const deps = [...depsOf(it)]
    const prev = deps.map((d) => out.get(d)!)
    const base = (field: 'baselineEnd' | 'legalEnd') => (prev.length ? addWorkingDays(prev.reduce((m, p) => maxDate(m, p[field]), ''), 1, dayType) : start0)
    const baselineStart = base('baselineEnd')
    const legalStart = base('legalEnd')
    const started = it.status !== 'not_started' && it.startedOn
    const plannedStart = started ? it.startedOn! : prev.length ? addWorkingDays(prev.reduce((m, p) => maxDate(m, p.forecastEnd), ''), 1, dayType) : start0
    const currentPause = it.status === 'paused' && it.pausedSince ? workingDaysBetween(it.pausedSince, today, dayType) : 0
    const pausedWorkingDays = (it.pausedWorkingDays ?? 0) + currentPause
    const plannedEnd = itemEnd(plannedStart, it.promisedDays, dayType, pausedWorkingDays)
    const done = it.status === 'done'
    const late = !done && today > plannedEnd
    const forecastEnd = done ? (it.doneOn ?? plannedEnd) : late ? today : plannedEnd
    out.set(it.key, {
      key: it.key,
      dependsOn: deps,
      earlyStart: Boolean(input.landStart && it.earlyStartDependsOn),
      baselineStart,
      baselineEnd: itemEnd(baselineStart, it.promisedDays, dayType),
      legalStart,
      legalEnd: itemEnd(legalStart, it.legalDays ?? it.promisedDays, dayType),
      plannedStart,
      plannedEnd,
      pausedWorkingDays,
      late,
      lateWorkingDays: late ? workingDaysBetween(plannedEnd, today, dayType) : 0,
      doneLate: done && Boolean(it.doneOn) && it.doneOn! > plannedEnd,
      critical: false,
      ready: it.status === 'not_started' && deps.every((d) => inputOf.get(d)?.status === 'done'),
      forecastEnd,
    })
  }

  const all = [...out.values()]
  const last = (field: 'baselineEnd' | 'legalEnd' | 'forecastEnd') => all.reduce((m, s) => maxDate(m, s[field]), start0)
  const promisedCompletion = last('baselineEnd')
  const legalCompletion = last('legalEnd')
  const expectedCompletion = last('forecastEnd')

  // critical path: back from the item that ends last, through the 前置事项 ending last
  const criticalPath: string[] = []
  let cur = all.reduce<ScheduledItem | undefined>((m, s) => (!m || s.forecastEnd > m.forecastEnd ? s : m), undefined)
  while (cur) {
    cur.critical = true
    criticalPath.unshift(cur.key)
    cur = cur.dependsOn.map((d) => out.get(d)!).reduce<ScheduledItem | undefined>((m, s) => (!m || s.forecastEnd > m.forecastEnd ? s : m), undefined)
  }

  const items = input.items.map((it) => out.get(it.key)!)
  const lateCount = items.filter((s) => s.late).length
  return {
    items,
    byKey: out,
    promisedCompletion,
    expectedCompletion,
    legalCompletion,
    promisedWorkingDays: items.length ? workingDaySpan(start0, promisedCompletion, dayType) : 0,
    legalWorkingDays: items.length ? workingDaySpan(start0, legalCompletion, dayType) : 0,
    criticalPath,
    atRisk: lateCount > 0,
    lateCount,
  }
}

export interface StageSummary {
  stage: ProjectStage
  itemCount: number
  doneCount: number
  lateCount: number
  status: 'not_started' | 'in_progress' | 'done' | 'empty'
  plannedStart?: string
  plannedEnd?: string
  promisedWorkingDays: number
  legalWorkingDays: number
  actualWorkingDays?: number
}

/**
 * Per stage: counts, the planned span, the promised and legal spans (baseline) and, once done, the actual span; the
 * spans are of the approvals only (milestones such as 施工建设 left out).
 */
export function stageSummaries(items: readonly ScheduleItemInput[], schedule: ProjectSchedule, dayType: DayTypeLookup): StageSummary[] {
  return PROJECT_STAGES.map((stage) => {
    const mine = items.filter((it) => it.stage === stage)
    if (mine.length === 0) return { stage, itemCount: 0, doneCount: 0, lateCount: 0, status: 'empty', promisedWorkingDays: 0, legalWorkingDays: 0 }
    const s = mine.map((it) => schedule.byKey.get(it.key)!)
    const approvals = mine.filter((it) => !it.milestone)
    const a = approvals.map((it) => schedule.byKey.get(it.key)!)
    const min = (xs: string[]) => xs.reduce((m, x) => (x < m ? x : m))
    const max = (xs: string[]) => xs.reduce((m, x) => (x > m ? x : m))
    const doneCount = mine.filter((it) => it.status === 'done').length
    const allDone = doneCount === mine.length
    const started = mine.some((it) => it.status !== 'not_started')
    const actualFrom = approvals.map((it) => it.startedOn ?? it.doneOn).filter((d): d is string => Boolean(d))
    const actualTo = approvals.map((it) => it.doneOn).filter((d): d is string => Boolean(d))
    return {
      stage,
      itemCount: mine.length,
      doneCount,
      lateCount: s.filter((x) => x.late).length,
      status: allDone ? 'done' : started ? 'in_progress' : 'not_started',
      plannedStart: min(s.map((x) => x.plannedStart)),
      plannedEnd: max(s.map((x) => x.plannedEnd)),
      promisedWorkingDays: a.length ? workingDaySpan(min(a.map((x) => x.baselineStart)), max(a.map((x) => x.baselineEnd)), dayType) : 0,
      legalWorkingDays: a.length ? workingDaySpan(min(a.map((x) => x.legalStart)), max(a.map((x) => x.legalEnd)), dayType) : 0,
      actualWorkingDays: allDone && actualFrom.length && actualTo.length ? workingDaySpan(min(actualFrom), max(actualTo), dayType) : undefined,
    }
  })
}
