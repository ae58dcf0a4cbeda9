import {
  enterpriseContract,
  policyContract,
  type ConditionCounts,
  type ConditionNode,
  type EnterpriseProfile,
  type EnterpriseProfileInput,
  type GrantApplication,
  type Page,
  type PolicyApplication,
  type PolicyApplicationStatus,
  type PolicyDetail,
  type PolicyInput,
  type PolicyQuery,
  type PolicyReport,
  type PolicySubscription,
  type PolicySummary,
  type RejectApplication,
  type ResponseOf
} from '@xz/shared'
import { call } from './request'

/** 送政策上门: typed with the shared schemas (shared/src/schemas/policies.ts). */

export function fetchMyEnterprise(): Promise<EnterpriseProfile | null> {
  return call(enterpriseContract.mine)
}

export function saveMyEnterprise(input: EnterpriseProfileInput): Promise<EnterpriseProfile> {
  return call(enterpriseContract.putMine, { body: input })
}

export function subscribePolicies(input: PolicySubscription): Promise<EnterpriseProfile> {
  return call(policyContract.subscribe, { body: input })
}

/** Published policies; empty filters are left out (the server validates query strings strictly). */
export function fetchPolicies(query: { q?: string; tag?: PolicyQuery['tag'] | ''; mode?: PolicyQuery['mode'] | ''; departmentId?: string; page?: number }): Promise<Page<PolicySummary>> {
  const { q, tag, mode, departmentId, page } = query
  return call(policyContract.list, { query: { pageSize: 20, q: q || undefined, tag: tag || undefined, mode: mode || undefined, departmentId: departmentId || undefined, page: page || undefined } })
}

export function fetchRecommended(): Promise<PolicySummary[]> {
  return call(policyContract.recommended)
}

export function fetchPolicy(id: string): Promise<PolicyDetail> {
  return call(policyContract.get, { params: { id } })
}

export function applyPolicy(id: string, note?: string): Promise<PolicyApplication> {
  return call(policyContract.apply, { params: { id }, body: note ? { note } : {} })
}

export function fetchMyApplications(): Promise<PolicyApplication[]> {
  return call(policyContract.myApplications)
}

// ---- administrators ----

export async function fetchAdminPolicies(): Promise<PolicySummary[]> {
  return (await call(policyContract.adminList, { query: { pageSize: 50 } })).items
}

export function createPolicy(input: PolicyInput): Promise<PolicyDetail> {
  return call(policyContract.create, { body: input })
}

export function publishPolicy(id: string): Promise<ResponseOf<typeof policyContract.publish>> {
  return call(policyContract.publish, { params: { id } })
}

export function fetchConditionCounts(conditions: ConditionNode): Promise<ConditionCounts> {
  return call(policyContract.conditionCounts, { body: { conditions } })
}

export async function fetchAdminApplications(status?: PolicyApplicationStatus): Promise<Page<PolicyApplication>> {
  return call(policyContract.adminApplications, { query: { pageSize: 50, status } })
}

/** The processing steps of an application (受理, 审核通过, 兑现, 不予兑现), each its own route. */
export const applicationSteps = {
  accept: (id: string) => call(policyContract.acceptApplication, { params: { id } }),
  review: (id: string) => call(policyContract.reviewApplication, { params: { id } }),
  grant: (id: string, body: GrantApplication) => call(policyContract.grantApplication, { params: { id }, body }),
  reject: (id: string, body: RejectApplication) => call(policyContract.rejectApplication, { params: { id }, body }),
}

export function fetchPolicyReport(month: string): Promise<PolicyReport> {
  return call(policyContract.report, { query: { month } })
}

/** 元 with two decimals from integer fen. */
export const yuan = (fen: number | undefined): string => (fen === undefined ? '—' : `${(fen / 100).toFixed(2)} 元`)
