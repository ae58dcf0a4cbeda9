/**
 * Work-order lists and counts from the in-memory rows (work-orders/order-index.ts, SPEC §6, issue 14): the same
 * pages and totals the database's own sort gives, a write by another process seen at the next request, and only
 * the page's orders read (by `_id`).
 */
import mongoose from 'mongoose'
import { regionScopesOf, WORK_ORDER_STATUSES } from '@xz/shared'
import { touchWorkOrders, WorkOrder } from '../../server/src/modules/work-orders/work-order.model'
import { api } from '../helpers/app'
import { account, type Session } from '../helpers/auth'
import { recording, useTestDb } from '../helpers/db'
import { CITY, makeHall, makeDepartment, makeService, XINFU, YUANPING } from '../helpers/rating-fixtures'

useTestDb({ monitorCommands: true })

const oid = () => new mongoose.Types.ObjectId()
const HOUR = 3_600_000
const SORT = { dueRank: 1, dueAt: 1, ratedAt: -1, _id: 1 } as const

let hallA: mongoose.Types.ObjectId
let hallB: mongoose.Types.ObjectId
let staffA: Session
let cityAdmin: Session
let yuanpingAdmin: Session
let serviceId: mongoose.Types.ObjectId

/** A seeded order as another process (or an import) wrote it: straight into the collection, no model hooks. */
function order(i: number, hall: mongoose.Types.ObjectId | undefined, regionCode: string) {
  const month = ['2026-09', '2026-10', '2026-11', '2026-12'][i % 4]
  const ratedDate = `${month}-${String(1 + (i % 28)).padStart(2, '0')}`
  const ratedAt = new Date(`${ratedDate}T10:00:00+08:00`)
  const status = WORK_ORDER_STATUSES[i % WORK_ORDER_STATUSES.length]
  const due = status !== 'closed' && status !== 'replied' && i % 5 !== 0
  return {
    _id: oid(), ratingId: oid(), kind: hall ? 'window' : 'guide', userId: oid(), raterName: '王*明', hallId: hall, serviceId,
    regionCode, regionScopes: regionScopesOf(regionCode), level: 1 + (i % 2), dimensions: {}, tags: [], ratedAt, ratedDate, status,
    verifyDeadline: new Date(ratedAt.getTime() + 24 * HOUR), rectifyDays: 5,
    // due ones: some overdue, some not; ties on the deadline so that the rating time and the id decide
    ...(due ? { dueAt: new Date(Date.now() + ((i % 7) - 3) * 24 * HOUR), dueRank: 0 } : { dueRank: 1 }),
    createdAt: ratedAt, updatedAt: ratedAt,
  }
}

beforeAll(async () => {
  const dept = await makeDepartment()
  serviceId = (await makeService({ departmentId: dept._id }))._id
  hallA = (await makeHall({ regionCode: XINFU, name: '忻府区政务服务中心' }))._id
  hallB = (await makeHall({ regionCode: YUANPING, name: '原平市政务服务中心' }))._id
  const docs = Array.from({ length: 150 }, (_, i) => (i % 3 === 0 ? order(i, hallA, XINFU) : i % 3 === 1 ? order(i, hallB, YUANPING) : order(i, undefined, XINFU)))
  await WorkOrder.collection.insertMany(docs)
  staffA = await account({ role: 'staff', hallIds: [hallA] })
  cityAdmin = await account({ role: 'admin', regionCode: CITY })
  yuanpingAdmin = await account({ role: 'admin', regionCode: YUANPING })
})

async function listIds(who: Session, query: Record<string, string>) {
  const res = await api().get('/api/v1/staff/work-orders').query(query).set(who.auth)
  expect(res.status).toBe(200)
  return { ids: (res.body.items as { id: string }[]).map((o) => o.id), total: res.body.total as number }
}

async function databaseIds(filter: mongoose.FilterQuery<unknown>, page: number, pageSize: number) {
  const all = await WorkOrder.find(filter).sort(SORT).select('_id').lean()
  return { ids: all.slice((page - 1) * pageSize, page * pageSize).map((o) => o._id.toString()), total: all.length }
}

describe('work-order lists from the in-memory rows', () => {
  const cases: [string, () => Session, () => Record<string, string>, () => mongoose.FilterQuery<unknown>][] = [
    ['staff, their point', () => staffA, () => ({}), () => ({ hallId: hallA })],
    ['staff, their point, pending verification', () => staffA, () => ({ status: 'pending_verification' }), () => ({ hallId: hallA, status: 'pending_verification' })],
    ['staff, overdue', () => staffA, () => ({ overdue: 'true' }), () => ({ hallId: hallA, dueAt: { $lt: new Date() } })],
    ['city administrator, the whole city (guides included)', () => cityAdmin, () => ({}), () => ({ regionScopes: CITY })],
    ['city administrator, one point', () => cityAdmin, () => ({ hallId: String(hallB) }), () => ({ regionScopes: CITY, hallId: hallB })],
    ['county administrator, rectifying', () => yuanpingAdmin, () => ({ status: 'rectifying' }), () => ({ regionScopes: YUANPING, status: 'rectifying' })],
  ]
  it.each(cases)('when %s pages through, then every page and the total are what the database sorts', async (_name, who, query, filter) => {
    for (const page of [1, 2, 3, 9]) {
      const got = await listIds(who(), { ...query(), page: String(page), pageSize: '7' })
      expect(got).toEqual(await databaseIds(filter(), page, 7))
    }
  })

  it('when staff ask for another point, then 403 and nothing is listed', async () => {
    const res = await api().get('/api/v1/staff/work-orders').query({ hallId: String(hallB) }).set(staffA.auth)
    expect(res.status).toBe(403)
  })

  it('when another process closes an order and adds one in a new month, then the next list shows both', async () => {
    const first = (await listIds(staffA, { status: 'pending_verification', pageSize: '50' })).ids[0]
    const closed = (await WorkOrder.findById(first).lean())!
    // what another process's step write does: the update, then its month's version
    await WorkOrder.collection.updateOne({ _id: closed._id }, { $set: { status: 'closed', dueRank: 1 }, $unset: { dueAt: 1 } })
    const added = order(3, hallA, XINFU)
    Object.assign(added, { ratedDate: '2027-01-05', ratedAt: new Date('2027-01-05T10:00:00+08:00'), status: 'pending_verification', dueAt: new Date(Date.now() - 30 * 24 * HOUR), dueRank: 0 })
    await WorkOrder.collection.insertOne(added)
    await touchWorkOrders([closed.ratedDate, added.ratedDate])

    const pending = await listIds(staffA, { status: 'pending_verification', pageSize: '50' })
    expect(pending.ids).not.toContain(first)
    // the new order is the most overdue: first
    expect(pending.ids[0]).toBe(String(added._id))
    expect(pending).toEqual(await databaseIds({ hallId: hallA, status: 'pending_verification' }, 1, 50))
  })

  it('when a warm list is read, then the orders are read only by `_id`, one per row of the page', async () => {
    await listIds(staffA, {}) // warm
    const { commands } = await recording(() => listIds(cityAdmin, { pageSize: '10' }))
    const orderReads = commands.filter((c) => c.collection === 'workorders')
    expect(orderReads).toHaveLength(10)
    for (const c of orderReads) expect(Object.keys((c.command.filter ?? {}) as object)).toEqual(['_id'])
    expect(commands.filter((c) => c.name === 'aggregate' || c.name === 'count')).toEqual([])
  })
})

describe('the dashboard counts work orders from the in-memory rows', () => {
  it('when the city administrator opens the overview, then orders by state in the period and overdue now match the database', async () => {
    const from = '2026-10-01'
    const to = '2026-12-31'
    const res = await api().get('/api/v1/stats/overview').query({ from, to }).set(cityAdmin.auth)
    expect(res.status).toBe(200)
    const want = Object.fromEntries(
      await Promise.all(WORK_ORDER_STATUSES.map(async (s) => [s, await WorkOrder.countDocuments({ regionScopes: CITY, status: s, ratedDate: { $gte: from, $lte: to } })])),
    )
    expect(res.body.workOrders.byStatus).toEqual(want)
    expect(Object.values(want).some((n) => Number(n) > 0)).toBe(true)
    const overdue = await WorkOrder.countDocuments({ regionScopes: CITY, dueAt: { $lt: new Date() } })
    expect(overdue).toBeGreaterThan(0)
    expect(res.body.workOrders.overdue).toBe(overdue)

    const county = await api().get('/api/v1/stats/overview').query({ from, to }).set(yuanpingAdmin.auth)
    expect(county.body.workOrders.overdue).toBe(await WorkOrder.countDocuments({ regionScopes: YUANPING, dueAt: { $lt: new Date() } }))
  })
})
