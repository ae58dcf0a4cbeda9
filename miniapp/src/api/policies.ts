import type {
  ConditionCounts,
  ConditionNode,
  EnterpriseProfile,
  EnterpriseProfileInput,
  Page,
  PolicyApplication,
  PolicyDetail,
  PolicyInput,
  PolicyReport,
  PolicySubscription,
  PolicySummary
} from '@xz/shared'
import { request } from './request'

/** 送政策上门: typed with the shared schemas (shared/src/schemas/policies.ts). */

export function fetchMyEnterprise(): Promise<EnterpriseProfile | null> {
  return request<EnterpriseProfile | null>('/api/v1/me/enterprise')
}

export function saveMyEnterprise(input: EnterpriseProfileInput): Promise<EnterpriseProfile> {
  return request<EnterpriseProfile>('/api/v1/me/enterprise', { method: 'PUT', data: { ...input } })
}

export function subscribePolicies(input: PolicySubscription): Promise<EnterpriseProfile> {
  return request<EnterpriseProfile>('/api/v1/policies/subscriptions', { method: 'POST', data: { ...input } })
}

export function fetchPolicies(query: { q?: string; tag?: string; mode?: string; departmentId?: string; page?: number }): Promise<Page<PolicySummary>> {
  const data: Record<string, unknown> = { pageSize: 20 }
  for (const [k, v] of Object.entries(query)) if (v) data[k] = v
  return request<Page<PolicySummary>>('/api/v1/policies', { data })
}

export function fetchRecommended(): Promise<PolicySummary[]> {
  return request<PolicySummary[]>('/api/v1/policies/recommended')
}

export function fetchPolicy(id: string): Promise<PolicyDetail> {
  return request<PolicyDetail>(`/api/v1/policies/${encodeURIComponent(id)}`)
}

export function applyPolicy(id: string, note?: string): Promise<PolicyApplication> {
  return request<PolicyApplication>(`/api/v1/policies/${encodeURIComponent(id)}/applications`, { method: 'POST', data: note ? { note } : {} })
}

export function fetchMyApplications(): Promise<PolicyApplication[]> {
  return request<PolicyApplication[]>('/api/v1/policies/applications')
}

// ---- administrators ----

export async function fetchAdminPolicies(): Promise<PolicySummary[]> {
  return (await request<Page<PolicySummary>>('/api/v1/admin/policies', { data: { pageSize: 50 } })).items
}

export function createPolicy(input: PolicyInput): Promise<PolicyDetail> {
  return request<PolicyDetail>('/api/v1/admin/policies', { method: 'POST', data: { ...input } })
}

export function publishPolicy(id: string): Promise<{ policy: PolicySummary; granted: number; notified: number }> {
  return request(`/api/v1/admin/policies/${id}/publish`, { method: 'POST' })
}

export function fetchConditionCounts(conditions: ConditionNode): Promise<ConditionCounts> {
  return request<ConditionCounts>('/api/v1/admin/policies/condition-counts', { method: 'POST', data: { conditions } })
}

export async function fetchAdminApplications(status?: string): Promise<Page<PolicyApplication>> {
  return request<Page<PolicyApplication>>('/api/v1/admin/policy-applications', { data: { pageSize: 50, ...(status ? { status } : {}) } })
}

export function stepApplication(id: string, step: 'accept' | 'review' | 'grant' | 'reject', body: Record<string, unknown> = {}): Promise<PolicyApplication> {
  return request<PolicyApplication>(`/api/v1/admin/policy-applications/${encodeURIComponent(id)}/${step}`, { method: 'POST', data: body })
}

export function fetchPolicyReport(month: string): Promise<PolicyReport> {
  return request<PolicyReport>('/api/v1/admin/policy-report', { data: { month } })
}

/** 元 with two decimals from integer fen. */
export const yuan = (fen: number | undefined): string => (fen === undefined ? '—' : `${(fen / 100).toFixed(2)} 元`)
