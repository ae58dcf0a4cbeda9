import {
  DEFAULT_RECTIFY_WORKING_DAYS,
  RATING_LEVEL_LABELS,
  WORK_ORDER_STATUS_LABELS,
  type AppealDecision,
  type Page,
  type RevisitSatisfaction,
  type VerifyWorkOrder,
  type WorkOrder as WorkOrderView,
  type WorkOrderProgress,
  type WorkOrderQuery,
  type WorkOrderStatus,
} from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { canActOn, hallOrRegionTest } from '../../lib/scope'
import { claimStep } from '../../lib/step-claims'
import { AppError, forbidden, isDuplicateKey, notFound } from '../../lib/errors'
import { logger } from '../../lib/logger'
import { slicePage } from '../../lib/paging'
import { Account } from '../auth'
import { currentCalendar } from '../calendar'
import { Hall, hallCache } from '../halls'
import { serviceNamesById } from '../catalogue'
import { notify } from '../notifications'
import { ratingContent, type RatingSnapshot } from './rating-snapshot'
import { outcomeExchangePort } from './work-orders.ports'
import { touchWorkOrders, WorkOrder, type WorkOrderDoc } from './work-order.model'
import { byDue, orderIndex } from './order-index'
import {
  appealChanges,
  canAppeal,
  decisionChanges,
  isOverdue,
  replyChanges,
  revisitChanges,
  STEP_FIELD,
  STEP_FROM,
  verifyChanges,
  verifyDeadlineOf,
  workingDeadline,
  type StepChanges,
  type WorkOrderStep,
} from './work-orders.rules'

// ---------------------------------------------------------------------------------------------
// Opening
// ---------------------------------------------------------------------------------------------

/**
 * Opens the work order of a 差评 (at most one per rating: unique `ratingId`), assigned to the point that served or, for
 * an item guide, to the administrators of the item's region; queues a notice to each of them once.
 */
export async function openWorkOrder(rating: RatingSnapshot): Promise<WorkOrderDoc> {
  const [calendar, hall] = await Promise.all([
    currentCalendar(),
    rating.hallId ? Hall.findById(rating.hallId).select('name rectifyDays').lean() : null,
  ])
  const verifyDeadline = verifyDeadlineOf(rating.ratedAt, calendar.dayType)
  let order: WorkOrderDoc
  try {
    const created = await WorkOrder.create({
      ratingId: rating._id,
      kind: rating.kind,
      userId: rating.userId,
      raterName: rating.raterName,
      hallId: rating.hallId,
      serviceId: rating.serviceId,
      departmentId: rating.departmentId,
      regionCode: rating.regionCode,
      regionScopes: rating.regionScopes,
      level: rating.level,
      dimensions: rating.dimensions,
      tags: rating.tags,
      comment: rating.comment,
      ratedAt: rating.ratedAt,
      ratedDate: rating.ratedDate,
      status: 'pending_verification',
      verifyDeadline,
      rectifyDays: hall?.rectifyDays ?? DEFAULT_RECTIFY_WORKING_DAYS,
      dueAt: verifyDeadline,
      dueRank: 0,
    })
    order = created.toObject() as WorkOrderDoc
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    order = (await WorkOrder.findOne({ ratingId: rating._id }).lean()) as WorkOrderDoc
  }
  await notifyOpened(order, hall?.name)
  return order
}

async function notifyOpened(order: WorkOrderDoc, hallName: string | undefined): Promise<void> {
  const handlers = order.hallId
    ? await Account.find({ hallIds: order.hallId, disabled: { $ne: true } }).select('_id').lean()
    : await Account.find({ role: 'admin', regionCode: { $in: order.regionScopes }, disabled: { $ne: true } }).select('_id').lean()
  const where = hallName ? `${hallName}：` : ''
  for (const a of handlers) {
    await notify({
      key: `wo-open:${order._id}:${a._id}`,
      to: { accountId: a._id },
      kind: 'work_order_opened',
      title: '新的差评整改工单',
      body: `${where}收到一条差评（${RATING_LEVEL_LABELS[order.level]}），请于 1 个工作日内核实。`,
      page: `/staff/work-order/index?id=${order._id}`,
    })
  }
}

/**
 * Opens the orders of 差评 whose request died between storing the rating and opening the order. Ratings since the
 * last pass (with an hour of overlap) are checked; the unique `ratingId` keeps every process from opening one twice.
 */
export async function openMissingWorkOrders(ratings: RatingSnapshot[]): Promise<number> {
  if (ratings.length === 0) return 0
  const have = await workOrdersOfRatings(ratings.map((r) => r._id))
  let opened = 0
  for (const r of ratings) {
    if (have.has(r._id.toString())) continue
    await openWorkOrder(r)
    opened++
  }
  if (opened) logger.warn({ opened }, 'opened work orders missing for 差评')
  return opened
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------


export interface Names {
  halls: Map<string, string>
  services: Map<string, string>
}

/** The names of the points and items that orders (or ratings) refer to, by id. Exported for ratings. */
export async function namesOf(rows: Pick<WorkOrderDoc, 'hallId' | 'serviceId'>[]): Promise<Names> {
  const hallIds = [...new Set(rows.flatMap((o) => (o.hallId ? [o.hallId.toString()] : [])))]
  const serviceIds = [...new Set(rows.map((o) => o.serviceId.toString()))]
  // from the in-process caches (points; items), never an `$in` over a whole collection
  const [hallIndex, services] = await Promise.all([hallCache.get(), serviceNamesById(serviceIds)])
  return {
    halls: new Map(hallIds.flatMap((id) => {
      const h = hallIndex.byId.get(id)
      return h ? [[id, h.name] as const] : []
    })),
    services,
  }
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined)

function stepsOf(o: WorkOrderDoc) {
  return {
    verification: o.verification?.at
      ? { valid: Boolean(o.verification.valid), category: o.verification.category ?? undefined, reason: o.verification.reason ?? undefined, at: iso(o.verification.at)! }
      : undefined,
    appeal: o.appeal?.at ? { reason: o.appeal.reason ?? '', at: iso(o.appeal.at)! } : undefined,
    appealDecision: o.appealDecision?.at
      ? { uphold: Boolean(o.appealDecision.uphold), reason: o.appealDecision.reason ?? '', at: iso(o.appealDecision.at)! }
      : undefined,
    reply: o.reply?.at ? { text: o.reply.text ?? '', at: iso(o.reply.at)! } : undefined,
    revisit: o.revisit?.at && o.revisit.satisfaction ? { satisfaction: o.revisit.satisfaction, at: iso(o.revisit.at)! } : undefined,
  }
}

/** The order as staff see it: the rating's content and a masked rater name, never who the rater is. */
export function toWorkOrderView(o: WorkOrderDoc, names: Names, at: Date): WorkOrderView {
  return {
    id: o._id.toString(),
    status: o.status,
    statusLabel: WORK_ORDER_STATUS_LABELS[o.status],
    kind: o.kind,
    hallId: o.hallId?.toString(),
    hallName: o.hallId ? names.halls.get(o.hallId.toString()) : undefined,
    serviceId: o.serviceId.toString(),
    serviceName: names.services.get(o.serviceId.toString()),
    regionCode: o.regionCode,
    rating: { id: o.ratingId.toString(), ...ratingContent(o), raterName: o.raterName },
    verifyDeadline: o.verifyDeadline.toISOString(),
    replyDeadline: iso(o.replyDeadline),
    dueAt: iso(o.dueAt),
    overdue: isOverdue(o.dueAt, at),
    createdAt: o.createdAt.toISOString(),
    ...stepsOf(o),
  }
}

/** The order as its rater sees it. */
export function toProgress(o: WorkOrderDoc, at: Date): WorkOrderProgress {
  return {
    id: o._id.toString(),
    status: o.status,
    statusLabel: WORK_ORDER_STATUS_LABELS[o.status],
    overdue: isOverdue(o.dueAt, at),
    canAppeal: canAppeal(o),
    canRevisit: o.status === 'replied',
    ...stepsOf(o),
  }
}

/**
 * The caller's orders: due first (overdue ones have the earliest deadline), then by deadline, then newest. Filtered and
 * sorted over the orders' rows in memory (order-index.ts); only the page's orders are read, by `_id`.
 */
export async function listWorkOrders(auth: AuthContext, q: WorkOrderQuery): Promise<Page<WorkOrderView>> {
  const at = now()
  const inScope = hallOrRegionTest(auth, q.hallId, '无权查看其他网点的工单')
  const rows = (await orderIndex.rows()).filter(
    (o) => inScope(o) && (!q.status || o.status === q.status) && (q.overdue !== true || (o.dueAt !== undefined && o.dueAt < at.getTime())),
  )
  const read = slicePage(rows.sort(byDue), q)
  const orders = (await Promise.all(read.rows.map((o) => WorkOrder.findById(o.id).lean<WorkOrderDoc>()))).filter((o) => o !== null)
  const names = await namesOf(orders)
  return read.page(orders.map((o) => toWorkOrderView(o, names, at)))
}

/** Counts of the region's orders rated in a period, by state, and how many of all its orders are overdue now. */
export async function workOrderCounts(region: string, from: string, to: string): Promise<{ byStatus: Map<WorkOrderStatus, number>; overdue: number }> {
  const at = now().getTime()
  const byStatus = new Map<WorkOrderStatus, number>()
  let overdue = 0
  for (const o of await orderIndex.rows()) {
    if (!o.regionScopes.includes(region)) continue
    if (o.dueAt !== undefined && o.dueAt < at) overdue++
    if (o.ratedDate >= from && o.ratedDate <= to) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1)
  }
  return { byStatus, overdue }
}

export interface WorkOrderTally {
  /** The order's value of the field asked for. */
  g: string | undefined
  status: WorkOrderStatus
  satisfaction?: string
  n: number
}

/**
 * `GET /stats/ratings`: the orders of 差评 rated in [from, to] (within a region, a point, an item), counted per value of
 * `field`, state and revisit answer: from the rows in memory, never a search of the orders.
 */
/**
 * The last tallies per question, with the rows they were counted from: the same answer (the same array) while no
 * order changed, which lets the 好差评 figures keep theirs too (stats.service.ts). Callers must not change it.
 */
const talliesMemo = new Map<string, { rows: readonly unknown[]; tallies: WorkOrderTally[] }>()

export async function workOrderTallies(q: {
  from: string
  to: string
  field: 'serviceId' | 'hallId' | 'regionCode'
  region?: string
  hallId?: string
  serviceId?: string
}): Promise<WorkOrderTally[]> {
  const rows = await orderIndex.rows()
  const key = JSON.stringify([q.from, q.to, q.field, q.region ?? '', q.hallId ?? '', q.serviceId ?? ''])
  const memo = talliesMemo.get(key)
  if (memo?.rows === rows) return memo.tallies
  const tallies = new Map<string, WorkOrderTally>()
  for (const o of rows) {
    if (o.ratedDate < q.from || o.ratedDate > q.to) continue
    if ((q.region && !o.regionScopes.includes(q.region)) || (q.hallId && o.hallId !== q.hallId) || (q.serviceId && o.serviceId !== q.serviceId)) continue
    const g = o[q.field]
    const key = `${g}|${o.status}|${o.satisfaction ?? ''}`
    const t = tallies.get(key)
    if (t) t.n++
    else tallies.set(key, { g, status: o.status, satisfaction: o.satisfaction, n: 1 })
  }
  const result = [...tallies.values()]
  if (talliesMemo.size >= 32) talliesMemo.delete(talliesMemo.keys().next().value!)
  talliesMemo.set(key, { rows, tallies: result })
  return result
}

async function loadForHandler(auth: AuthContext, id: string): Promise<WorkOrderDoc> {
  const order = await WorkOrder.findById(id).lean<WorkOrderDoc>()
  if (!order) throw notFound('工单')
  // staff handle their points' orders; administrators every order of their region (guides included)
  if (!canActOn(auth, order)) throw forbidden('无权处理该工单')
  return order
}

async function viewOf(id: WorkOrderDoc['_id']): Promise<WorkOrderView> {
  const order = (await WorkOrder.findById(id).lean<WorkOrderDoc>())!
  return toWorkOrderView(order, await namesOf([order]), now())
}

export async function getWorkOrder(auth: AuthContext, id: string): Promise<WorkOrderView> {
  const order = await loadForHandler(auth, id)
  return toWorkOrderView(order, await namesOf([order]), now())
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

const WRONG_STATE: Record<WorkOrderStep, string> = {
  verify: '该工单已核实，不能重复核实',
  appeal: '只有被驳回且尚未申诉的差评可以申诉',
  decide: '该工单没有待审核的申诉',
  reply: '只有整改中的工单可以答复',
  revisit: '工单尚未答复，暂不能回访',
}

/** Writes a step once: the `$set` applies only while the step's field is still absent. */
async function writeStep(order: Pick<WorkOrderDoc, '_id' | 'ratedDate'>, step: WorkOrderStep, changes: StepChanges): Promise<void> {
  await WorkOrder.updateOne({ _id: order._id, [STEP_FIELD[step]]: { $exists: false } }, { $set: changes })
  await touchWorkOrders([order.ratedDate])
}

/**
 * Performs a step of an order: the state must allow it, then the step is claimed (`wo:<id>:<step>`, one winner
 * whatever the concurrency) and written. A loser completes the winner's write if that process died after claiming.
 */
async function applyStep(order: WorkOrderDoc, step: WorkOrderStep, by: string, changes: StepChanges): Promise<void> {
  if (order.status !== STEP_FROM[step] || order[STEP_FIELD[step]]) throw new AppError('INVALID_STATE', WRONG_STATE[step])
  await claimStep({
    key: `wo:${order._id}:${step}`,
    by,
    changes,
    write: (c) => writeStep(order, step, c),
    taken: () => new AppError('CONFLICT', '该工单已被他人处理，请刷新后查看'),
  })
}

export async function verifyWorkOrder(auth: AuthContext, id: string, input: VerifyWorkOrder): Promise<WorkOrderView> {
  const order = await loadForHandler(auth, id)
  const at = now()
  const replyDeadline = workingDeadline(at, order.rectifyDays, (await currentCalendar()).dayType)
  await applyStep(order, 'verify', auth.sub, verifyChanges(input, auth.sub, at, replyDeadline))
  if (!input.valid) {
    await notify({
      key: `wo-rejected:${order._id}`,
      to: { userId: order.userId },
      kind: 'work_order_rejected',
      title: '差评核实结果',
      body: `经核实，您的差评被认定为${input.category}：${input.reason}。如有异议，可以申诉。`,
      page: '/pages/ratings/index',
    })
  }
  return viewOf(order._id)
}

export async function replyWorkOrder(auth: AuthContext, id: string, text: string): Promise<WorkOrderView> {
  const order = await loadForHandler(auth, id)
  await applyStep(order, 'reply', auth.sub, replyChanges(text, auth.sub, now()))
  await outcomeExchangePort.use(order, 'reply', { reply: text }) // 好差评 exchange (SPEC §2.13)
  await notify({
    key: `wo-reply:${order._id}`,
    to: { userId: order.userId },
    kind: 'work_order_replied',
    title: '差评整改答复',
    body: `您反映的问题已整改答复：${text.slice(0, 60)}。请对整改结果进行评价。`,
    page: '/pages/ratings/index',
  })
  return viewOf(order._id)
}

/** The rater appeals a rejection (by the order id or by the rating id). */
export async function appealWorkOrder(auth: AuthContext, by: { orderId: string } | { ratingId: string }, reason: string): Promise<WorkOrderProgress> {
  const order = await loadForRater(auth, by)
  await applyStep(order, 'appeal', auth.sub, appealChanges(reason, now()))
  const admins = await Account.find({ role: 'admin', regionCode: { $in: order.regionScopes }, disabled: { $ne: true } }).select('_id').lean()
  for (const a of admins) {
    await notify({
      key: `wo-appeal:${order._id}:${a._id}`,
      to: { accountId: a._id },
      kind: 'work_order_appealed',
      title: '差评驳回申诉待审核',
      body: `评价人对差评驳回提出申诉：${reason.slice(0, 60)}`,
      page: `/staff/work-order/index?id=${order._id}`,
    })
  }
  return toProgress((await WorkOrder.findById(order._id).lean<WorkOrderDoc>())!, now())
}

/** An administrator of the region decides an appeal; whoever rejected the 差评 may not judge the appeal against it. */
export async function decideAppeal(auth: AuthContext, id: string, input: AppealDecision): Promise<WorkOrderView> {
  const order = await loadForHandler(auth, id)
  if (order.verification?.by === auth.sub) throw forbidden('驳回该差评的人员不能审核针对该驳回的申诉')
  const at = now()
  const replyDeadline = workingDeadline(at, order.rectifyDays, (await currentCalendar()).dayType)
  await applyStep(order, 'decide', auth.sub, decisionChanges(input, auth.sub, at, replyDeadline))
  await notify({
    key: `wo-decision:${order._id}`,
    to: { userId: order.userId },
    kind: 'work_order_appeal_decided',
    title: '差评申诉审核结果',
    body: input.uphold ? `经复核，维持原驳回结论：${input.reason}` : `经复核，您的申诉成立，相关网点将进行整改：${input.reason}`,
    page: '/pages/ratings/index',
  })
  return viewOf(order._id)
}

/** The rater's follow-up on the fix closes the order. */
export async function revisitWorkOrder(auth: AuthContext, ratingId: string, satisfaction: RevisitSatisfaction): Promise<WorkOrderProgress> {
  const order = await loadForRater(auth, { ratingId })
  await applyStep(order, 'revisit', auth.sub, revisitChanges(satisfaction, now()))
  await outcomeExchangePort.use(order, 'revisit', { satisfaction }) // 好差评 exchange (SPEC §2.13)
  return toProgress((await WorkOrder.findById(order._id).lean<WorkOrderDoc>())!, now())
}

async function loadForRater(auth: AuthContext, by: { orderId: string } | { ratingId: string }): Promise<WorkOrderDoc> {
  const order =
    'orderId' in by
      ? await WorkOrder.findById(by.orderId).lean<WorkOrderDoc>()
      : await WorkOrder.findOne({ ratingId: by.ratingId }).lean<WorkOrderDoc>()
  if (!order) throw notFound('整改工单')
  if (order.userId.toString() !== auth.sub) throw forbidden('只能处理自己的评价')
  return order
}

/**
 * Work orders of some ratings, by rating id (a page of `GET /ratings/mine` or of staff lists): one `ratingId` equality
 * each, which the embedded database searches in SQL (an `$in` would read every order).
 */
export async function workOrdersOfRatings(ratingIds: WorkOrderDoc['ratingId'][]): Promise<Map<string, WorkOrderDoc>> {
  const orders = await Promise.all(ratingIds.map((ratingId) => WorkOrder.findOne({ ratingId }).lean<WorkOrderDoc>()))
  return new Map(orders.filter((o) => o !== null).map((o) => [o.ratingId.toString(), o]))
}
