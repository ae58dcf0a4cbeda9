import {
  projectContract,
  type AdminProjectListQuery,
  type Page,
  type ProjectAccount,
  type ProjectAccountCreate,
  type ProjectAgencyForm,
  type ProjectAgencyStep,
  type ProjectChecklistChange,
  type ProjectCommitmentCheck,
  type ProjectCommitmentSign,
  type ProjectCreate,
  type ProjectDetail,
  type ProjectForm,
  type ProjectItemUpdate,
  type ProjectOverview,
  type ProjectSummary,
  type ProjectTeam,
  type ProjectTemplate,
  type ProjectTemplateInput,
  type ProjectType
} from '@xz/shared'
import { call } from './request'

/** 全代办 / 项目长, derived from shared/src/contracts/projects.ts. */

const PAGE_SIZE = 50

// ---- the enterprise ----

export function fetchMyProjects(): Promise<Page<ProjectSummary>> {
  return call(projectContract.mine, { query: { pageSize: PAGE_SIZE } })
}

/** The project with its timeline: for the enterprise, its 项目长/代办员 and administrators. */
export function fetchProject(id: string): Promise<ProjectDetail> {
  return call(projectContract.get, { params: { id } })
}

/** A step of the 代办 life cycle (委托/终止 by the enterprise; 受理/办理/中止/续办/办结/终止 by the team). */
export function agencyStep(id: string, step: ProjectAgencyStep): Promise<ProjectDetail> {
  return call(projectContract.agencyStep, { params: { id }, body: step })
}

/** The enterprise signs the 告知承诺书 of an item. */
export function signCommitment(id: string, key: string, body: ProjectCommitmentSign): Promise<ProjectDetail> {
  return call(projectContract.signCommitment, { params: { id, key }, body })
}

/** 委托书 / 办结单 / 终止单, to print. */
export function fetchAgencyForm(id: string, form: ProjectForm): Promise<ProjectAgencyForm> {
  return call(projectContract.agencyForm, { params: { id, form } })
}

// ---- 项目长 / 代办员 ----

/** The projects the signed-in 项目长/代办员 works on: at risk first. */
export function fetchAgentProjects(): Promise<Page<ProjectSummary>> {
  return call(projectContract.agentList, { query: { pageSize: PAGE_SIZE } })
}

export function updateItem(id: string, key: string, body: ProjectItemUpdate): Promise<ProjectDetail> {
  return call(projectContract.updateItem, { params: { id, key }, body })
}

export function checkCommitment(id: string, key: string, body: ProjectCommitmentCheck): Promise<ProjectDetail> {
  return call(projectContract.checkCommitment, { params: { id, key }, body })
}

/** The 项目长 adjusts the checklist (add / remove / update an item), with the reason recorded. */
export function changeChecklist(id: string, change: ProjectChecklistChange): Promise<ProjectDetail> {
  return call(projectContract.changeChecklist, { params: { id }, body: change })
}

// ---- administrators ----

export async function fetchTemplates(): Promise<ProjectTemplate[]> {
  const list = await call(projectContract.templates)
  return list.items
}

export function createTemplate(input: ProjectTemplateInput): Promise<ProjectTemplate> {
  return call(projectContract.createTemplate, { body: input })
}

export function saveTemplate(id: string, input: ProjectTemplateInput): Promise<ProjectTemplate> {
  return call(projectContract.replaceTemplate, { params: { id }, body: input })
}

export function fetchAdminProjects(query: Partial<AdminProjectListQuery> = {}): Promise<Page<ProjectSummary>> {
  // empty filters are left out (the server validates query strings strictly); a flag goes as the string it reads
  const { atRisk, level, type, regionCode, page } = query
  return call(projectContract.adminList, {
    query: { pageSize: PAGE_SIZE, page, atRisk: atRisk ? 'true' : undefined, level: level || undefined, type: type || undefined, regionCode: regionCode || undefined },
  })
}

export function createProject(input: ProjectCreate): Promise<ProjectDetail> {
  return call(projectContract.create, { body: input })
}

export function saveTeam(id: string, team: ProjectTeam): Promise<ProjectDetail> {
  return call(projectContract.setTeam, { params: { id }, body: team })
}

export function fetchOverview(type?: ProjectType): Promise<ProjectOverview> {
  return call(projectContract.overview, { query: { type } })
}

export async function fetchProjectAccounts(): Promise<ProjectAccount[]> {
  const list = await call(projectContract.accounts)
  return list.items
}

export function createProjectAccount(input: ProjectAccountCreate): Promise<{ account: ProjectAccount; password: string }> {
  return call(projectContract.createAccount, { body: input })
}
