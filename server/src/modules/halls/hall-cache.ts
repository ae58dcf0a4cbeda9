import type mongoose from 'mongoose'
import { VersionedCache } from '../../lib/versioned-cache'
import { Region } from '../catalogue'
import { GeoGrid } from './geo-grid'
import { Hall } from './hall.model'
import { typeOrder } from './halls.rules'
import type { HallLean } from './halls.service'

/**
 * Every point in process memory (a few thousand documents, ~1 KB each; five-level coverage means one per village):
 * lists, nearby searches and open-now are computed here instead of reading the whole collection per request.
 * Refreshed across processes by the `halls` version (see lib/versioned-cache).
 */
export interface HallIndex {
  byId: Map<string, HallLean>
  /** Active points in list order (type, region, name). */
  active: HallLean[]
  /** Active points on a grid, for nearest-first lists. */
  grid: GeoGrid<HallLean>
  /** Items each point handles (its `serviceIds`). */
  services: Map<string, Set<string>>
}

export function byTypeThenName(a: HallLean, b: HallLean): number {
  return typeOrder(a.type) - typeOrder(b.type) || a.regionCode.localeCompare(b.regionCode) || a.name.localeCompare(b.name, 'zh')
}

export const hallCache = new VersionedCache<HallIndex>('halls', async () => {
  const all = await Hall.find().lean<HallLean[]>()
  const active = all.filter((h) => (h.status ?? 'active') === 'active').sort(byTypeThenName)
  return {
    byId: new Map(all.map((h) => [h._id.toString(), h])),
    active,
    grid: new GeoGrid(active),
    services: new Map(all.map((h) => [h._id.toString(), new Set((h.serviceIds ?? []).map(String))])),
  }
})

/** A point by id from the cache (undefined when there is none). */
export async function cachedHall(id: string | mongoose.Types.ObjectId): Promise<HallLean | undefined> {
  return (await hallCache.get()).byId.get(String(id))
}

/** Region names (a few thousand administrative codes) by code. */
export const regionNameCache = new VersionedCache<Map<string, string>>('regions', async () => {
  const rows = await Region.find({}, 'name').lean<{ _id: string; name: string }[]>()
  return new Map(rows.map((r) => [r._id, r.name]))
})
