import {
  addDays,
  addWorkingDays,
  instantOf,
  localDate,
  VERIFY_WORKING_DAYS,
  type DayTypeLookup,
  type RejectCategory,
  type RevisitSatisfaction,
  type WorkOrderStatus,
} from '@xz/shared'

/** The last second of a local (Asia/Shanghai) date: deadlines are "by the end of that day". */
export function endOfLocalDay(date: string): Date {
  return new Date(instantOf(addDays(date, 1)).getTime() - 1000)
}

/** End of the working day `days` working days after the local day of `from` (that day itself never counts). */
export function workingDeadline(from: Date, days: number, dayType: DayTypeLookup): Date {
  return endOfLocalDay(addWorkingDays(localDate(from), days, dayType))
}

/** A 差评 must be verified within 1 working day of being given. */
export function verifyDeadlineOf(ratedAt: Date, dayType: DayTypeLookup): Date {
  return workingDeadline(ratedAt, VERIFY_WORKING_DAYS, dayType)
}

/** Overdue is a reading of the clock, never a stored flag. */
export function isOverdue(dueAt: Date | null | undefined, now: Date): boolean {
  return Boolean(dueAt && now.getTime() > dueAt.getTime())
}

// ---------------------------------------------------------------------------------------------
// The state machine: pending_verification → rectifying | rejected; rejected → appealed → rectifying | rejected;
// rectifying → replied → closed. Each step happens at most once per order.
// ---------------------------------------------------------------------------------------------
export type WorkOrderStep = 'verify' | 'appeal' | 'decide' | 'reply' | 'revisit'

/** The state a step starts from. */
export const STEP_FROM: Record<WorkOrderStep, WorkOrderStatus> = {
  verify: 'pending_verification',
  appeal: 'rejected',
  decide: 'appealed',
  reply: 'rectifying',
  revisit: 'replied',
}

/** The field a step writes: present ⇔ the step has been applied. */
export const STEP_FIELD: Record<WorkOrderStep, 'verification' | 'appeal' | 'appealDecision' | 'reply' | 'revisit'> = {
  verify: 'verification',
  appeal: 'appeal',
  decide: 'appealDecision',
  reply: 'reply',
  revisit: 'revisit',
}

/** What a step sets on the order (flat top-level fields, so that it can be stored in the step's claim). */
export type StepChanges = Record<string, unknown> & { status: WorkOrderStatus }

const nothingDue = { dueAt: null, dueRank: 1 }
const due = (at: Date) => ({ replyDeadline: at, dueAt: at, dueRank: 0 })

export function verifyChanges(
  input: { valid: boolean; category?: RejectCategory; reason?: string },
  by: string,
  at: Date,
  replyDeadline: Date,
): StepChanges {
  const verification = {
    valid: input.valid,
    ...(input.category ? { category: input.category } : {}),
    ...(input.reason ? { reason: input.reason } : {}),
    by,
    at,
  }
  if (input.valid) return { status: 'rectifying', verification, ...due(replyDeadline) }
  return { status: 'rejected', verification, ...nothingDue }
}

export function appealChanges(reason: string, at: Date): StepChanges {
  return { status: 'appealed', appeal: { reason, at }, ...nothingDue }
}

/** `uphold`: the rejection stands and the order ends; otherwise it goes to rectification with a fresh reply deadline. */
export function decisionChanges(input: { uphold: boolean; reason: string }, by: string, at: Date, replyDeadline: Date): StepChanges {
  const appealDecision = { uphold: input.uphold, reason: input.reason, by, at }
  if (input.uphold) return { status: 'rejected', appealDecision, closedAt: at, ...nothingDue }
  return { status: 'rectifying', appealDecision, ...due(replyDeadline) }
}

export function replyChanges(text: string, by: string, at: Date): StepChanges {
  return { status: 'replied', reply: { text, by, at }, ...nothingDue }
}

export function revisitChanges(satisfaction: RevisitSatisfaction, at: Date): StepChanges {
  return { status: 'closed', revisit: { satisfaction, at }, closedAt: at, ...nothingDue }
}

/** The rater may appeal a rejection once, while no decision has been made. */
export function canAppeal(order: { status: string; appeal?: unknown }): boolean {
  return order.status === 'rejected' && !order.appeal
}
