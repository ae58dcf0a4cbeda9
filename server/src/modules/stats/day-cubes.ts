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

const text = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v))

export function ratingCube(date: string): Promise<RatingCubeRow[]> {
  return dayCounts('rating-cube', '*', date, async () => {
    const rows = await Rating.aggregate<{ _id: Record<'s' | 'h' | 'r' | 'l' | 'd' | 'k' | 'sd', unknown>; n: number }>([
      { $match: { ratedDate: date } },
      {
        $group: {
          _id: { s: '$serviceId', h: '$hallId', r: '$regionCode', l: '$level', d: '$isDefault', k: '$kind', sd: '$serviceDate' },
          n: { $sum: 1 },
        },
      },
    ])
    return rows.map((r) => ({
      ratedDate: date,
      serviceId: text(r._id.s),
      hallId: text(r._id.h),
      regionCode: text(r._id.r),
      level: Number(r._id.l),
      isDefault: r._id.d === true,
      kind: String(r._id.k),
      serviceDate: text(r._id.sd),
      n: r.n,
    }))
  })
}

/**
 * Served bookings by slot date: a booking is served on its slot's day (check-in opens 30 minutes before the start and
 * closes at the end), or just after midnight for the last slot, hence the serving date kept per row.
 */
export function servedCube(date: string): Promise<ServedCubeRow[]> {
  return dayCounts('served-cube', '*', date, async () => {
    const served = await Booking.find({ date, status: 'served' }, 'serviceId hallId regionCode servedAt').lean<
      { serviceId: unknown; hallId: unknown; regionCode: string; servedAt?: Date }[]
    >()
    const rows = new Map<string, ServedCubeRow>()
    for (const b of served) {
      if (!b.servedAt) continue
      const row = { serviceId: String(b.serviceId), hallId: String(b.hallId), regionCode: b.regionCode, servedDate: localDate(b.servedAt), n: 0 }
      const key = `${row.serviceId}|${row.hallId}|${row.regionCode}|${row.servedDate}`
      const have = rows.get(key) ?? rows.set(key, row).get(key)!
      have.n++
    }
    return [...rows.values()]
  })
}
