import type {
  AccountCreate,
  AccountUpdate,
  AccountWithPassword,
  CalendarOverrideInput,
  Page,
  SessionCancelResult,
  SessionRule,
  SessionRuleInput,
  SessionRuleUpdate,
  StaffAccount,
  StatsOverview
} from '@xz/shared'
import { request } from '@/api/request'

/** Administrator API: typed with the shared schemas (shared/src/schemas/{sessions,staff,catalogue,ratings}.ts). */

// ---- session rules ----

export async function fetchSessionRules(hallId: string): Promise<SessionRule[]> {
  const page = await request<Page<SessionRule>>('/api/v1/admin/session-rules', { data: { hallId, pageSize: 50 } })
  return page.items
}

export function createSessionRule(input: SessionRuleInput): Promise<SessionRule> {
  return request<SessionRule>('/api/v1/admin/session-rules', { method: 'POST', data: { ...input } })
}

export function updateSessionRule(id: string, patch: SessionRuleUpdate): Promise<SessionRule> {
  return request<SessionRule>(`/api/v1/admin/session-rules/${id}`, { method: 'PATCH', data: { ...patch } })
}

// ---- calendar and session cancellation ----

export interface CalendarOverride {
  date: string
  type: CalendarOverrideInput['type']
  name: string
  reason?: string
}

/** Every override, latest date first. */
export async function fetchOverrides(): Promise<CalendarOverride[]> {
  const list = await request<CalendarOverride[]>('/api/v1/admin/calendar/overrides')
  return [...list].sort((a, b) => b.date.localeCompare(a.date))
}

export function putOverride({ date, ...body }: CalendarOverrideInput): Promise<CalendarOverride> {
  return request<CalendarOverride>(`/api/v1/admin/calendar/overrides/${date}`, { method: 'PUT', data: { ...body } })
}

export function deleteOverride(date: string): Promise<unknown> {
  return request<unknown>(`/api/v1/admin/calendar/overrides/${date}`, { method: 'DELETE' })
}

export function cancelSession(hallId: string, date: string, reason: string): Promise<SessionCancelResult> {
  return request<SessionCancelResult>(`/api/v1/admin/sessions/${hallId}/${date}/cancel`, { method: 'POST', data: { reason } })
}

// ---- staff accounts ----

export async function fetchAccounts(): Promise<StaffAccount[]> {
  const page = await request<Page<StaffAccount>>('/api/v1/admin/accounts', { data: { pageSize: 50 } })
  return page.items
}

export function createAccount(input: AccountCreate): Promise<AccountWithPassword> {
  return request<AccountWithPassword>('/api/v1/admin/accounts', { method: 'POST', data: { ...input } })
}

export function resetPassword(id: string): Promise<AccountWithPassword> {
  return request<AccountWithPassword>(`/api/v1/admin/accounts/${id}/reset-password`, { method: 'POST', data: {} })
}

export function updateAccount(id: string, patch: AccountUpdate): Promise<StaffAccount> {
  return request<StaffAccount>(`/api/v1/admin/accounts/${id}`, { method: 'PATCH', data: { ...patch } })
}

// ---- statistics ----

export function fetchOverview(from: string, to: string): Promise<StatsOverview> {
  return request<StatsOverview>('/api/v1/stats/overview', { data: { from, to } })
}
