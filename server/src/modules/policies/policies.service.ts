import mongoose from 'mongoose'
import {
  leafConditions,
  localDate,
  matchPolicy,
  matchStatus,
  regionContains,
  type AdminPolicyQuery,
  type ConditionCounts,
  type ConditionCountsInput,
  type ConditionNode,
  type MatchResult,
  type Page,
  type PolicyDetail,
  type PolicyInput,
  type PolicyPatch,
  type PolicyQuery,
  type PolicySummary,
} from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, isDuplicateKey, notFound } from '../../lib/errors'
import { logger } from '../../lib/logger'
import { adminRegionOf, assertRegionScope } from '../../lib/scope'
import { slicePage } from '../../lib/paging'
import { Department, type ParsedQuery, parseQuery, pinyinOf } from '../catalogue'
import { enterpriseCache, myEnterprise } from '../enterprises'
import type { EnterpriseDoc } from '../enterprises'
import { toApplication } from './applications.service'
import { policyCache, type CachedPolicy } from './policy-cache'
import { deliverPolicyTo, matchOf, matchProfileOf } from './policy-notices'
import { Policy, PolicyApplication, PolicyClaim, type PolicyApplicationDoc, type PolicyDoc } from './policy.model'

const today = () => localDate(now())

/** Department names (a small, bounded collection), for the policy views. */
export async function departmentNames(): Promise<Map<string, string>> {
  const rows = await Department.find({}, 'name shortName').lean<{ _id: mongoose.Types.ObjectId; name: string }[]>()
  return new Map(rows.map((d) => [String(d._id), d.name]))
}

function summaryOf(p: CachedPolicy, names: Map<string, string>, match?: MatchResult): PolicySummary {
  return {
    id: String(p._id),
    title: p.title,
    departmentId: String(p.departmentId),
    departmentName: names.get(String(p.departmentId)) ?? '',
    docNumber: p.docNumber,
    regionCode: p.regionCode,
    status: p.status as PolicySummary['status'],
    publishedAt: p.publishedAt ? p.publishedAt.toISOString() : undefined,
    validFrom: p.validFrom,
    validTo: p.validTo ?? undefined,
    summary: p.summary,
    benefit: { kind: p.benefit.kind as PolicySummary['benefit']['kind'], description: p.benefit.description ?? '', amountFen: p.benefit.amountFen ?? undefined },
    mode: p.mode as PolicySummary['mode'],
    topics: p.topics,
    demo: Boolean(p.demo),
    ...(match ? { match: { status: match.status, failing: match.failing.length, missingFields: match.missingFields } } : {}),
  }
}

const newestFirst = (a: CachedPolicy, b: CachedPolicy) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0) || String(b._id).localeCompare(String(a._id))

function matchesQuery(p: CachedPolicy, parsed: ParsedQuery): boolean {
  const has = (f: string | null | undefined, t: string) => typeof f === 'string' && f.includes(t)
  return parsed.terms.every((t) => has(p.searchText, t.text) || (t.pinyin !== undefined && (has(p.pinyin, t.pinyin) || has(p.initials, t.pinyin))))
}

/** The caller's enterprise when the caller is an enterprise user with a profile. */
async function callerEnterprise(auth: AuthContext | undefined): Promise<EnterpriseDoc | null> {
  return auth?.role === 'citizen' ? myEnterprise(auth) : null
}

/** `GET /policies`: published policies, filtered and searched in memory (Chinese and pinyin), newest first. */
export async function listPolicies(auth: AuthContext | undefined, q: PolicyQuery): Promise<Page<PolicySummary>> {
  const parsed = q.q ? parseQuery(q.q) : undefined
  const [policies, names, ent] = await Promise.all([policyCache.items(), departmentNames(), callerEnterprise(auth)])
  const rows = policies
    .filter((p) => p.status === 'published')
    .filter((p) => !q.tag || p.topics.includes(q.tag))
    .filter((p) => !q.departmentId || String(p.departmentId) === q.departmentId.toLowerCase())
    .filter((p) => !q.mode || p.mode === q.mode)
    .filter((p) => !parsed || matchesQuery(p, parsed))
    .sort(newestFirst)
  const day = today()
  const read = slicePage(rows, q)
  return read.page(read.rows.map((p) => summaryOf(p, names, ent ? matchOf(p, ent, day) : undefined)))
}

/** `GET /policies/recommended` (为你推荐): published policies my enterprise is or may be eligible for, newest first. */
export async function recommended(auth: AuthContext): Promise<PolicySummary[]> {
  const ent = await callerEnterprise(auth)
  if (!ent) return []
  const [policies, names] = await Promise.all([policyCache.items(), departmentNames()])
  const day = today()
  return policies
    .filter((p) => p.status === 'published')
    .map((p) => ({ p, m: matchOf(p, ent, day) }))
    .filter(({ m }) => m.status !== 'ineligible')
    .sort((a, b) => newestFirst(a.p, b.p))
    .slice(0, 50)
    .map(({ p, m }) => summaryOf(p, names, m))
}

async function loadPolicy(id: string): Promise<PolicyDoc> {
  const p = await Policy.findById(id).lean<PolicyDoc>()
  if (!p) throw notFound('政策')
  return p
}

function detailOf(p: PolicyDoc, names: Map<string, string>, explanation?: MatchResult, app?: PolicyApplicationDoc | null): PolicyDetail {
  return {
    ...summaryOf(p, names, explanation),
    fullText: p.fullText ?? '',
    guide: {
      beneficiaries: p.guide.beneficiaries ?? '',
      requirements: p.guide.requirements ?? '',
      promiseDays: p.guide.promiseDays ?? 0,
      address: p.guide.address ?? '',
      phone: p.guide.phone ?? '',
    },
    conditions: p.conditions,
    ...(explanation ? { explanation } : {}),
    ...(app ? { myApplication: toApplication(app, p.title, today()) } : {}),
  }
}

/** `GET /policies/:id`: a published policy (administrators: any of their region) with the caller's explanation. */
export async function getPolicy(auth: AuthContext | undefined, id: string): Promise<PolicyDetail> {
  const p = await loadPolicy(id)
  const isAdmin = auth?.role === 'admin' && auth.regionCode && regionContains(auth.regionCode, p.regionCode)
  if (p.status !== 'published' && !isAdmin) throw notFound('政策')
  const [names, ent] = await Promise.all([departmentNames(), callerEnterprise(auth)])
  if (!ent) return detailOf(p, names)
  const explanation = matchOf(p, ent, today())
  const app = await PolicyApplication.findById(`${p._id}:${ent._id}`).lean<PolicyApplicationDoc>()
  return detailOf(p, names, explanation, app)
}

// ---------------------------------------------------------------------------------------------
// Administration (administrators of the policy's region; issuing departments work through them)
// ---------------------------------------------------------------------------------------------

function searchFields(title: string, summary: string, docNumber: string, department: string) {
  const py = pinyinOf(title)
  return { searchText: `${title} ${summary} ${docNumber} ${department}`.toLowerCase(), pinyin: py.full, initials: py.initials }
}

async function departmentFor(auth: AuthContext, departmentId: string): Promise<{ name: string }> {
  const d = await Department.findById(departmentId, 'name regionCode').lean<{ name: string; regionCode: string }>()
  if (!d) throw new AppError('VALIDATION_FAILED', 'departmentId: 部门不存在', { issues: [{ path: 'departmentId', message: '部门不存在', code: 'custom' }] })
  return d
}

export async function adminList(auth: AuthContext, q: AdminPolicyQuery): Promise<Page<PolicySummary>> {
  const region = adminRegionOf(auth)
  const [policies, names] = await Promise.all([policyCache.items(), departmentNames()])
  const rows = policies
    .filter((p) => regionContains(region, p.regionCode) && (!q.status || p.status === q.status))
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
  const read = slicePage(rows, q)
  return read.page(read.rows.map((p) => summaryOf(p, names)))
}

export async function createPolicy(auth: AuthContext, input: PolicyInput): Promise<PolicyDetail> {
  assertRegionScope(auth, input.regionCode)
  const dept = await departmentFor(auth, input.departmentId)
  const created = await Policy.create({
    ...input,
    validTo: input.validTo ?? undefined,
    benefit: { ...input.benefit, amountFen: input.benefit.amountFen ?? undefined },
    status: 'draft',
    createdBy: auth.sub,
    ...searchFields(input.title, input.summary, input.docNumber, dept.name),
  })
  await policyCache.touch()
  return detailOf(created.toObject() as PolicyDoc, await departmentNames())
}

export async function patchPolicy(auth: AuthContext, id: string, patch: PolicyPatch): Promise<PolicyDetail> {
  const p = await loadPolicy(id)
  assertRegionScope(auth, p.regionCode)
  const next = { ...p, ...patch }
  if (next.validTo && next.validTo < next.validFrom) {
    throw new AppError('VALIDATION_FAILED', 'validTo: 有效期结束不能早于开始', { issues: [{ path: 'validTo', message: '有效期结束不能早于开始', code: 'custom' }] })
  }
  const names = await departmentNames()
  const set: Record<string, unknown> = { ...patch, ...searchFields(next.title, next.summary, next.docNumber, names.get(String(p.departmentId)) ?? '') }
  const unset: Record<string, 1> = {}
  if (patch.validTo === null) {
    delete set.validTo
    unset.validTo = 1
  }
  await Policy.updateOne({ _id: p._id }, { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) })
  await policyCache.touch()
  return detailOf(await loadPolicy(id), names)
}

/**
 * Publishes a policy and delivers it to every enterprise: 免申即享 grants to the eligible ones and notices, each once
 * (unique `_id` claims), so publishing twice, or from two processes at once, grants and notifies each enterprise once.
 * The first publication time is claimed (`publish:<id>`), so every process records the same one.
 */
export async function publishPolicy(auth: AuthContext, id: string): Promise<{ policy: PolicySummary; granted: number; notified: number }> {
  const p = await loadPolicy(id)
  assertRegionScope(auth, p.regionCode)
  if (p.status === 'withdrawn') throw new AppError('INVALID_STATE', '已撤回的政策不能再发布')
  let publishedAt = now()
  try {
    await PolicyClaim.create({ _id: `publish:${id}`, at: publishedAt, by: auth.sub })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    publishedAt = (await PolicyClaim.findById(`publish:${id}`).lean<{ at: Date }>())!.at
  }
  await Policy.updateOne({ _id: p._id }, { $set: { status: 'published', publishedAt } })
  await policyCache.touch()
  const published = { ...p, status: 'published', publishedAt } as CachedPolicy
  const day = today()
  let granted = 0
  let notified = 0
  for (const e of await enterpriseCache.items()) {
    const r = await deliverPolicyTo(published, e, day)
    if (r.granted) granted++
    if (r.notified) notified++
  }
  logger.info({ policy: id, granted, notified }, 'policy published')
  return { policy: summaryOf(published, await departmentNames()), granted, notified }
}

export async function withdrawPolicy(auth: AuthContext, id: string): Promise<PolicySummary> {
  const p = await loadPolicy(id)
  assertRegionScope(auth, p.regionCode)
  await Policy.updateOne({ _id: p._id }, { $set: { status: 'withdrawn' } })
  await policyCache.touch()
  return summaryOf({ ...p, status: 'withdrawn' } as CachedPolicy, await departmentNames())
}

/**
 * The live count of the condition editor: over the enterprise profiles (held in memory), how many each condition
 * keeps, leaves undecided or drops, and how many the whole tree finds eligible or possibly eligible.
 */
export async function conditionCounts(auth: AuthContext, input: ConditionCountsInput): Promise<ConditionCounts> {
  const region = adminRegionOf(auth)
  const enterprises = (await enterpriseCache.items()).filter((e) => !e.registeredRegion || regionContains(region, e.registeredRegion))
  const day = today()
  const leaves = leafConditions(input.conditions)
  const counts = leaves.map(() => ({ pass: 0, unknown: 0, fail: 0 }))
  let eligible = 0
  let possible = 0
  for (const e of enterprises) {
    const profile = matchProfileOf(e)
    const whole = matchStatus({ conditions: input.conditions, validFrom: input.validFrom, validTo: input.validTo }, profile, day)
    if (whole === 'eligible') eligible++
    else if (whole === 'possible') possible++
    leaves.forEach((l, i) => {
      const r = matchStatus({ conditions: l.condition as ConditionNode }, profile, day)
      counts[i][r === 'eligible' ? 'pass' : r === 'possible' ? 'unknown' : 'fail']++
    })
  }
  return {
    enterprises: enterprises.length,
    eligible,
    possible,
    conditions: leaves.map((l, i) => ({ path: l.path, label: matchPolicy({ conditions: l.condition }, {}, day).lines[1].label, ...counts[i] })),
  }
}
