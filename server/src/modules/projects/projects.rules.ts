/**
 * Pure decisions of the projects module: who a caller is for a project, the 代办 state machine (DB14/T 2233—2020),
 * which item changes are allowed from which state, and how a stored project feeds the shared schedule.
 */
import {
  computeSchedule,
  effectiveDependsOn,
  workingDaysBetween,
  type AgencyAction,
  type AgencyStatus,
  type DayTypeLookup,
  type ProjectItemStatus,
  type ProjectSchedule,
  type ProjectViewerRole,
  type Role,
  type ScheduleItemInput,
} from '@xz/shared'

// ---------------------------------------------------------------------------------------------
// Actors
// ---------------------------------------------------------------------------------------------
export interface ActorInput {
  role: Role
  sub: string
  regionCode?: string
}

export interface ProjectScope {
  enterpriseCode: string
  regionCode: string
  leaderId?: { toString(): string } | null
  agentIds: { toString(): string }[]
}

/**
 * The caller's part in a project, or null: the enterprise (the account owning its credit code), its 项目长 or one of
 * its 代办员 (role agent), or an administrator whose region contains it.
 */
export function projectActorOf(auth: ActorInput, p: ProjectScope, ownedCreditCode: string | undefined, regionContains: (parent: string, child: string) => boolean): ProjectViewerRole | null {
  switch (auth.role) {
    case 'citizen':
      return ownedCreditCode !== undefined && ownedCreditCode === p.enterpriseCode ? 'enterprise' : null
    case 'agent':
      if (p.leaderId && p.leaderId.toString() === auth.sub) return 'leader'
      return p.agentIds.some((a) => a.toString() === auth.sub) ? 'agent' : null
    case 'admin':
      return auth.regionCode && regionContains(auth.regionCode, p.regionCode) ? 'admin' : null
    default:
      return null
  }
}

/** The 项目长 and the 代办员 do the work on items. */
export const WORKERS: readonly ProjectViewerRole[] = ['leader', 'agent']

// ---------------------------------------------------------------------------------------------
// The 代办 life cycle: 委托 → 受理 → 办理 → 中止 ⇄ 续办 → 办结 / 终止
// ---------------------------------------------------------------------------------------------
export interface AgencyRule {
  from: readonly AgencyStatus[]
  to: AgencyStatus
  actors: readonly ProjectViewerRole[]
}

export const AGENCY_TRANSITIONS: Record<AgencyAction, AgencyRule> = {
  entrust: { from: ['none', 'terminated'], to: 'entrusted', actors: ['enterprise'] },
  accept: { from: ['entrusted'], to: 'accepted', actors: WORKERS },
  start: { from: ['accepted'], to: 'handling', actors: WORKERS },
  suspend: { from: ['accepted', 'handling'], to: 'suspended', actors: WORKERS },
  resume: { from: ['suspended'], to: 'handling', actors: WORKERS },
  complete: { from: ['handling'], to: 'completed', actors: WORKERS },
  terminate: { from: ['entrusted', 'accepted', 'handling', 'suspended'], to: 'terminated', actors: ['enterprise', ...WORKERS] },
}

export function agencyActionsFor(status: AgencyStatus, actor: ProjectViewerRole): AgencyAction[] {
  return (Object.keys(AGENCY_TRANSITIONS) as AgencyAction[]).filter((a) => AGENCY_TRANSITIONS[a].from.includes(status) && AGENCY_TRANSITIONS[a].actors.includes(actor))
}

/** Why a step is refused: 'actor' (403) or 'state' (422), or undefined when allowed. */
export function agencyRefusal(action: AgencyAction, status: AgencyStatus, actor: ProjectViewerRole): 'actor' | 'state' | undefined {
  const rule = AGENCY_TRANSITIONS[action]
  if (!rule.actors.includes(actor)) return 'actor'
  if (!rule.from.includes(status)) return 'state'
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------------
/** The item moves a status update may make, by target status: from which states. */
export const ITEM_MOVES: Record<'in_progress' | 'paused' | 'done', readonly ProjectItemStatus[]> = {
  in_progress: ['not_started', 'paused'],
  paused: ['in_progress'],
  done: ['not_started', 'in_progress'],
}

/** A stored project item as the schedule reads it: the schedule's item input, with its stage and legal days always given. */
export type StoredItemLike = ScheduleItemInput & {
  stage: ScheduleItemInput['stage']
  legalDays: number
  dependsOn: string[]
  earlyStartDependsOn?: string[]
}

export function scheduleItemsOf(items: readonly StoredItemLike[]): ScheduleItemInput[] {
  return items.map((it) => ({
    key: it.key,
    stage: it.stage,
    promisedDays: it.promisedDays,
    legalDays: it.legalDays,
    dependsOn: it.dependsOn ?? [],
    earlyStartDependsOn: it.earlyStartDependsOn,
    status: it.status,
    startedOn: it.startedOn,
    doneOn: it.doneOn,
    pausedWorkingDays: it.pausedWorkingDays ?? 0,
    pausedSince: it.pausedSince,
    milestone: Boolean(it.milestone),
  }))
}

export function scheduleOf(p: { startDate: string; landStart: boolean; items: readonly StoredItemLike[] }, today: string, dayType: DayTypeLookup): ProjectSchedule {
  return computeSchedule({ startDate: p.startDate, today, landStart: p.landStart, items: scheduleItemsOf(p.items), dayType })
}

/** The 前置事项 in force that are not 办结 yet (an item may not start before they are). */
export function pendingDependencies(items: readonly StoredItemLike[], key: string, landStart: boolean): string[] {
  const item = items.find((it) => it.key === key)
  if (!item) return []
  const status = new Map(items.map((it) => [it.key, it.status]))
  return effectiveDependsOn(item, landStart).filter((d) => status.get(d) !== 'done')
}

/** Working days of a pause that began on `since` and ends on `until` (the day it began never counts). */
export function pauseDays(since: string, until: string, dayType: DayTypeLookup): number {
  return workingDaysBetween(since, until, dayType)
}

/** An item moved ahead by 拿地即开工 is granted under 承诺制: it needs the enterprise's commitment. */
export function commitmentRequired(item: { earlyStartDependsOn?: string[] }, landStart: boolean): boolean {
  return landStart && Boolean(item.earlyStartDependsOn)
}

/** Order of the 项目长/代办员's and the enterprise's lists: at risk first (most late first), then by the next due date. */
export function riskRank(s: { atRisk: boolean; lateCount: number; nextDue?: string; name: string }): [number, number, string, string] {
  return [s.atRisk ? 0 : 1, -s.lateCount, s.nextDue ?? '9999-12-31', s.name]
}

export function compareRank(a: ReturnType<typeof riskRank>, b: ReturnType<typeof riskRank>): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1
    if (a[i] > b[i]) return 1
  }
  return 0
}
