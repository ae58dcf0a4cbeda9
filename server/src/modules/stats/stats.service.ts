import { Types } from 'mongoose'
import { addCounts, addDays, BOOKING_STATUSES, dateRange, daysBetween, emptyCounts, type LevelCounts, localDate, MAX_OVERVIEW_RANGE_DAYS, MAX_STATS_RANGE_DAYS, RATING_WINDOW_DAYS, type RatingCounts, ratingMetrics, type RatingStats, type RatingStatsGroup, type RatingStatsQuery, regionScopesOf, type StatsOverview, WORK_ORDER_STATUSES, type WorkOrderStatus } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, forbidden } from '../../lib/errors'
import { Booking } from '../bookings'
import { Department, recentActiveServicesById, Region, Service } from '../catalogue'
import { Hall, hallCache } from '../halls'
import { Rating } from '../ratings'
import { workOrderCounts, workOrderTallies } from '../work-orders'
import { ratingCube, type RatingCubeRow, servedCube, type ServedCubeRow } from './day-cubes'
import { dayCounts } from './day-counts'
import { mapConcurrently } from '../../lib/day-reads'

const DEFAULT_PERIOD_DAYS = 30

interface Period {
  from: string
  to: string
}

/** The period asked for (the last 30 days by default), at most `maxDays` long. */
export function periodOf(q: { from?: string; to?: string }, maxDays: number): Period {
  const to = q.to ?? (q.from ? addDays(q.from, DEFAULT_PERIOD_DAYS - 1) : localDate(now()))
  const from = q.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1))
  const issue = (message: string) => new AppError('VALIDATION_FAILED', message, { issues: [{ path: 'to', message }] })
  if (to < from) throw issue('结束日期不能早于开始日期')
  if (daysBetween(from, to) + 1 > maxDays) throw issue(`统计区间不能超过 ${maxDays} 天`)
  return { from, to }
}

/** `^prefix` of the region codes an administrator oversees (bookings carry a plain `regionCode`). */
function regionPattern(code: string): RegExp {
  const prefix = code.length === 6 && code.endsWith('00') ? code.slice(0, 4) : code
  return new RegExp(`^${prefix}`)
}

function adminRegion(auth: AuthContext | undefined, what: string): string {
  if (!auth) throw new AppError('UNAUTHENTICATED', '请先登录')
  if (auth.role !== 'admin' || !auth.regionCode) throw forbidden(`${what}仅向管理员开放`)
  return auth.regionCode
}

/** The field each collection is grouped by in the database; department and region keys are derived afterwards. */
const BASE_FIELD: Record<RatingStatsGroup, 'serviceId' | 'hallId' | 'regionCode'> = {
  service: 'serviceId',
  hall: 'hallId',
  department: 'serviceId',
  region: 'regionCode',
}

type Key = string | null

const keyOf = (v: unknown): Key => (v === null || v === undefined ? null : String(v))

/**
 * `GET /stats/ratings`: the 好差评 figures per item, point, department or region over a period. Every figure is a
 * `$sum: 1` count grouped by value (the embedded database has no $avg/$cond); the ratios are made in shared/src/rating-metrics.ts.
 * Items and points are public; departments and regions are for administrators, within their region.
 */
export async function ratingStats(auth: AuthContext | undefined, q: RatingStatsQuery): Promise<RatingStats> {
  const { from, to } = periodOf(q, MAX_STATS_RANGE_DAYS)
  const region = q.groupBy === 'department' || q.groupBy === 'region' ? adminRegion(auth, '按部门、区域的统计') : undefined
  const field = BASE_FIELD[q.groupBy]

  // Every figure from day cubes and the work-order rows in memory (see day-cubes.ts), counted in two passes over the
  // rows as they are held (the keys of the groups, then the counts): a figure over a city's month reads ~25,000 rows
  // and should not leave as many objects behind per request.
  const inScope = (r: { hallId?: string; serviceId?: string }) => (!q.hallId || r.hallId === q.hallId) && (!q.serviceId || r.serviceId === q.serviceId)
  const scopesOf = new Map<string, boolean>()
  const ratingInRegion = (r: { regionCode?: string }) => {
    if (!region) return true
    if (r.regionCode === undefined) return false
    let inside = scopesOf.get(r.regionCode)
    if (inside === undefined) scopesOf.set(r.regionCode, (inside = regionScopesOf(r.regionCode).includes(region)))
    return inside
  }
  const bookingRegion = region ? regionPattern(region) : undefined
  const today = localDate(now())
  const upTo = (d: string) => (d < today ? d : today)
  // a window rating comes at most RATING_WINDOW_DAYS after its service: the service dates of the period are rated by then
  const [ratedDays, servedDays, orders] = await Promise.all([
    perDayLists(dateRange(from, upTo(addDays(to, RATING_WINDOW_DAYS + 1))), ratingCube),
    // a booking served on the day after its slot's (just after midnight)
    perDayLists(dateRange(addDays(from, -1), upTo(to)), servedCube),
    workOrderTallies({ from, to, field, region, hallId: q.hallId, serviceId: q.serviceId }),
  ])
  // the public figures (per item, per point) of an unchanged period are the very same answer: kept with what they were
  // counted from, compared by identity (the day cubes, the work-order tallies and the names' caches are the same
  // objects while nothing changed), so that a busy 好差评 board neither counts nor serializes them again (routes.ts)
  const names = q.groupBy === 'hall' ? await hallCache.get() : q.groupBy === 'service' ? await recentActiveServicesById() : undefined
  const memoKey = names && JSON.stringify([q.groupBy, from, to, q.hallId ?? '', q.serviceId ?? ''])
  const inputs: unknown[] = [...ratedDays, ...servedDays, orders, names]
  const memo = memoKey ? figuresMemo.get(memoKey) : undefined
  if (memo && memo.inputs.length === inputs.length && memo.inputs.every((x, i) => x === inputs[i])) return memo.result

  const rated = (r: RatingCubeRow) => r.ratedDate >= from && r.ratedDate <= to
  const activelyRated = (r: RatingCubeRow) => r.kind === 'window' && !r.isDefault && r.serviceDate !== undefined && r.serviceDate >= from && r.serviceDate <= to
  const served = (r: ServedCubeRow) => r.servedDate >= from && r.servedDate <= to && inScope(r) && (!bookingRegion || bookingRegion.test(r.regionCode))

  const baseKeys = new Set<string>()
  const note = (v: unknown) => {
    const k = keyOf(v)
    if (k !== null) baseKeys.add(k)
  }
  for (const day of ratedDays) for (const r of day) if ((rated(r) || activelyRated(r)) && inScope(r) && ratingInRegion(r)) note(r[field])
  for (const day of servedDays) for (const r of day) if (served(r)) note(r[field])
  for (const o of orders) note(o.g)
  const { groupOf, nameOf } = await grouping(q.groupBy, [...baseKeys])

  const groups = new Map<string, RatingCounts>()
  const counts = (base: unknown): RatingCounts | undefined => {
    const k = keyOf(base)
    const g = k === null ? null : groupOf(k)
    if (g === null) return undefined // e.g. 一事一评 have no point: not part of a per-point figure
    if (!groups.has(g)) groups.set(g, emptyCounts())
    return groups.get(g)
  }
  for (const day of ratedDays) {
    for (const r of day) {
      if (!inScope(r) || !ratingInRegion(r)) continue
      const c = (rated(r) || activelyRated(r)) && counts(r[field])
      if (!c) continue
      const level = String(r.level) as keyof LevelCounts
      if (rated(r) && level in c.levels) {
        c.levels[level] += r.n
        if (r.isDefault) c.defaultLevels[level] += r.n
      }
      if (activelyRated(r)) c.activelyRatedServed += r.n
    }
  }
  for (const day of servedDays) {
    for (const r of day) {
      const c = served(r) && counts(r[field])
      if (c) c.served += r.n
    }
  }
  for (const o of orders) {
    const c = counts(o.g)
    if (!c) continue
    if (o.status === 'replied' || o.status === 'closed') c.replied += o.n
    if (o.satisfaction) {
      c.revisited += o.n
      if (o.satisfaction === '满意' || o.satisfaction === '基本满意') c.revisitSatisfied += o.n
    }
  }

  const rows = [...groups.entries()]
    .map(([key, c]) => ({ key, name: nameOf(key), ...ratingMetrics(c) }))
    .sort((a, b) => b.total - a.total || b.served - a.served || a.key.localeCompare(b.key))
  const overall = ratingMetrics([...groups.values()].reduce(addCounts, emptyCounts()))
  // (frozen: a kept answer never changes, and routes.ts keeps its bytes)
  const result: RatingStats = Object.freeze({ groupBy: q.groupBy, from, to, rows, overall })
  if (memoKey) {
    if (figuresMemo.size >= 16) figuresMemo.delete(figuresMemo.keys().next().value!)
    figuresMemo.set(memoKey, { inputs, result })
  }
  return result
}

/** The last public figures per question (see ratingStats); an answer kept here is never changed. */
const figuresMemo = new Map<string, { inputs: unknown[]; result: RatingStats }>()

/** The records of `ids` from a process cache, reading only those it misses (archived items, removed points) by `_id`. */
async function byIdWithFallback<T>(ids: string[], cached: Map<string, T>, read: (id: string) => Promise<T | null>): Promise<Map<string, T>> {
  const found = new Map<string, T>()
  await Promise.all(
    ids.map(async (id) => {
      const record = cached.get(id) ?? (await read(id))
      if (record) found.set(id, record)
    }),
  )
  return found
}

/** How database keys map to the asked groups, and the groups' names (items and points from the process's caches). */
async function grouping(groupBy: RatingStatsGroup, baseKeys: string[]): Promise<{ groupOf: (k: string) => string | null; nameOf: (k: string) => string }> {
  const ids = baseKeys.filter((k) => Types.ObjectId.isValid(k))
  const services = () =>
    recentActiveServicesById().then((known) =>
      byIdWithFallback<{ name: string; departmentId?: unknown }>(ids, known as Map<string, { name: string; departmentId?: unknown }>, (id) => Service.findById(id).select('name departmentId').lean()),
    )
  switch (groupBy) {
    case 'service': {
      const found = await services()
      return { groupOf: (k) => k, nameOf: (k) => found.get(k)?.name ?? '（已删除的事项）' }
    }
    case 'hall': {
      const index = await hallCache.get()
      const found = await byIdWithFallback<{ name: string }>(ids, index.byId as Map<string, { name: string }>, (id) => Hall.findById(id).select('name').lean())
      return { groupOf: (k) => k, nameOf: (k) => found.get(k)?.name ?? '（已删除的网点）' }
    }
    case 'department': {
      const found = await services()
      const deptOf = new Map([...found].flatMap(([id, s]) => (s.departmentId ? [[id, String(s.departmentId)] as const] : [])))
      // (departments: a few dozen documents, not a collection that grows with use)
      const depts = await Department.find({ _id: { $in: [...new Set(deptOf.values())] } }).select('name').lean()
      const names = new Map(depts.map((d) => [d._id.toString(), d.name]))
      return { groupOf: (k) => deptOf.get(k) ?? null, nameOf: (k) => names.get(k) ?? '（未知部门）' }
    }
    case 'region': {
      // Points may sit in townships or villages: figures roll up to the county level (6 digits).
      const county = (k: string) => k.slice(0, 6)
      const codes = [...new Set(baseKeys.map(county))]
      const names = new Map((await Region.find({ _id: { $in: codes } }).select('name').lean()).map((r) => [String(r._id), r.name]))
      return { groupOf: county, nameOf: (k) => names.get(k) ?? k }
    }
  }
}

/** Runs `fn` for every date, a few at a time: each date's results, in date order. */
function perDayLists<T>(dates: string[], fn: (date: string) => Promise<T[]>): Promise<T[][]> {
  return mapConcurrently(dates, 8, fn)
}

/** Runs `fn` for every date, a few at a time, and concatenates the results. */
async function perDay<T>(dates: string[], fn: (date: string) => Promise<T[]>): Promise<T[]> {
  return (await perDayLists(dates, fn)).flat()
}

/**
 * `GET /stats/overview`: the administrator's dashboard over at most 92 days of their region: ratings per level and per
 * day (好评率, 主动评价好评率), bookings per day by state, work orders by state and how many are overdue now.
 */
export async function statsOverview(auth: AuthContext, q: { from?: string; to?: string }): Promise<StatsOverview> {
  const region = adminRegion(auth, '数据总览')
  const { from, to } = periodOf(q, MAX_OVERVIEW_RANGE_DAYS)
  // Ratings and bookings are grouped day by day: each day's `$match` starts with an equality on a scalar date field
  // (`ratedDate`, `date`) of a `*_pushdown` index, which the embedded database searches in SQL, so the overview reads
  // the period's documents only, never the whole (growing) collections.
  const dates = dateRange(from, to)
  const [ratings, bookings, orders] = await Promise.all([
    perDay(dates, (date) =>
      dayCounts('ratings', region, date, () =>
        Rating.aggregate<{ _id: { level: number; d: boolean }; n: number }>([
          { $match: { ratedDate: date, regionScopes: region } },
          { $group: { _id: { level: '$level', d: '$isDefault' }, n: { $sum: 1 } } },
        ]).then((rows) => rows.map((r) => ({ _id: { date, level: r._id.level, d: r._id.d }, n: r.n }))),
      ),
    ),
    perDay(dates, (date) =>
      dayCounts('bookings', region, date, () =>
        Booking.aggregate<{ _id: { status: string }; n: number }>([
          { $match: { date, regionCode: regionPattern(region) } },
          { $group: { _id: { status: '$status' }, n: { $sum: 1 } } },
        ]).then((rows) => rows.map((r) => ({ _id: { date, status: r._id.status }, n: r.n }))),
      ),
    ),
    // every order's state is in memory (work-orders/order-index.ts): `regionScopes` is an array, never searched in SQL
    workOrderCounts(region, from, to),
  ])

  const days = new Map(dateRange(from, to).map((d) => [d, emptyCounts()]))
  for (const r of ratings) {
    const c = days.get(r._id.date)
    const level = String(r._id.level) as keyof LevelCounts
    if (!c || !(level in c.levels)) continue
    c.levels[level] += r.n
    if (r._id.d) c.defaultLevels[level] += r.n
  }
  const ratingsByDay = [...days.entries()].map(([date, c]) => {
    const m = ratingMetrics(c)
    return { date, total: m.total, levels: m.levels, goodRate: m.goodRate, activeGoodRate: m.activeGoodRate }
  })
  const all = ratingMetrics([...days.values()].reduce(addCounts, emptyCounts()))

  const bookingDays = new Map(dateRange(from, to).map((d) => [d, Object.fromEntries(BOOKING_STATUSES.map((s) => [s, 0])) as Record<(typeof BOOKING_STATUSES)[number], number>]))
  for (const r of bookings) {
    const day = bookingDays.get(r._id.date)
    if (day && r._id.status in day) day[r._id.status as keyof typeof day] += r.n
  }

  const byStatus = Object.fromEntries(WORK_ORDER_STATUSES.map((s) => [s, 0])) as Record<WorkOrderStatus, number>
  for (const [status, n] of orders.byStatus) if (status in byStatus) byStatus[status] += n

  return {
    from,
    to,
    regionCode: region,
    ratings: { levels: all.levels, total: all.total, goodRate: all.goodRate, activeGoodRate: all.activeGoodRate },
    ratingsByDay,
    bookingsByDay: [...bookingDays.entries()].map(([date, s]) => ({ date, ...s })),
    workOrders: { byStatus, overdue: orders.overdue },
  }
}
