import type {
  AdminProjectListQuery,
  Page,
  ProjectAccount,
  ProjectAccountCreate,
  ProjectAgencyForm,
  ProjectAgencyStep,
  ProjectChecklistChange,
  ProjectCommitmentCheck,
  ProjectCommitmentSign,
  ProjectCreate,
  ProjectDetail,
  ProjectForm,
  ProjectItemUpdate,
  ProjectOverview,
  ProjectSummary,
  ProjectTeam,
  ProjectTemplate,
  ProjectTemplateInput,
  ProjectType
} from '@xz/shared'
import { request } from './request'

/** 全代办 / 项目长: typed with the shared schemas (shared/src/schemas/projects.ts, which lists routes and roles). */

const enc = encodeURIComponent
const PAGE_SIZE = 50

// ---- the enterprise ----

export function fetchMyProjects(): Promise<Page<ProjectSummary>> {
  return request<Page<ProjectSummary>>('/api/v1/projects/mine', { data: { pageSize: PAGE_SIZE } })
}

/** The project with its timeline: for the enterprise, its 项目长/代办员 and administrators. */
export function fetchProject(id: string): Promise<ProjectDetail> {
  return request<ProjectDetail>(`/api/v1/projects/${enc(id)}`)
}

/** A step of the 代办 life cycle (委托/终止 by the enterprise; 受理/办理/中止/续办/办结/终止 by the team). */
export function agencyStep(id: string, step: ProjectAgencyStep): Promise<ProjectDetail> {
  return request<ProjectDetail>(`/api/v1/projects/${enc(id)}/agency`, { method: 'POST', data: { ...step } })
}

/** The enterprise signs the 告知承诺书 of an item. */
export function signCommitment(id: string, key: string, body: ProjectCommitmentSign): Promise<ProjectDetail> {
  return request<ProjectDetail>(`/api/v1/projects/${enc(id)}/items/${enc(key)}/commitment`, { method: 'POST', data: { ...body } })
}

/** 委托书 / 办结单 / 终止单, to print. */
export function fetchAgencyForm(id: string, form: ProjectForm): Promise<ProjectAgencyForm> {
  return request<ProjectAgencyForm>(`/api/v1/projects/${enc(id)}/forms/${enc(form)}`)
}

// ---- 项目长 / 代办员 ----

/** The projects the signed-in 项目长/代办员 works on: at risk first. */
export function fetchAgentProjects(): Promise<Page<ProjectSummary>> {
  return request<Page<ProjectSummary>>('/api/v1/agent/projects', { data: { pageSize: PAGE_SIZE } })
}

export function updateItem(id: string, key: string, body: ProjectItemUpdate): Promise<ProjectDetail> {
  return request<ProjectDetail>(`/api/v1/agent/projects/${enc(id)}/items/${enc(key)}`, { method: 'PATCH', data: { ...body } })
}

export function checkCommitment(id: string, key: string, body: ProjectCommitmentCheck): Promise<ProjectDetail> {
  return request<ProjectDetail>(`/api/v1/agent/projects/${enc(id)}/items/${enc(key)}/commitment-check`, { method: 'POST', data: { ...body } })
}

/** The 项目长 adjusts the checklist (add / remove / update an item), with the reason recorded. */
export function changeChecklist(id: string, change: ProjectChecklistChange): Promise<ProjectDetail> {
  return request<ProjectDetail>(`/api/v1/agent/projects/${enc(id)}/checklist`, { method: 'POST', data: { ...change } })
}

// ---- administrators ----

export async function fetchTemplates(): Promise<ProjectTemplate[]> {
  const list = await request<{ items: ProjectTemplate[] }>('/api/v1/admin/project-templates')
  return list.items
}

export function createTemplate(input: ProjectTemplateInput): Promise<ProjectTemplate> {
  return request<ProjectTemplate>('/api/v1/admin/project-templates', { method: 'POST', data: { ...input } })
}

export function saveTemplate(id: string, input: ProjectTemplateInput): Promise<ProjectTemplate> {
  return request<ProjectTemplate>(`/api/v1/admin/project-templates/${enc(id)}`, { method: 'PUT', data: { ...input } })
}

export function fetchAdminProjects(query: Partial<AdminProjectListQuery> = {}): Promise<Page<ProjectSummary>> {
  const data: Record<string, unknown> = { pageSize: PAGE_SIZE }
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && v !== false) data[k] = v
  return request<Page<ProjectSummary>>('/api/v1/admin/projects', { data })
}

export function createProject(input: ProjectCreate): Promise<ProjectDetail> {
  return request<ProjectDetail>('/api/v1/admin/projects', { method: 'POST', data: { ...input } })
}

export function saveTeam(id: string, team: ProjectTeam): Promise<ProjectDetail> {
  return request<ProjectDetail>(`/api/v1/admin/projects/${enc(id)}/team`, { method: 'PUT', data: { ...team } })
}

export function fetchOverview(type?: ProjectType): Promise<ProjectOverview> {
  return request<ProjectOverview>('/api/v1/admin/projects/overview', { data: type ? { type } : {} })
}

export async function fetchProjectAccounts(): Promise<ProjectAccount[]> {
  const list = await request<{ items: ProjectAccount[] }>('/api/v1/admin/project-accounts')
  return list.items
}

export function createProjectAccount(input: ProjectAccountCreate): Promise<{ account: ProjectAccount; password: string }> {
  return request<{ account: ProjectAccount; password: string }>('/api/v1/admin/project-accounts', { method: 'POST', data: { ...input } })
}
