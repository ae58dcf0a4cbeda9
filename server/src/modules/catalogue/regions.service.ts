import type { Region as RegionOut, RegionLevel } from '@xz/shared'
import { Region } from './catalogue.model'
import { compact } from './catalogue.mapping'

export async function listRegions(query: { parentCode?: string; level?: RegionLevel }): Promise<RegionOut[]> {
  const filter: Record<string, unknown> = {}
  if (query.parentCode) filter.parentCode = query.parentCode
  if (query.level) filter.level = query.level
  const rows = await Region.find(filter).sort({ _id: 1 }).lean<{ _id: string; name: string; level: RegionLevel; parentCode?: string; seat?: string }[]>()
  return rows.map((r) => compact({ code: r._id, name: r.name, level: r.level, parentCode: r.parentCode, seat: r.seat }))
}

