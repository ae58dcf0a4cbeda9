import mongoose from 'mongoose'
import {
  addDays,
  regionContains,
  type AdminProjectListQuery,
  type Page,
  type ProjectCreateSchema,
  type ProjectDetail,
  type ProjectListQuery,
  type ProjectSummary,
  type ProjectTeamSchema,
} from '@xz/shared'
import type * as z from 'zod'
import type { AuthContext } from '../../lib/auth'
import { AppError, forbidden, invalidField, notFound } from '../../lib/errors'
import { adminRegionOf } from '../../lib/scope'
import { Account, type AccountDoc } from '../auth'
import { Region } from '../catalogue'
import { Project, ProjectAssignment, ProjectTemplate, type Person, type ProjectDoc, type ProjectItem, type TemplateDoc } from './project.model'
import { toDetail, toSummary } from './project-views'
import { actorFor, clean, context, loadProject, mutate, normalise, ownedCreditCode, type Ctx } from './project-store'
import { compareRank, projectActorOf, riskRank, scheduleOf } from './projects.rules'

type Create = z.output<typeof ProjectCreateSchema>

/** A project's approvals start within this window around today (calendar days). */
const MAX_START_PAST_DAYS = 3650
const MAX_START_FUTURE_DAYS = 1825
type Team = z.output<typeof ProjectTeamSchema>

export function detailOf(p: ProjectDoc, actor: Parameters<typeof toDetail>[2], ctx: Ctx): ProjectDetail {
  return toDetail(p, scheduleOf(p, ctx.today, ctx.dayType), actor, ctx.today, ctx.dayType)
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------
export async function getProject(auth: AuthContext, id: string): Promise<ProjectDetail> {
  const p = await loadProject(id)
  const actor = await actorFor(auth, p)
  return detailOf(p, actor, await context())
}

/** Summaries ordered at risk first (most late items first), then by the next due date; one page of them. */
function rankedPage(rows: { p: ProjectDoc; actor: ProjectSummary['viewerRole'] }[], q: ProjectListQuery, ctx: Ctx, keep: (s: ProjectSummary) => boolean = () => true): Page<ProjectSummary> {
  const all = rows
    .map(({ p, actor }) => toSummary(p, scheduleOf(p, ctx.today, ctx.dayType), actor, ctx.today))
    .filter(keep)
    .sort((a, b) => compareRank(riskRank({ ...a, nextDue: a.nextItem?.plannedEnd }), riskRank({ ...b, nextDue: b.nextItem?.plannedEnd })))
  const start = (q.page - 1) * q.pageSize
  return { items: all.slice(start, start + q.pageSize), total: all.length, page: q.page, pageSize: q.pageSize }
}

/** The projects of the enterprise the caller owns (`enterpriseCode` equality: a pushdown index). */
export async function listMine(auth: AuthContext, q: ProjectListQuery): Promise<Page<ProjectSummary>> {
  const code = await ownedCreditCode(auth)
  const rows = code ? (await Project.find({ enterpriseCode: code }).lean<ProjectDoc[]>()).map(normalise) : []
  return rankedPage(rows.map((p) => ({ p, actor: 'enterprise' as const })), q, await context())
}

/** The 项目长/代办员's projects, overdue first: the assignments by `accountId` (pushdown), then each project by `_id`. */
export async function listForAgent(auth: AuthContext, q: ProjectListQuery): Promise<Page<ProjectSummary>> {
  const assignments = await ProjectAssignment.find({ accountId: auth.sub }).lean<{ projectId: mongoose.Types.ObjectId }[]>()
  const projects = await Promise.all(assignments.map((a) => Project.findById(a.projectId).lean<ProjectDoc>()))
  const rows = projects
    .filter((p): p is ProjectDoc => Boolean(p))
    .map(normalise)
    .map((p) => ({ p, actor: projectActorOf(auth, p, undefined, regionContains) }))
    // a stale assignment (the team changed in between) shows nothing
    .filter((r): r is { p: ProjectDoc; actor: 'leader' | 'agent' } => r.actor === 'leader' || r.actor === 'agent')
  return rankedPage(rows, q, await context())
}

/**
 * The projects of an administrator's region: a county's by `regionCode` equality (pushdown); the city's are every
 * project (projects are few: hundreds, not hundreds of thousands).
 */
export async function projectsOfRegion(auth: AuthContext, county?: string): Promise<ProjectDoc[]> {
  const region = adminRegionOf(auth)
  if (county && !regionContains(region, county)) throw forbidden('该区域不在您管理的范围内')
  const scope = county ?? region
  const rows = scope.length === 6 && scope.endsWith('00') ? await Project.find({}).lean<ProjectDoc[]>() : await Project.find({ regionCode: scope.slice(0, 6) }).lean<ProjectDoc[]>()
  return rows.map(normalise).filter((p) => regionContains(scope, p.regionCode))
}

export async function listForAdmin(auth: AuthContext, q: AdminProjectListQuery): Promise<Page<ProjectSummary>> {
  const rows = (await projectsOfRegion(auth, q.regionCode)).filter((p) => (!q.type || p.type === q.type) && (!q.level || p.level === q.level))
  return rankedPage(
    rows.map((p) => ({ p, actor: 'admin' as const })),
    q,
    await context(),
    (s) => q.atRisk === undefined || s.atRisk === q.atRisk,
  )
}

// ---------------------------------------------------------------------------------------------
// Creating a project from a template, and its team
// ---------------------------------------------------------------------------------------------
function person(a: AccountDoc): Person {
  return { id: a._id.toString(), name: a.name, title: a.title ?? undefined, mobile: a.mobile ?? undefined }
}

/** The 项目长 and 代办员 named: accounts of role agent, enabled, working in a region that contains the project. */
async function resolveTeam(leaderId: string | undefined, agentIds: string[], regionCode: string) {
  const check = async (id: string, field: string) => {
    const a = await Account.findById(id).lean<AccountDoc>()
    if (!a || a.role !== 'agent') throw invalidField(field, '项目长/代办员账号不存在')
    if (a.disabled) throw new AppError('RULE_VIOLATION', `账号 ${a.name} 已停用，不能分配`, { field })
    if (!a.regionCode || !regionContains(a.regionCode, regionCode)) throw new AppError('RULE_VIOLATION', `${a.name} 不负责该项目所在区域`, { field })
    return a
  }
  const leader = leaderId ? await check(leaderId, 'leaderId') : undefined
  const uniqueAgents = [...new Set(agentIds)].filter((a) => a !== leaderId)
  const agents = await Promise.all(uniqueAgents.map((a, i) => check(a, `agentIds.${i}`)))
  return {
    leaderId: leader ? leader._id : null,
    leader: leader ? person(leader) : null,
    agentIds: agents.map((a) => a._id),
    agents: agents.map(person),
  }
}

/** Keeps the per-account assignments in line with the team (idempotent steps, by `_id`). */
async function syncAssignments(projectId: mongoose.Types.ObjectId, before: { leaderId?: unknown; agentIds: unknown[] }, after: { leaderId?: unknown; agentIds: unknown[] }) {
  const wanted = new Map<string, 'leader' | 'agent'>()
  for (const a of after.agentIds) wanted.set(String(a), 'agent')
  if (after.leaderId) wanted.set(String(after.leaderId), 'leader')
  for (const [accountId, role] of wanted) {
    await ProjectAssignment.updateOne({ _id: `${projectId}:${accountId}` }, { $set: { projectId, accountId, role } }, { upsert: true })
  }
  const previous = [...before.agentIds, ...(before.leaderId ? [before.leaderId] : [])].map(String)
  for (const accountId of previous) if (!wanted.has(accountId)) await ProjectAssignment.deleteOne({ _id: `${projectId}:${accountId}` })
}

export function itemsFromTemplate(t: TemplateDoc, landStart: boolean): ProjectItem[] {
  return t.items.map((it) => ({
    ...it,
    dependsOn: [...(it.dependsOn ?? [])],
    commitmentAllowed: Boolean(it.commitmentAllowed) || (landStart && Boolean(it.earlyStartDependsOn)),
    status: 'not_started',
    pausedWorkingDays: 0,
    documents: [],
    history: [],
    rev: 0,
  }))
}

export async function createProject(auth: AuthContext, body: Create): Promise<ProjectDetail> {
  const region = adminRegionOf(auth)
  if (!regionContains(region, body.regionCode)) throw forbidden('只能为本辖区创建项目')
  const today = (await context()).today
  if (body.startDate < addDays(today, -MAX_START_PAST_DAYS) || body.startDate > addDays(today, MAX_START_FUTURE_DAYS)) {
    throw new AppError('RULE_VIOLATION', '审批启动日期应在近 10 年内，且不晚于 5 年后', { field: 'startDate' })
  }
  const t = await ProjectTemplate.findById(body.templateId).lean<TemplateDoc>()
  if (!t) throw notFound('清单模板')
  if (t.active === false) throw new AppError('RULE_VIOLATION', '该清单模板已停用', { field: 'templateId' })
  const team = await resolveTeam(body.leaderId, body.agentIds, body.regionCode)
  const regionName = (await Region.findById(body.regionCode).select('name').lean<{ name: string }>())?.name
  const created = await Project.create(
    clean({
    seq: 0,
    name: body.name,
    code: body.code,
    type: t.type,
    level: body.level,
    templateId: t._id,
    templateName: t.name,
    enterpriseCode: body.enterprise.creditCode,
    enterpriseName: body.enterprise.name,
    regionCode: body.regionCode,
    regionName,
    location: body.location,
    industry: body.industry,
    investmentWan: body.investmentWan,
    standardLand: body.standardLand,
    landStart: body.landStart,
    startDate: body.startDate,
    contactName: body.contactName,
    contactMobile: body.contactMobile,
    ...team,
    items: itemsFromTemplate(t, body.landStart),
    agency: { status: 'none', itemKeys: [] },
    agencyHistory: [],
    adjustments: [],
    createdBy: auth.sub,
    }),
  )
  await syncAssignments(created._id, { agentIds: [] }, team)
  const p = await loadProject(created._id.toString())
  return detailOf(p, 'admin', await context())
}

export async function setTeam(auth: AuthContext, id: string, body: Team): Promise<ProjectDetail> {
  let team: Awaited<ReturnType<typeof resolveTeam>> | undefined
  const { before, after, actor, ctx } = await mutate(auth, id, async (p, actor) => {
    if (actor !== 'admin') throw forbidden('只有管理员可以分配项目长和代办员')
    team = await resolveTeam(body.leaderId, body.agentIds, p.regionCode)
    return { ...team }
  })
  await syncAssignments(after._id, before, team!)
  return detailOf(after, actor, ctx)
}
