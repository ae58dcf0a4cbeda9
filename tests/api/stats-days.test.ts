/**
 * The dashboard's day counts (stats/day-counts.ts, SPEC §6, issue 14): a closed day is aggregated once and stored in its
 * month's document, which every process (and this one after a restart) reads by `_id`, one read per month and kind;
 * yesterday and today are never stored; a stored day past its refresh age is answered at once and recomputed in the
 * background; the jobs' warm-up stores every administrator's days.
 */
import mongoose from 'mongoose'
import { addDays, localDate, regionScopesOf } from '@xz/shared'
import { CLOSED_DAY_REFRESH_MS, forgetDayCounts } from '../../server/src/modules/stats/day-counts'
import { warmOverviews } from '../../server/src/modules/stats/stats.jobs'
import { Rating } from '../../server/src/modules/ratings/rating.model'
import { api } from '../helpers/app'
import { account, type Session } from '../helpers/auth'
import { recording, useTestDb } from '../helpers/db'
import { CITY, XINFU } from '../helpers/rating-fixtures'

useTestDb({ monitorCommands: true })

const today = localDate(new Date())
const from = addDays(today, -9)
const closedDay = addDays(today, -5)
let admin: Session

/** Ratings as stored (no hooks): `n` of `level` on `date`. */
async function ratings(date: string, level: number, n: number) {
  await Rating.collection.insertMany(
    Array.from({ length: n }, () => {
      const at = new Date(`${date}T10:00:00+08:00`)
      const id = new mongoose.Types.ObjectId()
      return {
        _id: id, key: `guide:${id}`, kind: 'guide', userId: new mongoose.Types.ObjectId(), raterName: '王*明', serviceId: new mongoose.Types.ObjectId(),
        regionCode: XINFU, regionScopes: regionScopesOf(XINFU), level, dimensions: {}, tags: [], isDefault: false, ratedAt: at, ratedDate: date,
        createdAt: at, updatedAt: at,
      }
    }),
  )
}

const months = () => mongoose.connection.collection<{ _id: string; days: Record<string, { rows: { n: number }[]; computedAt: Date }> }>('stats_months')
/** Every stored day, as `${kind}|${region}|${date}` → its rows and time. */
async function storedDays() {
  const out = new Map<string, { rows: { n: number }[]; computedAt: Date }>()
  for (const m of await months().find({}).toArray()) {
    const [kind, region] = m._id.split('|')
    expect(m._id).toMatch(/^[\w-]+\|[\d*]+\|\d{4}-\d{2}$/)
    for (const [date, day] of Object.entries(m.days)) {
      expect(date.slice(0, 7)).toBe(m._id.slice(-7)) // a day lives in its own month's document
      out.set(`${kind}|${region}|${date}`, day)
    }
  }
  return out
}
/** The months the closed days of the period fall in. */
const closedMonths = () => new Set(Array.from({ length: 8 }, (_, i) => addDays(from, i).slice(0, 7))).size
const overview = async () => {
  const res = await api().get('/api/v1/stats/overview').query({ from, to: today }).set(admin.auth)
  expect(res.status).toBe(200)
  return res.body as { ratingsByDay: { date: string; total: number }[] }
}
const totalOn = (o: Awaited<ReturnType<typeof overview>>, date: string) => o.ratingsByDay.find((d) => d.date === date)!.total

beforeAll(async () => {
  admin = await account({ role: 'admin', regionCode: CITY })
  await ratings(closedDay, 5, 3)
  await ratings(today, 1, 2)
})
beforeEach(() => forgetDayCounts())

describe('the dashboard day counts', () => {
  it('when the overview is read, then closed days are stored once, and yesterday and today are not', async () => {
    const first = await overview()
    expect(totalOn(first, closedDay)).toBe(3)
    expect(totalOn(first, today)).toBe(2)
    const ids = [...(await storedDays()).keys()]
    // ratings and bookings of each closed day of the period (ten days, two of them open)
    expect(ids).toHaveLength(2 * 8)
    expect(ids).toContain(`ratings|${CITY}|${closedDay}`)
    expect(ids.some((id) => id.endsWith(today) || id.endsWith(addDays(today, -1)))).toBe(false)
  })

  it('when another process (or this one after a restart) reads it, then closed days are read by `_id`, one read per month and kind, and only open days are aggregated', async () => {
    await overview()
    forgetDayCounts() // what a fresh process holds
    const { result, commands } = await recording(() => overview())
    expect(totalOn(result, closedDay)).toBe(3)
    const aggregates = commands.filter((c) => c.name === 'aggregate')
    // ratings and bookings of yesterday and today
    expect(aggregates).toHaveLength(4)
    const reads = commands.filter((c) => c.collection === 'stats_months')
    expect(reads).toHaveLength(2 * closedMonths())
    for (const c of reads) expect(Object.keys((c.command.filter ?? {}) as object)).toEqual(['_id'])
  })

  it('when a stored day is past its refresh age and changed meanwhile, then it is answered at once and recomputed in the background', async () => {
    await overview()
    await ratings(closedDay, 1, 4) // a late default rating after a downtime, say
    const old = new Date(Date.now() - CLOSED_DAY_REFRESH_MS - 60_000)
    for (const m of await months().find({}).toArray()) {
      for (const day of Object.values(m.days)) day.computedAt = old
      await months().replaceOne({ _id: m._id }, m)
    }
    forgetDayCounts()
    expect(totalOn(await overview(), closedDay)).toBe(3) // at once, as stored
    let after = 0
    for (let i = 0; i < 100 && after !== 7; i++) {
      await new Promise((r) => setTimeout(r, 50))
      const day = (await storedDays()).get(`ratings|${CITY}|${closedDay}`)
      after = day?.rows.reduce((s, r) => s + r.n, 0) ?? 0
    }
    expect(after).toBe(7)
    forgetDayCounts()
    expect(totalOn(await overview(), closedDay)).toBe(7)
  })

  it('when the 好差评 figures are read, then ratings and bookings are read day by day by date equality and work orders not at all, and a fresh process aggregates only the open days', async () => {
    const figures = () => api().get('/api/v1/stats/ratings').query({ groupBy: 'region', from, to: today }).set(admin.auth)
    const { result, commands } = await recording(() => figures())
    expect(result.status).toBe(200)
    const all = await Rating.countDocuments({}) // every rating of this file is of the period, in 忻府区
    expect(all).toBeGreaterThan(0)
    expect(result.body.overall.total).toBe(all)
    expect(result.body.rows).toEqual([expect.objectContaining({ key: XINFU.slice(0, 6), total: all })])
    const ratingReads = commands.filter((c) => c.collection === 'ratings')
    expect(ratingReads.length).toBeGreaterThanOrEqual(10)
    for (const c of ratingReads) expect((c.command.pipeline as { $match?: object }[])[0].$match).toEqual({ ratedDate: expect.any(String) })
    const bookingReads = commands.filter((c) => c.collection === 'bookings')
    expect(bookingReads.length).toBeGreaterThanOrEqual(10)
    for (const c of bookingReads) expect(c.command.filter).toEqual({ date: expect.any(String), status: 'served' })
    expect(commands.filter((c) => c.collection === 'workorders' && c.name !== 'find')).toEqual([])

    forgetDayCounts() // what a fresh process holds
    const again = await recording(() => figures())
    expect(again.result.body).toEqual(result.body)
    // yesterday and today, of ratings and of served bookings
    expect(again.commands.filter((c) => c.collection === 'ratings' || c.collection === 'bookings')).toHaveLength(4)
  })

  it('when the jobs warm up, then every administrator region’s closed days of the default period are stored', async () => {
    await account({ role: 'admin', regionCode: XINFU })
    await months().deleteMany({})
    forgetDayCounts()
    expect(await warmOverviews()).toBe(2)
    const ids = [...(await storedDays()).keys()]
    expect(ids).toContain(`ratings|${XINFU}|${closedDay}`)
    expect(ids).toContain(`bookings|${CITY}|${closedDay}`)
    // at most hourly per process
    expect(await warmOverviews()).toBe(0)
  })
})
