import {
  accountContract,
  calendarContract,
  sessionChangeContract,
  sessionContract,
  statsContract,
  type AccountCreate,
  type AccountUpdate,
  type AccountWithPassword,
  type CalendarOverrideInput,
  type ResponseOf,
  type SessionCancelResult,
  type SessionRule,
  type SessionRuleInput,
  type SessionRuleUpdate,
  type StaffAccount,
  type StatsOverview
} from '@xz/shared'
import { call } from '@/api/request'

/** Administrator API, derived from shared/src/contracts/{sessions,calendar,accounts,stats}.ts. */

// ---- session rules ----

export async function fetchSessionRules(hallId: string): Promise<SessionRule[]> {
  return (await call(sessionContract.listRules, { query: { hallId, pageSize: 50 } })).items
}

export function createSessionRule(input: SessionRuleInput): Promise<SessionRule> {
  return call(sessionContract.createRule, { body: input })
}

export function updateSessionRule(id: string, patch: SessionRuleUpdate): Promise<SessionRule> {
  return call(sessionChangeContract.updateRule, { params: { id }, body: patch })
}

// ---- calendar and session cancellation ----

export type CalendarOverride = ResponseOf<typeof calendarContract.putOverride>

/** Every override, latest date first. */
export async function fetchOverrides(): Promise<CalendarOverride[]> {
  const list = await call(calendarContract.listOverrides)
  return [...list].sort((a, b) => b.date.localeCompare(a.date))
}

export function putOverride({ date, ...body }: CalendarOverrideInput): Promise<CalendarOverride> {
  return call(calendarContract.putOverride, { params: { date }, body })
}

export function deleteOverride(date: string): Promise<undefined> {
  return call(calendarContract.deleteOverride, { params: { date } })
}

export function cancelSession(hallId: string, date: string, reason: string): Promise<SessionCancelResult> {
  return call(sessionChangeContract.cancelDay, { params: { hallId, date }, body: { reason } })
}

// ---- staff accounts ----

export async function fetchAccounts(): Promise<StaffAccount[]> {
  return (await call(accountContract.list, { query: { pageSize: 50 } })).items
}

export function createAccount(input: AccountCreate): Promise<AccountWithPassword> {
  return call(accountContract.create, { body: input })
}

export function resetPassword(id: string): Promise<AccountWithPassword> {
  return call(accountContract.resetPassword, { params: { id } })
}

export function updateAccount(id: string, patch: AccountUpdate): Promise<StaffAccount> {
  return call(accountContract.update, { params: { id }, body: patch })
}

// ---- statistics ----

export function fetchOverview(from: string, to: string): Promise<StatsOverview> {
  return call(statsContract.overview, { query: { from, to } })
}
