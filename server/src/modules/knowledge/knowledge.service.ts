import {
  CITY_REGION_CODE,
  localDate,
  regionContains,
  type KnowledgeEntry,
  type KnowledgeInputSchema,
  type KnowledgePatch,
  type KnowledgeQuery,
  type KnowledgeReviewReport,
  type Page,
  type TicketToKnowledgeSchema,
} from '@xz/shared'
import type * as z from 'zod'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, forbidden, invalidField, isDuplicateKey, notFound } from '../../lib/errors'
import { adminRegionOf } from '../../lib/scope'
import { slicePage } from '../../lib/paging'
import { Department, parseQuery, pinyinOf, searchFilter, searchRank, SEGMENT_SEPARATOR } from '../catalogue'
import { Ticket, type TicketDoc } from '../tickets'
import { Knowledge, KnowledgeResolution, type KnowledgeDoc } from './knowledge.model'
import { isExpired, isReviewDue, monthBounds, reviewDueAt } from './knowledge.rules'

type Input = z.output<typeof KnowledgeInputSchema>

/** The precomputed search fields of an entry (Chinese text, pinyin and initials of its title and keywords). */
export function searchFieldsOf(e: { title: string; keywords: string[]; categoryPath: string[]; content: string }) {
  const segments = [e.title, ...e.keywords].map(pinyinOf)
  return {
    searchText: [e.title, ...e.keywords, ...e.categoryPath, e.content].join('\n').toLowerCase(),
    pinyin: segments.map((p) => p.full).join(SEGMENT_SEPARATOR),
    initials: segments.map((p) => p.initials).join(SEGMENT_SEPARATOR),
  }
}

async function namesOf(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await Department.find({ _id: { $in: [...new Set(ids)] } }).select('name').lean()
  return new Map(rows.map((d) => [d._id.toString(), d.name]))
}

function toView(e: KnowledgeDoc, names: Map<string, string>, at: Date): KnowledgeEntry {
  return {
    id: e._id.toString(),
    title: e.title,
    categoryPath: e.categoryPath,
    content: e.content,
    keywords: e.keywords,
    departmentId: e.departmentId.toString(),
    departmentName: names.get(e.departmentId.toString()) ?? '',
    type: e.type,
    validFrom: e.validFrom ?? undefined,
    validTo: e.validTo ?? undefined,
    status: e.status ?? 'active',
    reviewedAt: e.reviewedAt.toISOString(),
    reviewDueAt: reviewDueAt(e.reviewedAt).toISOString(),
    reviewDue: e.status !== 'retired' && isReviewDue(e.reviewedAt, at),
    expired: isExpired(e.validTo, at),
    sourceTicketId: e.sourceTicketId ?? undefined,
    demo: Boolean(e.demo),
  }
}

async function views(rows: KnowledgeDoc[]): Promise<KnowledgeEntry[]> {
  const names = await namesOf(rows.map((r) => r.departmentId.toString()))
  const at = now()
  return rows.map((r) => toView(r, names, at))
}

// ---------------------------------------------------------------------------------------------
// Public: search (Chinese and pinyin, like the catalogue) and reading
// ---------------------------------------------------------------------------------------------

/** Active, unexpired entries matching the query, best first (exact title, title prefix, title contains, the rest). */
export async function searchKnowledge(q: KnowledgeQuery): Promise<Page<KnowledgeEntry>> {
  const parsed = q.q ? parseQuery(q.q) : undefined
  const filter: Record<string, unknown> = { status: 'active', ...(q.type ? { type: q.type } : {}), ...(parsed ? searchFilter(parsed) : {}) }
  const today = localDate(now())
  const rows = (await Knowledge.find(filter).select('-searchText').lean<KnowledgeDoc[]>()).filter((e) => !e.validTo || e.validTo >= today)
  if (parsed && rows.length === 0 && !parsed.pinyin) return relatedEntries(parsed.text, q)
  const ranked = parsed
    ? rows
        .map((e) => ({ e, rank: searchRank({ name: e.title, pinyin: e.pinyin, initials: e.initials }, parsed) }))
        .sort((a, b) => a.rank - b.rank || a.e.title.length - b.e.title.length)
        .map((x) => x.e)
    : rows.sort((a, b) => b.reviewedAt.getTime() - a.reviewedAt.getTime())
  const read = slicePage(ranked, q)
  return read.page(await views(read.rows))
}

/** Chinese character pairs of a text (punctuation and spaces dropped). */
function bigrams(text: string): Set<string> {
  const chars = Array.from(text.replace(/[^\p{Script=Han}a-z0-9]/giu, ''))
  const out = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1])
  return out
}

/** Pairs too common in questions to say anything about the topic. */
const STOP_BIGRAMS = new Set(['怎么', '什么', '如何', '哪里', '需要', '可以', '办理', '请问', '为什么', '多久'])

/**
 * A question typed as a sentence ("社保卡丢了怎么补办") rarely matches an entry word for word: rank the entries by the
 * character pairs they share with it (title and keywords), keeping those that share at least 3 and 40 % of the
 * question's pairs. The entries are a small curated set, read whole.
 */
async function relatedEntries(text: string, q: KnowledgeQuery): Promise<Page<KnowledgeEntry>> {
  const wanted = [...bigrams(text)].filter((b) => !STOP_BIGRAMS.has(b))
  if (wanted.length < 3) return { items: [], total: 0, page: q.page, pageSize: q.pageSize }
  const today = localDate(now())
  const rows = (await Knowledge.find({ status: 'active', ...(q.type ? { type: q.type } : {}) }).select('-searchText').lean<KnowledgeDoc[]>()).filter(
    (e) => !e.validTo || e.validTo >= today,
  )
  const scored = rows
    .map((e) => {
      const have = bigrams([e.title, ...e.keywords].join(' '))
      return { e, shared: wanted.filter((b) => have.has(b)).length }
    })
    .filter((x) => x.shared >= 3 && x.shared >= 0.4 * wanted.length)
    .sort((a, b) => b.shared - a.shared || a.e.title.length - b.e.title.length)
    .map((x) => x.e)
  const read = slicePage(scored, q)
  return read.page(await views(read.rows))
}

export async function getKnowledge(id: string): Promise<KnowledgeEntry> {
  const e = await Knowledge.findById(id).lean<KnowledgeDoc>()
  if (!e || e.status === 'retired') throw notFound('知识条目')
  return (await views([e]))[0]
}

/** The requester stopped at an entry instead of submitting a 咨询: counted once per person, entry and day. */
export async function markResolved(auth: AuthContext, id: string, regionCode: string = CITY_REGION_CODE): Promise<{ ok: true }> {
  if (!regionContains(CITY_REGION_CODE, regionCode)) throw invalidField('regionCode', '只受理忻州市范围内的诉求')
  const e = await Knowledge.exists({ _id: id, status: 'active' })
  if (!e) throw notFound('知识条目')
  const at = now()
  const date = localDate(at)
  try {
    await KnowledgeResolution.create({ _id: `kr:${auth.sub}:${id}:${date}`, knowledgeId: id, userId: auth.sub, month: date.slice(0, 7), regionCode, at })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
  }
  return { ok: true }
}

// ---------------------------------------------------------------------------------------------
// Management: administrators (entries of their region's departments) and the owning department's handlers
// ---------------------------------------------------------------------------------------------

async function assertMayManage(auth: AuthContext, departmentId: string): Promise<void> {
  if (auth.role === 'handler') {
    if (auth.departmentId !== departmentId) throw forbidden('只能维护本部门的知识条目')
    return
  }
  const dept = await Department.findById(departmentId).select('regionCode').lean()
  if (!dept) throw invalidField('departmentId', '部门不存在')
  if (auth.role !== 'admin' || !regionContains(adminRegionOf(auth), dept.regionCode)) throw forbidden('只能维护本辖区部门的知识条目')
}

async function loadManaged(auth: AuthContext, id: string): Promise<KnowledgeDoc> {
  const e = await Knowledge.findById(id).lean<KnowledgeDoc>()
  if (!e) throw notFound('知识条目')
  await assertMayManage(auth, e.departmentId.toString())
  return e
}

function checkValidity(validFrom?: string | null, validTo?: string | null): void {
  if (validFrom && validTo && validTo < validFrom) throw invalidField('validTo', '有效期结束日期不能早于开始日期')
}

export async function createKnowledge(auth: AuthContext, input: Input, sourceTicketId?: string): Promise<KnowledgeEntry> {
  await assertMayManage(auth, input.departmentId)
  checkValidity(input.validFrom, input.validTo)
  try {
    const created = await Knowledge.create({ ...input, ...searchFieldsOf(input), reviewedAt: now(), reviewedBy: auth.sub, createdBy: auth.sub, sourceTicketId })
    return (await views([created.toObject() as KnowledgeDoc]))[0]
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('DUPLICATE', '已有同名知识条目', { title: input.title })
    throw err
  }
}

/** An edit is a review too: the content was checked when it was changed. */
export async function updateKnowledge(auth: AuthContext, id: string, patch: KnowledgePatch): Promise<KnowledgeEntry> {
  const e = await loadManaged(auth, id)
  if (patch.departmentId) await assertMayManage(auth, patch.departmentId)
  const next = { title: patch.title ?? e.title, keywords: patch.keywords ?? e.keywords, categoryPath: patch.categoryPath ?? e.categoryPath, content: patch.content ?? e.content }
  checkValidity(patch.validFrom ?? e.validFrom, patch.validTo ?? e.validTo)
  if (patch.title && patch.title !== e.title && (await Knowledge.exists({ title: patch.title }))) throw new AppError('DUPLICATE', '已有同名知识条目', { title: patch.title })
  await Knowledge.updateOne({ _id: e._id }, { $set: { ...patch, ...searchFieldsOf(next), reviewedAt: now(), reviewedBy: auth.sub } })
  return (await views([(await Knowledge.findById(id).lean<KnowledgeDoc>())!]))[0]
}

/** One-tap review: "reviewed, still valid" (resets the month) or retire. */
export async function reviewKnowledge(auth: AuthContext, id: string, action: 'valid' | 'retire'): Promise<KnowledgeEntry> {
  const e = await loadManaged(auth, id)
  if (e.status === 'retired') throw new AppError('INVALID_STATE', '该知识条目已停用')
  await Knowledge.updateOne({ _id: e._id }, { $set: action === 'valid' ? { reviewedAt: now(), reviewedBy: auth.sub } : { status: 'retired', reviewedAt: now(), reviewedBy: auth.sub } })
  return (await views([(await Knowledge.findById(id).lean<KnowledgeDoc>())!]))[0]
}

/** The caller's entries: a handler's department's, an administrator's region's departments'. */
async function ownEntries(auth: AuthContext): Promise<KnowledgeDoc[]> {
  if (auth.role === 'handler') {
    if (!auth.departmentId) throw forbidden('账号未设置所属部门')
    return Knowledge.find({ departmentId: auth.departmentId }).select('-searchText').lean<KnowledgeDoc[]>()
  }
  const region = adminRegionOf(auth)
  const depts = (await Department.find({}).select('regionCode').lean()).filter((d) => regionContains(region, d.regionCode)).map((d) => d._id)
  return Knowledge.find({ departmentId: { $in: depts } }).select('-searchText').lean<KnowledgeDoc[]>()
}

/** Entries due for their monthly review (or expired), oldest review first. */
export async function reviewDueList(auth: AuthContext, q: { page: number; pageSize: number }): Promise<Page<KnowledgeEntry>> {
  const at = now()
  const due = (await ownEntries(auth))
    .filter((e) => e.status !== 'retired' && (isReviewDue(e.reviewedAt, at) || isExpired(e.validTo, at)))
    .sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime())
  const read = slicePage(due, q)
  return read.page(await views(read.rows))
}

/**
 * The monthly review report per department, as of the end of the month (or now, for the current month): reviewed
 * in the month / due and not reviewed / expired; and the month's 知识库解决率.
 */
export async function reviewReport(auth: AuthContext, month: string): Promise<KnowledgeReviewReport> {
  const { first, last } = monthBounds(month)
  const endOfMonth = new Date(new Date(`${last}T23:59:59+08:00`).getTime())
  const asOf = now() < endOfMonth ? now() : endOfMonth
  const entries = (await ownEntries(auth)).filter((e) => e.status !== 'retired')
  const names = await namesOf(entries.map((e) => e.departmentId.toString()))
  const rows = new Map<string, KnowledgeReviewReport['rows'][number]>()
  for (const e of entries) {
    const key = e.departmentId.toString()
    const r = rows.get(key) ?? { departmentId: key, departmentName: names.get(key) ?? '', total: 0, reviewed: 0, due: 0, expired: 0 }
    r.total++
    const reviewedDate = localDate(e.reviewedAt)
    if (reviewedDate >= first && reviewedDate <= last) r.reviewed++
    else if (isReviewDue(e.reviewedAt, asOf)) r.due++
    if (isExpired(e.validTo, asOf)) r.expired++
    rows.set(key, r)
  }
  // statistics: the month's resolutions and 咨询 (month equality: pushdown indexes), both counted in the
  // administrator's region (a resolution without a region, from before regions were kept, is the city's)
  const [resolutions, consultations] = await Promise.all([
    KnowledgeResolution.find({ month }).select('regionCode').lean<{ regionCode?: string | null }[]>(),
    Ticket.find({ month, type: '咨询' }).select('regionCode shownKnowledge').lean<Pick<TicketDoc, 'regionCode' | 'shownKnowledge'>[]>(),
  ])
  const region = adminRegionOf(auth)
  const resolved = resolutions.filter((r) => regionContains(region, r.regionCode ?? CITY_REGION_CODE)).length
  const submittedAfterSuggestions = consultations.filter((t) => t.shownKnowledge && regionContains(region, t.regionCode)).length
  const d = resolved + submittedAfterSuggestions
  return {
    month,
    rows: [...rows.values()].sort((a, b) => b.due - a.due || a.departmentName.localeCompare(b.departmentName)),
    resolved,
    submittedAfterSuggestions,
    resolutionRate: d === 0 ? null : Math.round((resolved * 1000) / d),
  }
}

/** "Turn this reply into a knowledge entry": a closed or replied 咨询's question and reply, by its department. */
export async function ticketToKnowledge(auth: AuthContext, ticketId: string, input: z.output<typeof TicketToKnowledgeSchema>): Promise<KnowledgeEntry> {
  const t = await Ticket.findById(ticketId).lean<TicketDoc>()
  if (!t) throw notFound('诉求')
  const dept = t.departmentId?.toString()
  if (!dept || auth.departmentId !== dept) throw forbidden('只能转换本部门答复的诉求')
  if (t.type !== '咨询') throw new AppError('RULE_VIOLATION', '只有咨询类诉求的答复可以转为知识条目')
  if (!t.reply?.text || !['replied', 'closed', 'archived'].includes(t.status)) throw new AppError('INVALID_STATE', '诉求尚未答复')
  const content = `问：${t.description}\n答：${t.reply.text}`
  return createKnowledge(auth, { ...input, content, departmentId: dept }, t._id)
}
