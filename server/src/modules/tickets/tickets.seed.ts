import mongoose from 'mongoose'
import { CITY_REGION_CODE, DEFAULT_REPLY_WORKING_DAYS, formatTicketNo, localDate, type TicketAction, type TicketStatus } from '@xz/shared'
import { hashPassword } from '../../lib/auth'
import { now } from '../../lib/clock'
import { Account, User } from '../auth'
import { makeCalendar } from '../calendar'
import { DEMO_CATEGORIES } from './demo/catalogue'
import { Ticket, TicketCategory } from './ticket.model'
import { listKeysOf, pausedWorkingDaysOf, replyDueOf, responseDueOf } from './tickets.rules'
import type { ObjectId } from '../../lib/db'


/** A small deterministic PRNG (mulberry32), so that the demo is the same at every first start. */
function prng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const COUNTIES = ['140902', '140902', '140902', '140981', '140921', '140922', '140923', '140924', '140971', CITY_REGION_CODE]
const NAMES = ['王建国', '李秀英', '张伟', '刘芳', '陈晓东', '杨丽', '赵志强', '黄敏', '周杰', '吴静', '郝润生', '薛红梅']
const HOUR = 3_600_000
export const DEMO_TICKET_COUNT = 200

export interface TicketSeedResult {
  counts: { ticketCategories: number; tickets: number; ticketAccounts: number }
  lines: string[]
}

/**
 * 12345 demo data (示例数据): the dispatch catalogue for the city's departments, demo accounts
 * (a city dispatcher, a 忻府区 dispatcher, one handler per department with categories) and ~200 tickets over the last
 * four months in every state, built with the same deadline rules as the live life cycle.
 */
export async function seedTickets(departmentIdByKey: Map<string, ObjectId>, password: string, shownPassword = password): Promise<TicketSeedResult> {
  const dept = (key: string) => {
    const id = departmentIdByKey.get(key)
    if (!id) throw new Error(`12345 demo: unknown department ${key}`)
    return id
  }
  const deptNames = new Map<string, string>()
  for (const d of await mongoose.model('Department').find({ _id: { $in: [...departmentIdByKey.values()] } }).select('name').lean<{ _id: ObjectId; name: string }[]>()) {
    deptNames.set(d._id.toString(), d.name)
  }

  const categories = await TicketCategory.insertMany(
    DEMO_CATEGORIES.map((c) => ({ name: c.name, parent: c.parent, departmentId: dept(c.dept), limitClass: c.limitClass, replyDays: DEFAULT_REPLY_WORKING_DAYS[c.limitClass], demo: true })),
  )

  const at0 = now()
  // accounts
  const hash = await hashPassword(password)
  const handlerKeys = [...new Set(DEMO_CATEGORIES.map((c) => c.dept))]
  const accountRows = [
    { username: 'dispatcher', name: '12345 热线派单员（市级）', role: 'dispatcher', regionCode: CITY_REGION_CODE },
    { username: 'dispatcher.xinfu', name: '12345 热线派单员（忻府区）', role: 'dispatcher', regionCode: '140902' },
    ...handlerKeys.map((k) => ({ username: `handler.${k}`, name: `${deptNames.get(dept(k).toString()) ?? k}承办人`, role: 'handler', departmentId: dept(k), regionCode: CITY_REGION_CODE })),
  ]
  const accounts = await Account.insertMany(accountRows.map((a) => ({ ...a, hallIds: [], passwordHash: hash, demo: true })))
  const dispatcherId = accounts[0]._id.toString()
  const handlerByDept = new Map(accounts.filter((a) => a.role === 'handler').map((a) => [a.departmentId!.toString(), a._id.toString()]))

  // requesters
  const users = await User.insertMany(NAMES.map((name, i) => ({ openid: `demo_12345_${i}`, name, mobile: `139${String(10000000 + i * 7919).slice(0, 8)}` })))

  const cal = makeCalendar([])
  const rand = prng(12345)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]
  const end = at0.getTime()
  const perDay = new Map<string, number>()
  const docs: Record<string, unknown>[] = []

  // submissions first, numbered in time order: the last three a few minutes ago, still waiting for a dispatcher; the
  // two before them four hours ago, dispatched and not yet accepted (whatever the time of day the demo is seeded at)
  const submissions = Array.from({ length: DEMO_TICKET_COUNT }, (_, i) => {
    const ageDays = Math.floor(Math.pow(rand(), 0.8) * 120)
    const day = new Date(end - ageDays * 24 * HOUR)
    const at =
      i >= DEMO_TICKET_COUNT - 3
        ? new Date(end - (3 + i - (DEMO_TICKET_COUNT - 3)) * 60_000)
        : i >= DEMO_TICKET_COUNT - 5
          ? new Date(end - 4 * HOUR - (i - (DEMO_TICKET_COUNT - 5)) * 60_000)
          : new Date(`${localDate(day)}T${String(8 + Math.floor(rand() * 10)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}:00+08:00`)
    const awaitingAcceptance = i >= DEMO_TICKET_COUNT - 5 && i < DEMO_TICKET_COUNT - 3
    return { at, awaitingAcceptance, ci: Math.floor(rand() * categories.length), r: rand(), user: pick(users), region: pick(COUNTIES), sample: rand() }
  })
    .filter((x) => x.at.getTime() <= end)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
  for (const x of submissions) {
    const category = categories[x.ci]
    const samples = DEMO_CATEGORIES[x.ci].samples
    const sample = samples[Math.floor(x.sample * samples.length)]
    const type = x.r < 0.35 ? '投诉' : x.r < 0.6 ? '咨询' : x.r < 0.8 ? '求助' : x.r < 0.92 ? '建议' : '表扬'
    const date = localDate(x.at)
    const n = (perDay.get(date) ?? 0) + 1
    perDay.set(date, n)
    docs.push(
      simulate({
        id: formatTicketNo(date, n),
        rand,
        cal,
        end,
        submittedAt: x.at,
        type,
        category: { _id: category._id, name: category.name, departmentId: category.departmentId, replyDays: category.replyDays, complex: category.limitClass === '复杂' },
        deptName: (id: string) => deptNames.get(id) ?? '',
        otherDept: () => pick(categories).departmentId,
        user: { _id: x.user._id, mobile: x.user.mobile ?? '13900000000', name: x.user.name ?? '' },
        regionCode: x.region,
        description: `${sample}。（示例数据）`,
        dispatcherId,
        handlerOf: (id: string) => handlerByDept.get(id) ?? dispatcherId,
        awaitingAcceptance: x.awaitingAcceptance,
      }),
    )
  }
  // a few repeated submissions merged (并单) into the ticket they repeat
  for (const target of docs.filter((d) => d.status === 'handling').slice(0, 4)) {
    const date = target.date as string
    const n = (perDay.get(date) ?? 0) + 1
    perDay.set(date, n)
    const id = formatTicketNo(date, n)
    const at = new Date((target.submittedAt as Date).getTime() + 2 * HOUR)
    docs.push({
      ...target,
      _id: id,
      seq: 2,
      status: 'merged',
      submittedAt: at,
      mergedInto: target._id,
      mergedIds: [],
      closedAt: at,
      timeline: [
        { seq: 1, action: 'submit', at, by: target.userId!.toString(), byRole: 'citizen', to: 'submitted' },
        { seq: 2, action: 'merge', at: new Date(at.getTime() + HOUR), by: dispatcherId, byRole: 'dispatcher', byName: '12345 热线派单员（市级）', from: 'submitted', to: 'merged', text: target._id as string },
      ],
      ...listKeysOf({ status: 'merged' }),
      ...Object.fromEntries(['mAccepted', 'mDispatched', 'mResponded', 'mRespondedOnTime', 'mReplied', 'mClosed', 'mClosedOnTime', 'mRated', 'mSatisfied', 'mReworked', 'mReturned'].map((k) => [k, 0])),
    })
    target.mergedIds = [id]
  }
  await Ticket.insertMany(docs)
  return {
    counts: { ticketCategories: categories.length, tickets: docs.length, ticketAccounts: accounts.length },
    lines: [
      `  12345 dispatchers: dispatcher (忻州市), dispatcher.xinfu (忻府区)  ${shownPassword}`,
      `  12345 department handlers: handler.<department key>, e.g. handler.rsj (市人社局), handler.gjj (市公积金中心)  ${shownPassword}`,
    ],
  }
}

interface SimInput {
  id: string
  rand: () => number
  cal: ReturnType<typeof makeCalendar>
  end: number
  submittedAt: Date
  type: string
  category: { _id: ObjectId; name: string; departmentId: ObjectId; replyDays: number; complex: boolean }
  deptName: (id: string) => string
  otherDept: () => ObjectId
  user: { _id: ObjectId; mobile: string; name: string }
  regionCode: string
  description: string
  dispatcherId: string
  handlerOf: (deptId: string) => string
  /** Stops once dispatched: the department has not accepted it yet. */
  awaitingAcceptance?: boolean
}

/** Walks one ticket through the life cycle with plausible delays, stopping at "now": the same rules as the live code. */
function simulate(s: SimInput): Record<string, unknown> {
  const { rand, cal } = s
  const date = localDate(s.submittedAt)
  const doc: Record<string, unknown> = {
    _id: s.id,
    date,
    month: date.slice(0, 7),
    userId: s.user._id,
    type: s.type,
    categoryId: s.category._id,
    categoryName: s.category.name,
    departmentId: s.category.departmentId,
    departmentName: s.deptName(s.category.departmentId.toString()),
    regionCode: s.regionCode,
    description: s.description,
    contactName: s.user.name,
    contactMobile: s.user.mobile,
    enterprise: s.category.name === '企业开办' || rand() < 0.08,
    urgent: false,
    limitDays: s.category.replyDays,
    submittedAt: s.submittedAt,
    mAccepted: 1,
    demo: true,
  }
  const timeline: Record<string, unknown>[] = []
  let status: TicketStatus = 'submitted'
  const ev = (action: TicketAction, at: Date, by: string, byRole: string, to: TicketStatus, extra: Record<string, unknown> = {}) => {
    timeline.push({ seq: timeline.length + 1, action, at, by, byRole, byName: byRole === 'citizen' ? undefined : byRole === 'dispatcher' ? '12345 热线派单员（市级）' : '部门承办人', from: timeline.length ? status : undefined, to, ...extra })
    status = to
  }
  const finish = () => {
    const extPending = (doc.extension as { status?: string } | undefined)?.status === 'pending'
    Object.assign(doc, { seq: timeline.length, status, timeline, ...listKeysOf({ status, departmentId: doc.departmentId ? String(doc.departmentId) : null, extensionPending: extPending }) })
    return doc
  }
  const later = (from: Date, minH: number, maxH: number) => new Date(from.getTime() + (minH + rand() * (maxH - minH)) * HOUR)
  const past = (d: Date) => d.getTime() <= s.end
  ev('submit', s.submittedAt, s.user._id.toString(), 'citizen', 'submitted')

  // 即问即答
  if (s.type === '咨询' && !s.awaitingAcceptance && rand() < 0.4) {
    const at = later(s.submittedAt, 0.1, 1)
    if (!past(at)) return finish()
    Object.assign(doc, { departmentId: null, departmentName: null, reply: { text: '已根据知识库答复。（示例数据）', by: s.dispatcherId, at }, closedAt: at, respondedAt: at, mResponded: 1, mRespondedOnTime: 1, mReplied: 1, mClosed: 1, mClosedOnTime: 1 })
    ev('answer', at, s.dispatcherId, 'dispatcher', 'closed', { text: '已根据知识库答复' })
    return finish()
  }

  const dispatch = (at: Date, redispatch: boolean) => {
    const urgent = !redispatch && rand() < 0.08
    Object.assign(doc, {
      urgent: urgent || doc.urgent,
      dispatchedAt: at,
      clockStart: at,
      responseDueAt: responseDueOf(at, urgent, cal.dayType),
      replyDueAt: replyDueOf(at, s.category.replyDays, 0, 0, cal.dayType),
      pausedWorkingDays: 0,
      mDispatched: 1,
    })
    ev(redispatch ? 'redispatch' : 'dispatch', at, s.dispatcherId, 'dispatcher', 'dispatched', { text: doc.departmentName })
  }
  let t = later(s.submittedAt, 0.2, 3)
  if (!past(t)) return finish()
  dispatch(t, false)
  if (s.awaitingAcceptance) return finish()

  // 退单 and 改派
  if (rand() < 0.08) {
    t = later(t, 2, 20)
    if (!past(t)) return finish()
    const from = String(doc.departmentId)
    Object.assign(doc, { returns: 1, returnedFrom: [from], mReturned: 1, mDispatched: 0 })
    ev('return', t, s.handlerOf(from), 'handler', 'returned', { reason: '该事项不属于本部门职责，请改派。（示例数据）' })
    t = later(t, 1, 6)
    if (!past(t)) return finish()
    const to = s.otherDept()
    Object.assign(doc, { departmentId: to, departmentName: s.deptName(to.toString()) })
    dispatch(t, true)
  }
  const handler = s.handlerOf(String(doc.departmentId))

  // 签收
  t = doc.urgent ? later(t, 0.5, 3) : later(t, 0.5, 30)
  if (!past(t)) return finish()
  Object.assign(doc, { respondedAt: t, mResponded: 1, mRespondedOnTime: t <= (doc.responseDueAt as Date) ? 1 : 0 })
  ev('accept', t, handler, 'handler', 'handling')

  // 补充材料 (the clock pauses)
  if (rand() < 0.1) {
    t = later(t, 4, 30)
    if (!past(t)) return finish()
    doc.pausedAt = t
    ev('request_supplement', t, handler, 'handler', 'awaiting_supplement', { reason: '请补充相关照片或证明材料。（示例数据）' })
    const resumed = later(t, 20, 80)
    if (!past(resumed)) return finish()
    const paused = pausedWorkingDaysOf(t, resumed, cal.dayType)
    Object.assign(doc, { pausedAt: null, pausedWorkingDays: paused, replyDueAt: replyDueOf(doc.clockStart as Date, s.category.replyDays, 0, paused, cal.dayType) })
    t = resumed
    ev('supplement', t, s.user._id.toString(), 'citizen', 'handling', { text: '已补充材料。（示例数据）' })
  }

  // one extension (复杂 matters)
  if (s.category.complex && rand() < 0.3) {
    t = later(t, 10, 40)
    if (!past(t)) return finish()
    const days = 3 + Math.floor(rand() * 8)
    doc.extension = { days, reason: '需要多部门会商核实。（示例数据）', status: 'pending', by: handler, at: t }
    ev('request_extension', t, handler, 'handler', status, { reason: '需要多部门会商核实', text: `${days} 个工作日` })
    const decided = later(t, 2, 30)
    if (!past(decided)) return finish()
    const approve = rand() < 0.75
    doc.extension = { ...(doc.extension as object), status: approve ? 'approved' : 'refused', decidedAt: decided, decidedBy: 'admin' }
    if (approve) doc.replyDueAt = replyDueOf(doc.clockStart as Date, s.category.replyDays, days, (doc.pausedWorkingDays as number) ?? 0, cal.dayType)
    ev('decide_extension', decided, 'admin', 'admin', status, { text: approve ? '同意延期' : '不同意延期' })
    t = decided
  }

  const reply = () => {
    const due = (doc.replyDueAt as Date).getTime()
    const onTime = rand() < 0.85
    t = onTime ? new Date(Math.min(due - HOUR, later(t, 3, 24 * 6).getTime())) : new Date(due + (4 + rand() * 72) * HOUR)
    if (t.getTime() < (timeline[timeline.length - 1].at as Date).getTime()) t = later(timeline[timeline.length - 1].at as Date, 1, 3)
    if (!past(t)) return false
    Object.assign(doc, { reply: { text: '经核查，已按规定办理并答复诉求人。（示例数据）', by: handler, at: t }, mReplied: 1, replyOnTime: t.getTime() <= due ? 1 : 0 })
    ev('reply', t, handler, 'handler', 'replied', { text: '经核查，已按规定办理并答复诉求人' })
    return true
  }
  if (!reply()) return finish()

  // 回访
  const rate = (secondTime: boolean): boolean => {
    if (rand() < 0.2) return false
    t = later(t, 6, 72)
    if (!past(t)) return false
    const r = rand()
    const satisfaction = secondTime ? (r < 0.5 ? '基本满意' : '不满意') : r < 0.7 ? '满意' : r < 0.88 ? '基本满意' : '不满意'
    Object.assign(doc, { satisfaction, mRated: 1, mSatisfied: satisfaction === '不满意' ? 0 : 1 })
    if (satisfaction === '不满意' && !doc.reworked) {
      Object.assign(doc, { reworked: true, mReworked: 1, clockStart: t, pausedWorkingDays: 0, replyDueAt: replyDueOf(t, s.category.replyDays, 0, 0, cal.dayType) })
      ev('rework', t, s.user._id.toString(), 'citizen', 'handling', { text: '不满意' })
      return true
    }
    Object.assign(doc, { closedAt: t, mClosed: 1, mClosedOnTime: doc.replyOnTime ?? 0 })
    ev('rate', t, s.user._id.toString(), 'citizen', 'closed', { text: satisfaction })
    return false
  }
  if (rate(false)) {
    if (!reply()) return finish()
    rate(true)
  }
  // archive closed tickets older than 45 days (half of them)
  if ((status as TicketStatus) === 'closed' && s.end - t.getTime() > 45 * 24 * HOUR && rand() < 0.5) {
    const at = later(t, 24, 72)
    doc.archivedAt = at
    ev('archive', at, 'admin', 'admin', 'archived')
  }
  return finish()
}
