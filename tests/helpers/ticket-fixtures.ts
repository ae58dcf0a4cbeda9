/**
 * Fixtures for the 12345 tests: departments and a dispatch catalogue written directly to the database, and the
 * actors (requesters, dispatchers of the city and of counties, department handlers, administrators), each signed
 * in through the real login route.
 */
import crypto from 'node:crypto'
import mongoose from 'mongoose'
import { hashPassword } from '../../server/src/lib/auth'
import { setNow } from '../../server/src/lib/clock'
import { Account } from '../../server/src/modules/auth/auth.model'
import { Department } from '../../server/src/modules/catalogue/catalogue.model'
import { Ticket, TicketCategory } from '../../server/src/modules/tickets/ticket.model'
import { api } from './app'
import { account, citizen, type Session } from './auth'

export const CITY = '140900'
export const XINFU = '140902'
export const YUANPING = '140981'

const rand = () => crypto.randomBytes(4).toString('hex')

export async function ticketAccount(role: 'dispatcher' | 'handler', opts: { regionCode?: string; departmentId?: mongoose.Types.ObjectId | string; name?: string }): Promise<Session> {
  const username = `${role}_${rand()}`
  const password = 'Passw0rd!test'
  await Account.create({
    username,
    passwordHash: await hashPassword(password),
    name: opts.name ?? (role === 'dispatcher' ? '12345 派单员' : '部门承办人'),
    role,
    hallIds: [],
    regionCode: opts.regionCode,
    departmentId: opts.departmentId,
  })
  const res = await api().post('/api/v1/auth/staff').send({ username, password })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { id: res.body.user.id, token: res.body.accessToken, refreshToken: res.body.refreshToken, auth: { Authorization: `Bearer ${res.body.accessToken}` } }
}

export interface TicketWorld {
  dept: { _id: mongoose.Types.ObjectId; name: string }
  dept2: { _id: mongoose.Types.ObjectId; name: string }
  category: { _id: mongoose.Types.ObjectId }
  complexCategory: { _id: mongoose.Types.ObjectId }
  actors: {
    requester: Session
    otherCitizen: Session
    dispatcherCity: Session
    dispatcherHere: Session
    dispatcherOther: Session
    handlerHere: Session
    handler2: Session
    handlerOther: Session
    staff: Session
    adminHere: Session
    adminOther: Session
  }
}

/**
 * The API tests' setup (call after useTestDb()): one ticket world per file, built before the tests, and the business
 * clock put back after each test. The world and its `actors` are filled in before the first test: read them inside
 * tests and hooks (`const A = w.actors` at the top of the file is the same object).
 */
export function useTicketWorld(): TicketWorld {
  const world = { actors: {} } as TicketWorld
  beforeAll(async () => {
    const { actors, ...rest } = await ticketWorld()
    Object.assign(world.actors, actors)
    Object.assign(world, rest)
  })
  afterEach(() => setNow(undefined))
  return world
}

export async function ticketWorld(): Promise<TicketWorld> {
  const dept = await Department.create({ name: `忻府区人力资源和社会保障局-${rand()}`, regionCode: XINFU })
  const dept2 = await Department.create({ name: `忻州市医疗保障局-${rand()}`, regionCode: CITY })
  const deptOther = await Department.create({ name: `原平市住房和城乡建设局-${rand()}`, regionCode: YUANPING })
  const category = await TicketCategory.create({ name: `社保卡补换-${rand()}`, parent: '社会保障', departmentId: dept._id, limitClass: '一般', replyDays: 5 })
  const complexCategory = await TicketCategory.create({ name: `拖欠工资-${rand()}`, parent: '劳动保障', departmentId: dept._id, limitClass: '复杂', replyDays: 15 })
  const [requester, otherCitizen, dispatcherCity, dispatcherHere, dispatcherOther, handlerHere, handler2, handlerOther, staff, adminHere, adminOther] = await Promise.all([
    citizen(),
    citizen(),
    ticketAccount('dispatcher', { regionCode: CITY }),
    ticketAccount('dispatcher', { regionCode: XINFU }),
    ticketAccount('dispatcher', { regionCode: YUANPING }),
    ticketAccount('handler', { departmentId: dept._id }),
    ticketAccount('handler', { departmentId: dept2._id }),
    ticketAccount('handler', { departmentId: deptOther._id }),
    account({ role: 'staff' }),
    account({ role: 'admin', regionCode: XINFU }),
    account({ role: 'admin', regionCode: YUANPING }),
  ])
  return {
    dept,
    dept2,
    category,
    complexCategory,
    actors: { requester, otherCitizen, dispatcherCity, dispatcherHere, dispatcherOther, handlerHere, handler2, handlerOther, staff, adminHere, adminOther },
  }
}

export function submitBody(categoryId: unknown, over: Record<string, unknown> = {}) {
  return {
    type: '投诉',
    categoryId: String(categoryId),
    description: '在忻府区政务服务中心补办社保卡，窗口说要等一个月，希望尽快办理',
    contactMobile: '13812345678',
    contactName: '王晓明',
    regionCode: XINFU,
    ...over,
  }
}

export async function submitTicket(s: Session, categoryId: unknown, over: Record<string, unknown> = {}): Promise<string> {
  const res = await api().post('/api/v1/tickets').set(s.auth).send(submitBody(categoryId, over))
  if (res.status !== 201) throw new Error(`submit failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.id
}

let inserted = 0
/**
 * A ticket written directly in a given state (for the authorization matrix): in 忻府区, of `userId`, held by
 * `departmentId`, with the clocks of a dispatch that happened just now.
 */
export async function insertTicket(opts: {
  status: string
  userId: string | mongoose.Types.ObjectId
  categoryId: mongoose.Types.ObjectId
  departmentId?: mongoose.Types.ObjectId
  type?: string
  regionCode?: string
  extension?: Record<string, unknown>
}): Promise<string> {
  const at = new Date()
  inserted++
  const id = `12345-20250101-${String(inserted).padStart(2, '0')}${crypto.randomInt(100000, 999999)}`
  const dispatched = !['submitted', 'returned'].includes(opts.status)
  const open = !['closed', 'archived', 'merged'].includes(opts.status)
  await Ticket.create({
    _id: id,
    seq: 1,
    date: '2025-01-01',
    month: '2025-01',
    userId: opts.userId,
    type: opts.type ?? '投诉',
    categoryId: opts.categoryId,
    categoryName: '社保卡补换',
    departmentId: opts.departmentId,
    departmentName: '忻府区人力资源和社会保障局',
    regionCode: opts.regionCode ?? XINFU,
    description: '补办社保卡等待时间过长，希望尽快办理',
    contactMobile: '13812345678',
    limitDays: 5,
    status: opts.status,
    submittedAt: at,
    ...(dispatched ? { dispatchedAt: at, clockStart: at, responseDueAt: new Date(at.getTime() + 86_400_000), replyDueAt: new Date(at.getTime() + 5 * 86_400_000) } : {}),
    ...(opts.status === 'awaiting_supplement' ? { pausedAt: at } : {}),
    ...(opts.status === 'replied' ? { reply: { text: '已办理', by: 'matrix', at } } : {}),
    extension: opts.extension,
    timeline: [{ seq: 1, action: 'submit', at, by: String(opts.userId), byRole: 'citizen', to: 'submitted' }],
    dispatchQueue: ['submitted', 'returned'].includes(opts.status) ? 'open' : null,
    activeDepartment: dispatched && open && opts.departmentId ? String(opts.departmentId) : null,
    openFlag: open ? 'open' : null,
    pendingExtension: opts.extension?.status === 'pending' ? 'pending' : null,
  })
  return id
}
