/**
 * `GET /staff/ratings` of a window worker with several points (SPEC §6, issue 14): the list is the union of one query
 * per point, each an equality on `hallId` (searched in SQL on the embedded database; a `$in` would read every rating),
 * paged newest first exactly as one query over all of them would be.
 */
import { Types } from 'mongoose'
import { localDate, regionScopesOf } from '@xz/shared'
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
