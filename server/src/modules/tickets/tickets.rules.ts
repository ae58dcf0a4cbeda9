import {
  addDays,
  addWorkingDays,
  instantOf,
  localDate,
  RESPONSE_WORKING_DAYS,
  RETURN_WORKING_DAYS,
  SOON_DUE_HOURS,
  URGENT_RESPONSE_HOURS,
  workingDaysBetween,
  type DayTypeLookup,
  type Role,
  type TicketAction,
  type TicketClock,
  type TicketStatus,
} from '@xz/shared'

/** The last second of a local (Asia/Shanghai) date: deadlines are "by the end of that day". */
export function endOfLocalDay(date: string): Date {
  return new Date(instantOf(addDays(date, 1)).getTime() - 1000)
}

/** End of the working day `days` working days after the local day of `from` (that day itself never counts). */
export function workingDeadline(from: Date, days: number, dayType: DayTypeLookup): Date {
  return endOfLocalDay(addWorkingDays(localDate(from), days, dayType))
}

/** First response (签收): 紧急 within 2 hours of dispatch, otherwise by the end of the next working day. */
export function responseDueOf(dispatchedAt: Date, urgent: boolean, dayType: DayTypeLookup): Date {
  if (urgent) return new Date(dispatchedAt.getTime() + URGENT_RESPONSE_HOURS * 3_600_000)
  return workingDeadline(dispatchedAt, RESPONSE_WORKING_DAYS, dayType)
}

/**
 * The reply deadline: the limit in working days from the start of the clock, plus an approved extension and the
 * working days spent waiting for the requester's 补充材料 (the clock pauses then).
 */
export function replyDueOf(clockStart: Date, limitDays: number, extensionDays: number, pausedWorkingDays: number, dayType: DayTypeLookup): Date {
  return workingDeadline(clockStart, limitDays + extensionDays + pausedWorkingDays, dayType)
}

/** Working days a pause took: the working days after the day it started, up to and including the day it ended. */
export function pausedWorkingDaysOf(pausedAt: Date, resumedAt: Date, dayType: DayTypeLookup): number {
  return workingDaysBetween(localDate(pausedAt), localDate(resumedAt), dayType)
}

/** A department may return a ticket until the end of the 2nd working day after its dispatch. */
export function canReturnAt(dispatchedAt: Date, at: Date, dayType: DayTypeLookup): boolean {
  return at.getTime() <= workingDeadline(dispatchedAt, RETURN_WORKING_DAYS, dayType).getTime()
}

// ---------------------------------------------------------------------------------------------
// The state machine
// ---------------------------------------------------------------------------------------------

/** Who acts: the requester (owner of the ticket), a dispatcher, a handler of the department, an administrator. */
export type TicketActor = 'owner' | 'dispatcher' | 'handler' | 'admin'

export interface TransitionRule {
  from: readonly TicketStatus[]
  actors: readonly TicketActor[]
}

/** Each transition: the states it starts from and who may make it. */
export const TRANSITIONS: Record<Exclude<TicketAction, 'submit' | 'absorb'>, TransitionRule> = {
  dispatch: { from: ['submitted'], actors: ['dispatcher'] },
  redispatch: { from: ['returned'], actors: ['dispatcher'] },
  merge: { from: ['submitted'], actors: ['dispatcher'] },
  answer: { from: ['submitted'], actors: ['dispatcher'] },
  accept: { from: ['dispatched'], actors: ['handler'] },
  return: { from: ['dispatched', 'handling'], actors: ['handler'] },
  request_supplement: { from: ['handling'], actors: ['handler'] },
  supplement: { from: ['awaiting_supplement'], actors: ['owner'] },
  request_extension: { from: ['handling', 'awaiting_supplement'], actors: ['handler'] },
  decide_extension: { from: ['handling', 'awaiting_supplement'], actors: ['admin'] },
  reply: { from: ['handling'], actors: ['handler'] },
  rate: { from: ['replied'], actors: ['owner'] },
  rework: { from: ['replied'], actors: ['owner'] },
  archive: { from: ['closed', 'merged'], actors: ['admin'] },
}

export function allowedFrom(action: keyof typeof TRANSITIONS, status: TicketStatus): boolean {
  return TRANSITIONS[action].from.includes(status)
}

/** Open = someone still has to act (the reminder job and the requester's "in progress"). */
export function isOpen(status: TicketStatus): boolean {
  return !['merged', 'closed', 'archived'].includes(status)
}

/** The list keys of a state (see ticket.model): null = not on that list. */
export function listKeysOf(state: { status: TicketStatus; departmentId?: string | null; extensionPending?: boolean }) {
  const s = state.status
  return {
    dispatchQueue: s === 'submitted' || s === 'returned' ? 'open' : null,
    activeDepartment: ['dispatched', 'handling', 'awaiting_supplement', 'replied'].includes(s) && state.departmentId ? state.departmentId : null,
    openFlag: isOpen(s) ? 'open' : null,
    pendingExtension: state.extensionPending && isOpen(s) ? 'pending' : null,
  }
}

// ---------------------------------------------------------------------------------------------
// Clocks
// ---------------------------------------------------------------------------------------------

export interface ClockInput {
  status: TicketStatus
  responseDueAt?: Date | null
  replyDueAt?: Date | null
}

function durationLabel(minutes: number): string {
  const m = Math.abs(minutes)
  const days = Math.floor(m / 1440)
  const hours = Math.floor((m % 1440) / 60)
  if (days > 0) return `${days} 天${hours ? ` ${hours} 小时` : ''}`
  if (hours > 0) return `${hours} 小时${m % 60 ? ` ${m % 60} 分钟` : ''}`
  return `${m % 60} 分钟`
}

/** What is due now and how long is left (or how long overdue): a reading of the clock, never stored. */
export function clockOf(t: ClockInput, at: Date): TicketClock {
  if (t.status === 'awaiting_supplement') {
    return { kind: 'paused', overdue: false, label: '暂停计时（待补充材料）', dueAt: t.replyDueAt?.toISOString() }
  }
  const due = t.status === 'dispatched' ? { kind: 'response' as const, at: t.responseDueAt } : t.status === 'handling' ? { kind: 'reply' as const, at: t.replyDueAt } : undefined
  if (!due?.at) return { kind: 'none', overdue: false, label: '' }
  const minutesLeft = Math.round((due.at.getTime() - at.getTime()) / 60_000)
  const what = due.kind === 'response' ? '签收' : '答复'
  return {
    kind: due.kind,
    dueAt: due.at.toISOString(),
    overdue: minutesLeft < 0,
    minutesLeft,
    label: minutesLeft < 0 ? `${what}已超时 ${durationLabel(minutesLeft)}` : `${what}剩余 ${durationLabel(minutesLeft)}`,
  }
}

/** Handler lists: overdue first, then due within a day, then the rest, each by deadline; nothing due last. */
export function deadlineRank(clock: TicketClock): [number, number] {
  if (clock.kind === 'none' || clock.kind === 'paused' || clock.minutesLeft === undefined) return [3, Number.MAX_SAFE_INTEGER]
  if (clock.overdue) return [0, clock.minutesLeft]
  if (clock.minutesLeft <= SOON_DUE_HOURS * 60) return [1, clock.minutesLeft]
  return [2, clock.minutesLeft]
}

/** Which actor kind a caller is for a ticket (or null: no business with it). */
export function actorOf(
  auth: { role: Role; sub: string; regionCode?: string; departmentId?: string },
  t: { userId: { toString(): string }; regionCode: string; departmentId?: { toString(): string } | null },
  regionContains: (parent: string, child: string) => boolean,
): TicketActor | null {
  switch (auth.role) {
    case 'citizen':
      return t.userId.toString() === auth.sub ? 'owner' : null
    case 'dispatcher':
      return auth.regionCode && regionContains(auth.regionCode, t.regionCode) ? 'dispatcher' : null
    case 'handler':
      return auth.departmentId && t.departmentId?.toString() === auth.departmentId ? 'handler' : null
    case 'admin':
      return auth.regionCode && regionContains(auth.regionCode, t.regionCode) ? 'admin' : null
    default:
      return null
  }
}

/** Per mille, rounded; null when nothing to divide by. */
export function perMille(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n * 1000) / d)
}
