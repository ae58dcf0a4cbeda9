import { localDate } from '@xz/shared'
import { Booking } from '../bookings'
import { Rating } from '../ratings'
import { dayCounts } from './day-counts'

/**
 * The 好差评 figures (`GET /stats/ratings`) are sums over a period of two day "cubes", each read with one equality on a
 * scalar date field of a `*_pushdown` index (searched in SQL on the embedded database) and kept like the dashboard's
 * day counts (day-counts.ts: closed days stored per month, yesterday and today for 30 s). Any grouping (item, point,
 * department, region) and filter (a point, an item, a region) is then counted in memory: a period's figures never
 * read more than the period's documents, and after the first time not even those.
 */

/** The ratings of one `ratedDate`, counted per item, point, region, level, default, kind and service date. */
export interface RatingCubeRow {
  ratedDate: string
  serviceId?: string
  hallId?: string
  regionCode?: string
  level: number
  isDefault: boolean
  kind: string
  /** 一次一评: the local date the booking was served. */
  serviceDate?: string
  n: number
}

/** The bookings of one slot date that were served, per item, point, region and local date of serving. */
export interface ServedCubeRow {
  serviceId: string
  hallId: string
  regionCode: string
  servedDate: string
  n: number
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v))
const orUndefined = (v: string) => (v === '' ? undefined : v)

/**
 * A cube has about as many rows as the day has ratings (items × points is sparse), so each row is stored and held as
 * one `|`-separated string (a third of the size of named fields in a month's document; the embedded database refuses
 * arrays of arrays) and read as an object once per held day.
 */
const decoded = new WeakMap<object, unknown[]>()
function decodeOnce<R>(rows: string[], decode: (fields: string[]) => R): R[] {
  let out = decoded.get(rows) as R[] | undefined
  if (!out) decoded.set(rows, (out = rows.map((r) => decode(r.split('|')))))
  return out
}

export async function ratingCube(date: string): Promise<RatingCubeRow[]> {
  const rows = await dayCounts<string>('rating-rows', '*', date, async () => {
    const groups = await Rating.aggregate<{ _id: Record<'s' | 'h' | 'r' | 'l' | 'd' | 'k' | 'sd', unknown>; n: number }>([
      { $match: { ratedDate: date } },
      {
        $group: {
          _id: { s: '$serviceId', h: '$hallId', r: '$regionCode', l: '$level', d: '$isDefault', k: '$kind', sd: '$serviceDate' },
          n: { $sum: 1 },
        },
      },
    ])
    return groups.map((g) => [text(g._id.s), text(g._id.h), text(g._id.r), Number(g._id.l), g._id.d === true ? 1 : 0, text(g._id.k), text(g._id.sd), g.n].join('|'))
  })
  return decodeOnce(rows, ([serviceId, hallId, regionCode, level, isDefault, kind, serviceDate, n]) => ({
    ratedDate: date,
    serviceId: orUndefined(serviceId),
    hallId: orUndefined(hallId),
    regionCode: orUndefined(regionCode),
    level: Number(level),
    isDefault: isDefault === '1',
    kind,
    serviceDate: orUndefined(serviceDate),
    n: Number(n),
  }))
}

/**
 * Served bookings by slot date: a booking is served on its slot's day (check-in opens 30 minutes before the start and
 * closes at the end), or just after midnight for the last slot, hence the serving date kept per row.
 */
export async function servedCube(date: string): Promise<ServedCubeRow[]> {
  const rows = await dayCounts<string>('served-rows', '*', date, async () => {
    const served = await Booking.find({ date, status: 'served' }, 'serviceId hallId regionCode servedAt').lean<
      { serviceId: unknown; hallId: unknown; regionCode: string; servedAt?: Date }[]
    >()
    const counts = new Map<string, number>()
    for (const b of served) {
      if (!b.servedAt) continue
      const key = [text(b.serviceId), text(b.hallId), b.regionCode, localDate(b.servedAt)].join('|')
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    return [...counts].map(([key, n]) => `${key}|${n}`)
  })
  return decodeOnce(rows, ([serviceId, hallId, regionCode, servedDate, n]) => ({ serviceId, hallId, regionCode, servedDate, n: Number(n) }))
}
