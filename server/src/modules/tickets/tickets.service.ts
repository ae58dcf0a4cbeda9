import mongoose from 'mongoose'
import {
  DEFAULT_REPLY_WORKING_DAYS,
  localDate,
  regionContains,
  CITY_REGION_CODE,
  TICKET_ACTION_LABELS,
  TICKET_STATUS_LABELS,
  type DispatchQueueQuery,
  type HandlerTicketsQuery,
  type MyTicketsQuery,
  type Page,
  type Ticket as TicketView,
  type TicketAction,
  type TicketCategory as TicketCategoryView,
  type TicketCategoryInput,
  type TicketCategoryPatch,
  type TicketDispatch,
  type TicketEvent,
  type TicketSatisfaction,
  type TicketStatus,
  type TicketSubmitSchema,
} from '@xz/shared'
import type * as z from 'zod'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, forbidden, invalidField, isDuplicateKey, notFound } from '../../lib/errors'
import { adminRegionOf } from '../../lib/scope'
import { slicePage } from '../../lib/paging'
import { Account, requireAgreement } from '../auth'
import { currentCalendar } from '../calendar'
import { Department } from '../catalogue'
import { notify } from '../notifications'
import { assertOwnPhotos, attachPhotos, signedLink } from './ticket-photos'
import { insertWithNumber } from './ticket-numbers'
import { Ticket, TicketCategory, TicketClaim, type TicketCategoryDoc, type TicketDoc } from './ticket.model'
import {
  actorOf,
  allowedFrom,
  canReturnAt,
  clockOf,
  deadlineRank,
  listKeysOf,
  pausedWorkingDaysOf,
  replyDueOf,
  responseDueOf,
  TRANSITIONS,
  type TicketActor,
} from './tickets.rules'

type Submit = z.output<typeof TicketSubmitSchema>
type Changes = Record<string, unknown>

// ---------------------------------------------------------------------------------------------
// The dispatch catalogue (派单目录): a few hundred rows at most, read whole
// ---------------------------------------------------------------------------------------------

async function departmentNames(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await Department.find({ _id: { $in: [...new Set(ids)] } }).select('name').lean()
  return new Map(rows.map((d) => [d._id.toString(), d.name]))
}

function toCategoryView(c: TicketCategoryDoc, names: Map<string, string>): TicketCategoryView {
  return {
    id: c._id.toString(),
    name: c.name,
    parent: c.parent ?? undefined,
    departmentId: c.departmentId.toString(),
    departmentName: names.get(c.departmentId.toString()) ?? '',
    limitClass: c.limitClass ?? '一般',
    replyDays: c.replyDays,
    active: c.active ?? true,
  }
}

export async function listCategories(includeInactive = false): Promise<{ items: TicketCategoryView[] }> {
  const rows = await TicketCategory.find(includeInactive ? {} : { active: true }).sort({ parent: 1, name: 1 }).lean<TicketCategoryDoc[]>()
  const names = await departmentNames(rows.map((r) => r.departmentId.toString()))
  return { items: rows.map((r) => toCategoryView(r, names)) }
}

/** The catalogue is city-wide: kept by the city's administrators. */
function assertCityAdmin(auth: AuthContext): void {
  if (adminRegionOf(auth) !== CITY_REGION_CODE) throw forbidden('派单目录由市级管理员维护')
}

export async function createCategory(auth: AuthContext, input: TicketCategoryInput): Promise<TicketCategoryView> {
  assertCityAdmin(auth)
  if (!(await Department.exists({ _id: input.departmentId }))) throw notFound('承办部门')
  try {
    const c = await TicketCategory.create({ ...input, replyDays: input.replyDays ?? DEFAULT_REPLY_WORKING_DAYS[input.limitClass] })
    const doc = c.toObject() as TicketCategoryDoc
    return toCategoryView(doc, await departmentNames([input.departmentId]))
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('DUPLICATE', '该分类已存在', { name: input.name })
    throw err
  }
}

export async function updateCategory(auth: AuthContext, id: string, patch: TicketCategoryPatch): Promise<TicketCategoryView> {
  assertCityAdmin(auth)
  const c = await TicketCategory.findById(id).lean<TicketCategoryDoc>()
  if (!c) throw notFound('派单目录分类')
  if (patch.departmentId && !(await Department.exists({ _id: patch.departmentId }))) throw notFound('承办部门')
  if (patch.name && patch.name !== c.name && (await TicketCategory.exists({ name: patch.name }))) {
    throw new AppError('DUPLICATE', '该分类已存在', { name: patch.name })
  }
  const $set: Changes = { ...patch }
  if (patch.limitClass && patch.replyDays === undefined) $set.replyDays = DEFAULT_REPLY_WORKING_DAYS[patch.limitClass]
  await TicketCategory.updateOne({ _id: c._id }, { $set })
  const updated = (await TicketCategory.findById(id).lean<TicketCategoryDoc>())!
  return toCategoryView(updated, await departmentNames([updated.departmentId.toString()]))
}

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined)
const maskMobile = (m: string) => (m.length === 11 ? `${m.slice(0, 3)}****${m.slice(7)}` : '****')

export function toTicketView(t: TicketDoc, actor: TicketActor, at: Date): TicketView {
  const staffNames = actor !== 'owner'
  const timeline: TicketEvent[] = (t.timeline ?? []).map((e) => ({
    seq: e.seq,
    action: e.action as TicketAction,
    actionLabel: TICKET_ACTION_LABELS[e.action as TicketAction],
    at: e.at.toISOString(),
    byRole: e.byRole,
    byName: staffNames && e.byRole !== 'citizen' ? (e.byName ?? undefined) : undefined,
    from: (e.from ?? undefined) as TicketStatus | undefined,
    to: e.to as TicketStatus,
    reason: e.reason ?? undefined,
    text: e.text ?? undefined,
  }))
  return {
    id: t._id,
    status: t.status,
    statusLabel: TICKET_STATUS_LABELS[t.status],
    type: t.type,
    categoryId: t.categoryId.toString(),
    categoryName: t.categoryName,
    departmentId: t.departmentId?.toString(),
    departmentName: t.departmentName ?? undefined,
    regionCode: t.regionCode,
    description: t.description,
    photos: t.photos ?? [],
    photoLinks: (t.photos ?? []).map((url) => signedLink(url, at)),
    address: t.address ?? undefined,
    contactName: t.contactName ?? undefined,
    contactMobile: actor === 'owner' ? t.contactMobile : maskMobile(t.contactMobile),
    enterprise: Boolean(t.enterprise),
    urgent: Boolean(t.urgent),
    limitDays: t.limitDays,
    submittedAt: t.submittedAt.toISOString(),
    dispatchedAt: iso(t.dispatchedAt),
    responseDueAt: iso(t.responseDueAt),
    replyDueAt: iso(t.replyDueAt),
    pausedWorkingDays: t.pausedWorkingDays ?? 0,
    extension: t.extension?.status
      ? {
          days: t.extension.days ?? 0,
          reason: t.extension.reason ?? '',
          status: t.extension.status,
          decisionReason: t.extension.decisionReason ?? undefined,
        }
      : undefined,
    reply: t.reply?.text ?? undefined,
    satisfaction: t.satisfaction ?? undefined,
    reworked: Boolean(t.reworked),
    returns: t.returns ?? 0,
    mergedInto: t.mergedInto ?? undefined,
    mergedIds: t.mergedIds ?? [],
    clock: clockOf(t, at),
    canRate: actor === 'owner' && t.status === 'replied',
    canSupplement: actor === 'owner' && t.status === 'awaiting_supplement',
    timeline,
  }
}

// ---------------------------------------------------------------------------------------------
// Submission
// ---------------------------------------------------------------------------------------------

function event(seq: number, action: TicketAction, auth: AuthContext, from: TicketStatus | undefined, to: TicketStatus, at: Date, extra: { reason?: string; text?: string } = {}) {
  return { seq, action, at, by: auth.sub, byRole: auth.role, byName: auth.role === 'citizen' ? undefined : auth.name, from, to, ...extra }
}

export async function submitTicket(auth: AuthContext, input: Submit): Promise<TicketView> {
  await requireAgreement(auth)
  const category = await TicketCategory.findById(input.categoryId).lean<TicketCategoryDoc>()
  if (!category || category.active === false) throw invalidField('categoryId', '诉求分类不存在或已停用')
  const regionCode = input.regionCode ?? CITY_REGION_CODE
  if (!regionContains(CITY_REGION_CODE, regionCode)) throw invalidField('regionCode', '只受理忻州市范围内的诉求')
  await assertOwnPhotos(auth, input.photos)
  const at = now()
  const date = localDate(at)
  const id = await insertWithNumber(date, (ticketId) => ({
    _id: ticketId,
    seq: 1,
    date,
    month: date.slice(0, 7),
    userId: new mongoose.Types.ObjectId(auth.sub),
    type: input.type,
    categoryId: category._id,
    categoryName: category.name,
    departmentId: category.departmentId,
    regionCode,
    description: input.description,
    photos: input.photos,
    hallId: input.hallId,
    address: input.address,
    location: input.location,
    contactName: input.contactName,
    contactMobile: input.contactMobile,
    enterprise: input.enterprise,
    limitDays: category.replyDays,
    status: 'submitted',
    submittedAt: at,
    timeline: [event(1, 'submit', auth, undefined, 'submitted', at)],
    ...listKeysOf({ status: 'submitted' }),
    mAccepted: 1,
    shownKnowledge: input.type === '咨询' && input.shownKnowledgeIds.length > 0 ? 1 : 0,
  }))
  await attachPhotos(input.photos, id)
  return toTicketView((await Ticket.findById(id).lean<TicketDoc>())!, 'owner', now())
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

async function load(id: string): Promise<TicketDoc> {
  const t = await Ticket.findById(id).lean<TicketDoc>()
  if (!t) throw notFound('诉求')
  return t
}

function actorFor(auth: AuthContext, t: TicketDoc): TicketActor {
  const actor = actorOf(auth, t, regionContains)
  if (!actor) throw forbidden('无权查看或处理该诉求')
  return actor
}

export async function getTicket(auth: AuthContext, id: string): Promise<TicketView> {
  const t = await load(id)
  return toTicketView(t, actorFor(auth, t), now())
}

function paged(rows: TicketDoc[], actor: TicketActor, q: { page: number; pageSize: number }, at: Date): Page<TicketView> {
  const read = slicePage(rows, q)
  return read.page(read.rows.map((t) => toTicketView(t, actor, at)))
}

/** The requester's tickets, newest first (`userId` equality: a pushdown index, no scan of the tickets). */
export async function listMine(auth: AuthContext, q: MyTicketsQuery): Promise<Page<TicketView>> {
  const rows = await Ticket.find({ userId: new mongoose.Types.ObjectId(auth.sub) }).lean<TicketDoc[]>()
  const filtered = rows.filter((t) => !q.status || t.status === q.status).sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime())
  return paged(filtered, 'owner', q, now())
}

/**
 * The dispatcher's queue: new and returned tickets of their region, urgent and 涉企 first, then oldest first.
 * (`dispatchQueue` equality: a pushdown index over the tickets waiting for a dispatcher only.)
 */
export async function dispatchQueue(auth: AuthContext, q: DispatchQueueQuery): Promise<Page<TicketView>> {
  const region = auth.regionCode
  if (!region) throw forbidden('账号未设置管辖区域')
  const rows = (await Ticket.find({ dispatchQueue: 'open' }).lean<TicketDoc[]>())
    .filter((t) => regionContains(region, t.regionCode))
    .filter((t) => q.enterprise === undefined || Boolean(t.enterprise) === (q.enterprise === 'true'))
    .sort((a, b) => Number(b.status === 'returned') - Number(a.status === 'returned') || Number(b.enterprise) - Number(a.enterprise) || a.submittedAt.getTime() - b.submittedAt.getTime())
  return paged(rows, 'dispatcher', q, now())
}

/**
 * The department's open tickets: overdue first, then due within a day, then by deadline.
 * (`activeDepartment` equality: a pushdown index over the department's open tickets only.)
 */
export async function handlerTickets(auth: AuthContext, q: HandlerTicketsQuery): Promise<Page<TicketView>> {
  if (!auth.departmentId) throw forbidden('账号未设置所属部门')
  const at = now()
  const rows = (await Ticket.find({ activeDepartment: auth.departmentId }).lean<TicketDoc[]>()).filter((t) => !q.status || t.status === q.status)
  const ranked = rows
    .map((t) => ({ t, rank: deadlineRank(clockOf(t, at)) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.t.submittedAt.getTime() - b.t.submittedAt.getTime())
  return paged(
    ranked.map((r) => r.t),
    'handler',
    q,
    at,
  )
}

/** Extension requests waiting for a decision in the administrator's region. */
export async function pendingExtensions(auth: AuthContext, q: { page: number; pageSize: number }): Promise<Page<TicketView>> {
  const region = adminRegionOf(auth)
  const rows = (await Ticket.find({ pendingExtension: 'pending' }).lean<TicketDoc[]>())
    .filter((t) => regionContains(region, t.regionCode))
    .sort((a, b) => (a.extension?.at?.getTime() ?? 0) - (b.extension?.at?.getTime() ?? 0))
  return paged(rows, 'admin', q, now())
}

// ---------------------------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------------------------

async function writeState(id: string, fromSeq: number, changes: Changes): Promise<void> {
  await Ticket.updateOne({ _id: id, seq: fromSeq }, { $set: changes })
}

const WRONG_STATE: Partial<Record<TicketAction, string>> = {
  dispatch: '只有待受理的诉求可以派单',
  redispatch: '只有被退回的诉求可以改派',
  merge: '只有待受理的诉求可以并单',
  answer: '只有待受理的诉求可以即问即答',
  accept: '只有已派单的诉求可以签收',
  return: '该诉求当前不能退单',
  request_supplement: '只有办理中的诉求可以请求补充材料',
  supplement: '该诉求当前不需要补充材料',
  request_extension: '该诉求当前不能申请延期',
  decide_extension: '该诉求没有待审核的延期申请',
  reply: '只有办理中的诉求可以答复',
  rate: '诉求尚未答复，暂不能评价',
  rework: '诉求尚未答复，暂不能评价',
  archive: '只有已办结的诉求可以归档',
}

interface Step {
  action: Exclude<TicketAction, 'submit' | 'absorb'> | 'absorb'
  to: TicketStatus
  reason?: string
  text?: string
  changes: Changes
}

/**
 * Makes one transition: the caller must be its actor and the ticket in one of its states; then step `seq + 1` is
 * claimed (`<id>#<seq+1>`: one winner whatever the concurrency) and the new state written. A loser finishes the write
 * of a winner that died after claiming, and gets 409.
 */
async function transition(auth: AuthContext, t: TicketDoc, actor: TicketActor, step: Step): Promise<TicketDoc> {
  if (step.action !== 'absorb') assertMay(step.action, actor, t)
  const at = now()
  const seq = t.seq + 1
  const departmentId = (step.changes.departmentId ?? t.departmentId)?.toString()
  const extension = (step.changes.extension ?? t.extension) as TicketDoc['extension']
  const changes: Changes = {
    ...step.changes,
    seq,
    status: step.to,
    timeline: [...(t.timeline ?? []), event(seq, step.action, auth, t.status, step.to, at, { reason: step.reason, text: step.text })],
    ...listKeysOf({ status: step.to, departmentId, extensionPending: extension?.status === 'pending' }),
  }
  const key = `${t._id}#${seq}`
  try {
    await TicketClaim.create({ _id: key, at, by: auth.sub, changes })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    const claim = await TicketClaim.findById(key).lean()
    if (claim) await writeState(t._id, t.seq, claim.changes as Changes)
    throw new AppError('CONFLICT', '该诉求已被他人处理，请刷新后查看')
  }
  await writeState(t._id, t.seq, changes)
  return (await Ticket.findById(t._id).lean<TicketDoc>())!
}

function assertMay(action: keyof typeof TRANSITIONS, actor: TicketActor, t: TicketDoc): void {
  if (!TRANSITIONS[action].actors.includes(actor)) throw forbidden('无权执行此操作')
  if (!allowedFrom(action, t.status)) throw new AppError('INVALID_STATE', WRONG_STATE[action] ?? '该诉求当前状态不允许此操作')
}

/** Loads the ticket, checks who may act and from which states (`actions`: the transitions this call may make). */
async function act(
  auth: AuthContext,
  id: string,
  actions: (keyof typeof TRANSITIONS)[],
  build: (t: TicketDoc, actor: TicketActor, cal: Awaited<ReturnType<typeof currentCalendar>>) => Step | Promise<Step>,
): Promise<TicketView> {
  const t = await load(id)
  const actor = actorFor(auth, t)
  const candidates = actions.filter((a) => TRANSITIONS[a].actors.includes(actor))
  if (candidates.length === 0) throw forbidden('无权执行此操作')
  if (!candidates.some((a) => allowedFrom(a, t.status))) assertMay(candidates[0], actor, t)
  const cal = await currentCalendar()
  const done = await transition(auth, t, actor, await build(t, actor, cal))
  return toTicketView(done, actor, now())
}

async function departmentOf(departmentId: string): Promise<{ _id: mongoose.Types.ObjectId; name: string }> {
  const d = await Department.findById(departmentId).select('name').lean()
  if (!d) throw invalidField('departmentId', '承办部门不存在')
  return { _id: d._id, name: d.name }
}

async function notifyDepartment(t: TicketDoc, key: string, title: string, body: string): Promise<void> {
  if (!t.departmentId) return
  const handlers = await Account.find({ role: 'handler', departmentId: t.departmentId, disabled: { $ne: true } }).select('_id').lean()
  for (const h of handlers) {
    await notify({ key: `${key}:${h._id}`, to: { accountId: h._id }, kind: 'ticket', title, body, page: `/hotline/handler/index?id=${t._id}` })
  }
}

async function notifyRequester(t: TicketDoc, key: string, title: string, body: string): Promise<void> {
  await notify({ key, to: { userId: t.userId }, kind: 'ticket', title, body, page: `/pages/tickets/mine/index?id=${t._id}` })
}

/** 派单 (from 待受理) or 改派 (from 已退单): to a department (the category's by default), starting both clocks. */
export async function dispatchTicket(auth: AuthContext, id: string, input: TicketDispatch): Promise<TicketView> {
  const view = await act(auth, id, ['dispatch', 'redispatch'], async (t, _actor, cal) => {
    const redispatch = t.status === 'returned'
    const dept = await departmentOf(input.departmentId ?? t.departmentId!.toString())
    if (redispatch && dept._id.toString() === t.departmentId?.toString() && !input.note) {
      throw invalidField('departmentId', '改派到原部门时请说明理由')
    }
    const at = now()
    const urgent = input.urgent ?? Boolean(t.urgent)
    return {
      action: redispatch ? 'redispatch' : 'dispatch',
      to: 'dispatched',
      reason: input.note,
      text: dept.name,
      changes: {
        departmentId: dept._id,
        departmentName: dept.name,
        urgent,
        dispatchedAt: at,
        clockStart: at,
        responseDueAt: responseDueOf(at, urgent, cal.dayType),
        respondedAt: null,
        replyDueAt: replyDueOf(at, t.limitDays, t.extension?.status === 'approved' ? (t.extension.days ?? 0) : 0, 0, cal.dayType),
        pausedWorkingDays: 0,
        mDispatched: 1,
      },
    }
  })
  const t = await load(id)
  await notifyDepartment(t, `tk-dispatch:${t._id}#${t.seq}`, '新的 12345 诉求', `${t.urgent ? '【紧急】' : ''}${t.categoryName}：${t.description.slice(0, 40)}`)
  return view
}

/** 并单: a repeated submission of the same person joins the open ticket it repeats. */
export async function mergeTicket(auth: AuthContext, id: string, intoId: string, note?: string): Promise<TicketView> {
  if (id === intoId) throw invalidField('intoId', '不能与自身并单')
  const target = await load(intoId)
  const view = await act(auth, id, ['merge'], (t) => {
    if (target.userId.toString() !== t.userId.toString()) throw new AppError('RULE_VIOLATION', '只能合并同一诉求人的重复诉求')
    if (['merged', 'closed', 'archived'].includes(target.status)) throw new AppError('RULE_VIOLATION', '目标诉求已办结或已并单，不能并入')
    return { action: 'merge', to: 'merged', reason: note, text: intoId, changes: { mergedInto: intoId, closedAt: now(), mAccepted: 0 } }
  })
  // record it on the target too (its own claimed step; retried when another step of the target got in between)
  for (let attempt = 0; attempt < 5; attempt++) {
    const t = await load(intoId)
    if ((t.mergedIds ?? []).includes(id)) break
    try {
      await transition(auth, t, 'dispatcher', { action: 'absorb', to: t.status, text: id, changes: { mergedIds: [...(t.mergedIds ?? []), id] } })
      break
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err
    }
  }
  return view
}

/** 即问即答: a 咨询 answered by the dispatcher (from the knowledge base) is closed at once. */
export async function answerTicket(auth: AuthContext, id: string, text: string): Promise<TicketView> {
  const view = await act(auth, id, ['answer'], (t) => {
    if (t.type !== '咨询') throw new AppError('RULE_VIOLATION', '只有咨询类诉求可以即问即答')
    const at = now()
    return {
      action: 'answer',
      to: 'closed',
      text,
      changes: { departmentId: null, departmentName: null, reply: { text, by: auth.sub, at }, closedAt: at, mReplied: 1, mClosed: 1, mClosedOnTime: 1, mResponded: 1, mRespondedOnTime: 1, respondedAt: at },
    }
  })
  const t = await load(id)
  await notifyRequester(t, `tk-answer:${t._id}`, '您的咨询已答复', text.slice(0, 60))
  return view
}

/** 签收: the department's first response. */
export async function acceptTicket(auth: AuthContext, id: string): Promise<TicketView> {
  return act(auth, id, ['accept'], (t) => {
    const at = now()
    return { action: 'accept', to: 'handling', changes: { respondedAt: at, mResponded: 1, mRespondedOnTime: t.responseDueAt && at <= t.responseDueAt ? 1 : 0 } }
  })
}

/** 退单: within 2 working days of the dispatch, with a reason; back to the dispatcher's queue. */
export async function returnTicket(auth: AuthContext, id: string, reason: string): Promise<TicketView> {
  return act(auth, id, ['return'], (t, _actor, cal) => {
    if (t.reworked) throw new AppError('RULE_VIOLATION', '重办中的诉求不能退单')
    if (!t.dispatchedAt || !canReturnAt(t.dispatchedAt, now(), cal.dayType)) throw new AppError('RULE_VIOLATION', '已超过 2 个工作日的退单期限，不能退单')
    return {
      action: 'return',
      to: 'returned',
      reason,
      changes: { returns: (t.returns ?? 0) + 1, returnedFrom: [...(t.returnedFrom ?? []), String(t.departmentId)], mReturned: 1, mDispatched: 0, responseDueAt: null, replyDueAt: null, respondedAt: null, mResponded: 0, mRespondedOnTime: 0 },
    }
  })
}

/** Asks the requester for 补充材料: the reply clock pauses until they answer. */
export async function requestSupplement(auth: AuthContext, id: string, reason: string): Promise<TicketView> {
  const view = await act(auth, id, ['request_supplement'], () => ({ action: 'request_supplement', to: 'awaiting_supplement', reason, changes: { pausedAt: now() } }))
  const t = await load(id)
  await notifyRequester(t, `tk-supp:${t._id}#${t.seq}`, '请补充诉求材料', reason.slice(0, 60))
  return view
}

/** The requester's 补充材料: the clock resumes and the deadline moves by the working days paused. */
export async function supplementTicket(auth: AuthContext, id: string, text: string, photos: string[]): Promise<TicketView> {
  await assertOwnPhotos(auth, photos, id)
  const view = await act(auth, id, ['supplement'], (t, _actor, cal) => {
    const paused = (t.pausedWorkingDays ?? 0) + pausedWorkingDaysOf(t.pausedAt!, now(), cal.dayType)
    const ext = t.extension?.status === 'approved' ? (t.extension.days ?? 0) : 0
    return {
      action: 'supplement',
      to: 'handling',
      text,
      changes: {
        pausedAt: null,
        pausedWorkingDays: paused,
        photos: [...(t.photos ?? []), ...photos].slice(0, 12),
        replyDueAt: replyDueOf(t.clockStart!, t.limitDays, ext, paused, cal.dayType),
      },
    }
  })
  await attachPhotos(photos, id)
  return view
}

/** One extension request per ticket (≤ 10 working days), decided by an administrator of the region. */
export async function requestExtension(auth: AuthContext, id: string, days: number, reason: string): Promise<TicketView> {
  return act(auth, id, ['request_extension'], (t) => {
    if (t.extension?.status) throw new AppError('RULE_VIOLATION', '每件诉求只能申请一次延期')
    return { action: 'request_extension', to: t.status, reason, text: `${days} 个工作日`, changes: { extension: { days, reason, status: 'pending', by: auth.sub, at: now() } } }
  })
}

export async function decideExtension(auth: AuthContext, id: string, approve: boolean, reason: string): Promise<TicketView> {
  const view = await act(auth, id, ['decide_extension'], (t, _actor, cal) => {
    if (t.extension?.status !== 'pending') throw new AppError('INVALID_STATE', '该诉求没有待审核的延期申请')
    const days = t.extension.days ?? 0
    const extension = { ...t.extension, status: approve ? 'approved' : 'refused', decidedBy: auth.sub, decidedAt: now(), decisionReason: reason }
    const changes: Changes = { extension }
    if (approve && t.clockStart) changes.replyDueAt = replyDueOf(t.clockStart, t.limitDays, days, t.pausedWorkingDays ?? 0, cal.dayType)
    return { action: 'decide_extension', to: t.status, reason: reason || undefined, text: approve ? '同意延期' : '不同意延期', changes }
  })
  const t = await load(id)
  await notifyDepartment(t, `tk-ext:${t._id}`, '延期申请审核结果', approve ? `诉求 ${t._id} 延期已批准` : `诉求 ${t._id} 延期未获批准：${reason}`)
  return view
}

export async function replyTicket(auth: AuthContext, id: string, text: string): Promise<TicketView> {
  const view = await act(auth, id, ['reply'], (t) => {
    const at = now()
    return { action: 'reply', to: 'replied', text, changes: { reply: { text, by: auth.sub, at }, mReplied: 1, replyOnTime: t.replyDueAt && at <= t.replyDueAt ? 1 : 0 } }
  })
  const t = await load(id)
  await notifyRequester(t, `tk-reply:${t._id}#${t.seq}`, '您的诉求已答复', `${t.departmentName ?? ''}：${text.slice(0, 50)}。请对办理结果进行评价。`)
  return view
}

/** 回访: 满意/基本满意 close it; 不满意 sends it back to the department once (重办), then closes it. */
export async function rateTicket(auth: AuthContext, id: string, satisfaction: TicketSatisfaction, comment?: string): Promise<TicketView> {
  return act(auth, id, ['rate', 'rework'], (t, _actor, cal) => {
    const at = now()
    const rated = { satisfaction, mRated: 1, mSatisfied: satisfaction === '不满意' ? 0 : 1 }
    if (satisfaction === '不满意' && !t.reworked) {
      return {
        action: 'rework',
        to: 'handling',
        reason: comment,
        text: satisfaction,
        changes: {
          ...rated,
          reworked: true,
          mReworked: 1,
          clockStart: at,
          pausedWorkingDays: 0,
          replyDueAt: replyDueOf(at, t.limitDays, 0, 0, cal.dayType),
        },
      }
    }
    return { action: 'rate', to: 'closed', reason: comment, text: satisfaction, changes: { ...rated, closedAt: at, mClosed: 1, mClosedOnTime: t.replyOnTime ?? 0 } }
  })
}

export async function archiveTicket(auth: AuthContext, id: string): Promise<TicketView> {
  return act(auth, id, ['archive'], () => ({ action: 'archive', to: 'archived', changes: { archivedAt: now() } }))
}

// ---------------------------------------------------------------------------------------------
// Reminders (outbox, send-once per deadline)
// ---------------------------------------------------------------------------------------------

/**
 * Reminds the department's handlers of tickets due within a day (or overdue): one notice per ticket, deadline and
 * handler (the outbox key), whatever the number of processes and passes. Reads the open tickets only (`openFlag`).
 */
export async function remindDueTickets(): Promise<number> {
  const at = now()
  const open = await Ticket.find({ openFlag: 'open', status: { $in: ['dispatched', 'handling'] } }).lean<TicketDoc[]>()
  let queued = 0
  for (const t of open) {
    const clock = clockOf(t, at)
    const [rank] = deadlineRank(clock)
    if (rank > 1 || !clock.dueAt) continue
    const what = clock.kind === 'response' ? '签收' : '答复'
    const body = clock.overdue ? `诉求 ${t._id} ${what}已超时，请尽快办理。` : `诉求 ${t._id} 将于 ${localDate(new Date(clock.dueAt))} 到期（${clock.label}）。`
    const handlers = await Account.find({ role: 'handler', departmentId: t.departmentId, disabled: { $ne: true } }).select('_id').lean()
    for (const h of handlers) {
      const sent = await notify({
        key: `tk-remind:${t._id}:${clock.kind}:${clock.dueAt}:${clock.overdue ? 'overdue' : 'soon'}:${h._id}`,
        to: { accountId: h._id },
        kind: 'ticket_due',
        title: clock.overdue ? '诉求已超时' : '诉求即将到期',
        body,
        page: `/hotline/handler/index?id=${t._id}`,
      })
      if (sent) queued++
    }
  }
  return queued
}

