/**
 * `GET /staff/ratings` (SPEC §6, issue 14). For a window worker with several points the list is the union of one query
 * per point, each an equality on `hallId` (searched in SQL on the embedded database; a `$in` would read every rating),
 * paged newest first exactly as one query over all of them would be. For an administrator of a whole region (whose
 * ratings the embedded database cannot search in SQL: `regionScopes` is an array) it is read day by day over a bounded
 * period, through an equality on `ratedDate`.
 */
import { Types } from 'mongoose'
import { localDate, regionScopesOf } from '@xz/shared'
import { setNow } from '../../server/src/lib/clock'
import { Rating } from '../../server/src/modules/ratings/rating.model'
import { api } from '../helpers/app'
import { account, type Session } from '../helpers/auth'
import { recording, useTestDb } from '../helpers/db'
import { makeHall, makeService } from '../helpers/factories'

useTestDb({ monitorCommands: true })

let staff: Session
let hallIds: string[]
const T0 = Date.parse('2026-11-20T02:00:00Z')

beforeAll(async () => {
  const service = await makeService()
  const halls = await Promise.all([makeHall(), makeHall(), makeHall()])
  hallIds = halls.map((h) => String(h._id))
  // 7 ratings on the first point, 5 on the second (interleaved in time, two at the same instant), 4 on a third the
  // worker does not staff
  const docs = Array.from({ length: 16 }, (_, i) => {
    const hall = i < 7 ? hallIds[0] : i < 12 ? hallIds[1] : hallIds[2]
    const ratedAt = new Date(T0 + (i === 3 ? 8 : i) * 3_600_000)
    return {
      key: `guide:${new Types.ObjectId()}`, kind: 'window', userId: new Types.ObjectId(), raterName: '王*', serviceId: service._id,
      hallId: new Types.ObjectId(hall), regionCode: '140902', regionScopes: regionScopesOf('140902'), level: (i % 5) + 1,
      dimensions: {}, tags: [], isDefault: false, ratedAt, ratedDate: localDate(ratedAt), createdAt: ratedAt, updatedAt: ratedAt,
    }
  })
  await Rating.collection.insertMany(docs as never[])
  staff = await account({ role: 'staff', hallIds: hallIds.slice(0, 2) })
})

describe('GET /staff/ratings for a worker of several points', () => {
  it('when paged, then every page is the newest-first order of both points’ ratings, with their total', async () => {
    const expected = (await Rating.find({ hallId: { $in: hallIds.slice(0, 2) } }).sort({ ratedAt: -1, _id: -1 }).lean()).map((r) => String(r._id))
    expect(expected).toHaveLength(12)
    const seen: string[] = []
    for (let page = 1; page <= 5; page++) {
      const res = await api().get('/api/v1/staff/ratings').query({ page, pageSize: 5 }).set(staff.auth)
      expect(res.status).toBe(200)
      expect(res.body.total).toBe(12)
      seen.push(...res.body.items.map((r: { id: string }) => r.id))
    }
    expect(seen).toEqual(expected)
  })

  it('when filtered by level or one point, then only those, and another point is refused', async () => {
    const level = await api().get('/api/v1/staff/ratings').query({ level: 2, pageSize: 50 }).set(staff.auth)
    expect(level.body.total).toBe(await Rating.countDocuments({ hallId: { $in: hallIds.slice(0, 2) }, level: 2 }))
    expect(level.body.items.every((r: { level: number }) => r.level === 2)).toBe(true)
    const one = await api().get('/api/v1/staff/ratings').query({ hallId: hallIds[1], pageSize: 50 }).set(staff.auth)
    expect(one.body.total).toBe(5)
    expect((await api().get('/api/v1/staff/ratings').query({ hallId: hallIds[2] }).set(staff.auth)).status).toBe(403)
  })

  it('then ratings are read only by an equality on one point', async () => {
    const { result, commands } = await recording(() => api().get('/api/v1/staff/ratings').query({ pageSize: 5 }).set(staff.auth))
    expect(result.status).toBe(200)
    const reads = commands.filter((c) => c.collection === 'ratings')
    expect(reads.length).toBe(4) // a page read and a count per point
    for (const c of reads) {
      // (a page read is a find, a count an aggregate whose first stage matches)
      const filter = (c.command.filter ?? (c.command.pipeline as { $match: object }[])[0].$match) as Record<string, unknown>
      expect(Object.keys(filter)).toEqual(['hallId'])
      expect(hallIds.slice(0, 2)).toContain(String(filter.hallId))
    }
  })
})

describe('GET /staff/ratings for an administrator of a whole region', () => {
  let city: Session
  let county: Session
  const NOW = new Date('2026-11-22T04:00:00Z') // local 2026-11-22 12:00: the default period is 2026-10-24 … 2026-11-22
  const extra = (regionCode: string, ratedAt: Date) => ({
    key: `guide:${new Types.ObjectId()}`, kind: 'window', userId: new Types.ObjectId(), raterName: '李*', serviceId: new Types.ObjectId(),
    hallId: new Types.ObjectId(), regionCode, regionScopes: regionScopesOf(regionCode), level: 1, dimensions: {}, tags: [], isDefault: false,
    ratedAt, ratedDate: localDate(ratedAt), createdAt: ratedAt, updatedAt: ratedAt,
  })

  beforeAll(async () => {
    // three of the county 40 days before (outside the default period), two of another county of the city yesterday
    const old = [1, 2, 3].map((h) => extra('140902', new Date(Date.parse('2026-10-13T02:00:00Z') + h * 3_600_000)))
    const other = [1, 2].map((h) => extra('140981', new Date(Date.parse('2026-11-21T02:00:00Z') + h * 3_600_000)))
    await Rating.collection.insertMany([...old, ...other] as never[])
    city = await account({ role: 'admin', regionCode: '140900' })
    county = await account({ role: 'admin', regionCode: '140902' })
    setNow(NOW)
  })
  afterAll(() => setNow(undefined))

  const newest = async (filter: Record<string, unknown>) =>
    (await Rating.find(filter).sort({ ratedAt: -1, _id: -1 }).lean()).map((r) => String(r._id))
  const pages = async (s: Session, query: Record<string, unknown>, pageSize: number) => {
    const seen: string[] = []
    let total = -1
    for (let page = 1; ; page++) {
      const res = await api().get('/api/v1/staff/ratings').query({ ...query, page, pageSize }).set(s.auth)
      expect(res.status).toBe(200)
      total = res.body.total
      if (res.body.items.length === 0) break
      seen.push(...res.body.items.map((r: { id: string }) => r.id))
    }
    return { seen, total }
  }

  it('when no period is given, then the last 30 days of the region, newest first page by page, with their total', async () => {
    const window = { ratedDate: { $gte: '2026-10-24', $lte: '2026-11-22' } }
    const all = await pages(city, {}, 4)
    expect(all.seen).toEqual(await newest({ ...window, regionScopes: '140900' }))
    expect(all.total).toBe(18)
    const mine = await pages(county, {}, 5)
    expect(mine.seen).toEqual(await newest({ ...window, regionScopes: '140902' }))
    expect(mine.total).toBe(16)
  })

  it('when a period or a level is given, then only those; a period over 92 days or reversed is a 400', async () => {
    const longer = await pages(city, { from: '2026-10-01', to: '2026-11-22' }, 7)
    expect(longer.total).toBe(21)
    expect(longer.seen).toEqual(await newest({ ratedDate: { $gte: '2026-10-01', $lte: '2026-11-22' }, regionScopes: '140900' }))
    const bad = await pages(county, { level: 1, from: '2026-11-20', to: '2026-11-21' }, 3)
    expect(bad.seen).toEqual(await newest({ ratedDate: { $gte: '2026-11-20', $lte: '2026-11-21' }, regionScopes: '140902', level: 1 }))
    expect(bad.total).toBe(bad.seen.length)
    const tooLong = await api().get('/api/v1/staff/ratings').query({ from: '2026-01-01', to: '2026-11-22' }).set(city.auth)
    expect(tooLong.status).toBe(400)
    const reversed = await api().get('/api/v1/staff/ratings').query({ from: '2026-11-22', to: '2026-11-01' }).set(city.auth)
    expect(reversed.status).toBe(400)
  })

  it('then ratings are read day by day, each read an equality on ratedDate (never the whole collection)', async () => {
    const { result, commands } = await recording(() => api().get('/api/v1/staff/ratings').query({ pageSize: 5 }).set(city.auth))
    expect(result.status).toBe(200)
    const reads = commands.filter((c) => c.collection === 'ratings')
    expect(reads.length).toBeGreaterThan(0)
    for (const c of reads) {
      const filter = (c.command.filter ?? (c.command.pipeline as { $match: object }[])[0].$match) as Record<string, unknown>
      expect(typeof filter.ratedDate).toBe('string')
    }
  })
})
