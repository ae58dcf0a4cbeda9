/**
 * The dashboard's day counts (stats/day-counts.ts, SPEC §6, issue 14): a day is aggregated once and stored in its month's
 * document, which every process (and this one after a restart) reads by `_id`, one read per month and kind; a stored day
 * past its refresh age (30 s for yesterday and today, an hour for earlier days) is answered at once and recomputed in
 * the background, an open day older than 10 minutes is computed first; the jobs' warm-up stores every administrator's
 * days.
 */
import mongoose from 'mongoose'
import { addDays, localDate, regionScopesOf } from '@xz/shared'
import { CLOSED_DAY_REFRESH_MS, forgetDayCounts, OPEN_DAY_MAX_AGE_MS, OPEN_DAY_TTL_MS } from '../../server/src/modules/stats/day-counts'
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
/** The months the days of the period fall in. */
const periodMonths = () => new Set(Array.from({ length: 10 }, (_, i) => addDays(from, i).slice(0, 7))).size
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
  it('when the overview is read, then every day of the period is stored, each in its month’s document', async () => {
    const first = await overview()
    expect(totalOn(first, closedDay)).toBe(3)
    expect(totalOn(first, today)).toBe(2)
    const ids = [...(await storedDays()).keys()]
    // ratings and bookings of each day of the period (ten days)
    expect(ids).toHaveLength(2 * 10)
    expect(ids).toContain(`ratings|${CITY}|${closedDay}`)
    expect(ids).toContain(`bookings|${CITY}|${today}`)
  })

  it('when another process (or this one after a restart) reads it, then the days are read by `_id`, one read per month and kind, and nothing is aggregated', async () => {
    await overview()
    forgetDayCounts() // what a fresh process holds
    const { result, commands } = await recording(() => overview())
    expect(totalOn(result, closedDay)).toBe(3)
    expect(totalOn(result, today)).toBe(2)
    // the open days were computed a moment ago, by the "other process"
    expect(commands.filter((c) => c.name === 'aggregate')).toEqual([])
    const reads = commands.filter((c) => c.collection === 'stats_months')
    expect(reads).toHaveLength(2 * periodMonths())
    for (const c of reads) expect(Object.keys((c.command.filter ?? {}) as object)).toEqual(['_id'])
  })

  it('when today’s counts are older than the open-day TTL, then they are answered at once and recomputed in the background; older than the open-day maximum, they are waited for', async () => {
    await overview()
    const age = async (ms: number) => {
      for (const m of await months().find({}).toArray()) {
        for (const [date, day] of Object.entries(m.days)) if (date === today) day.computedAt = new Date(Date.now() - ms)
        await months().replaceOne({ _id: m._id }, m)
      }
      forgetDayCounts()
    }
    const before = totalOn(await overview(), today)
    await ratings(today, 2, 1)
    await age(OPEN_DAY_TTL_MS + 1000)
    expect(totalOn(await overview(), today)).toBe(before) // at once, as stored
    let stored = 0
    for (let i = 0; i < 100 && stored !== before + 1; i++) {
      await new Promise((r) => setTimeout(r, 50))
      stored = (await storedDays()).get(`ratings|${CITY}|${today}`)?.rows.reduce((s, r) => s + r.n, 0) ?? 0
    }
    expect(stored).toBe(before + 1)
    expect(totalOn(await overview(), today)).toBe(before + 1) // the process holds the new value

    await ratings(today, 2, 1)
    await age(OPEN_DAY_MAX_AGE_MS + 1000)
    expect(totalOn(await overview(), today)).toBe(before + 2) // too old to answer: computed first
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

  it('when the 好差评 figures are read, then ratings and bookings are read day by day by date equality and work orders not at all, and a fresh process reads only the stored months', async () => {
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
    // every day was stored a moment ago, the open ones too: nothing is read but the months
    expect(again.commands.filter((c) => c.collection === 'ratings' || c.collection === 'bookings')).toEqual([])
    expect(again.commands.filter((c) => c.collection === 'stats_months').length).toBeGreaterThan(0)
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
