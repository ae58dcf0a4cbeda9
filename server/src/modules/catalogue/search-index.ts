import type mongoose from 'mongoose'
import type { ServiceQuery } from '@xz/shared'
import { findByIds } from '../../lib/db'
import { GroupReads } from '../../lib/group-reads'
import { CatalogueVersion, SERVICES_VERSION_ID, Service, servicesWrittenHere } from './catalogue.model'
import { CACHE_CHECK_MS } from '../../lib/versioned-cache'
import { rankItems, regionAncestors, regionPrefix, type ParsedQuery } from './catalogue.rules'

/**
 * The in-process search index of the public catalogue: the small fields that filtering and ranking read, for every
 * active item. The embedded database runs `$regex` by decoding every whole item, so a search answers its filters,
 * ranking and total from here and reads only the page's items. Each search reads the services version (one document
 * by `_id`) and reloads the index when another write, in any process, has changed it.
 */

const INDEX_FIELDS = 'code name status bookable departmentId regionCode audiences themes offHours offHoursWeekend offHoursExtended searchText pinyin initials'

export interface IndexedService {
  _id: mongoose.Types.ObjectId
  code: string
  name: string
  /** Always 'active' here; kept so that rule checks (sessions.service ruleOffers) can read it. */
  status: string
  bookable?: boolean | null
  departmentId?: mongoose.Types.ObjectId | null
  regionCode?: string | null
  audiences?: string[] | null
  themes?: string[] | null
  offHours?: boolean | null
  offHoursWeekend?: boolean | null
  offHoursExtended?: boolean | null
  searchText?: string | null
  pinyin?: string | null
  initials?: string | null
}

interface SearchIndex {
  /** The services version the index was loaded at (null: never written through the model). */
  version: string | null
  items: IndexedService[]
}

let loaded: SearchIndex | undefined
let loading: { version: string | null; index: Promise<SearchIndex> } | undefined

/** The version is read by every search and, every CACHE_CHECK_MS, by the booking path: concurrent reads grouped. */
const versionReads = new GroupReads<{ version?: string | null }>(() => CatalogueVersion, { version: 1 })

async function servicesVersion(): Promise<string | null> {
  const doc = await versionReads.read(SERVICES_VERSION_ID)
  return doc?.version ?? null
}

/** Loads every active item; the version is read BEFORE the items, so a write during the load triggers another. */
function load(version: string | null): Promise<SearchIndex> {
  if (loading?.version === version) return loading.index
  const index = Service.find({ status: 'active' }, INDEX_FIELDS)
    .lean<IndexedService[]>()
    .then((items) => (loaded = { version, items }))
    .finally(() => {
      if (loading?.index === index) loading = undefined
    })
  loading = { version, index }
  return index
}

/** The active items, current as of the services version read now. */
export async function activeServices(): Promise<IndexedService[]> {
  const version = await servicesVersion()
  if (loaded?.version === version) return loaded.items
  return (await load(version)).items
}

function includes(field: string | null | undefined, part: string): boolean {
  return typeof field === 'string' && field.includes(part)
}

/** The same semantics as the database filter of a search (`searchFilter` and the query's filters), in memory. */
function matches(s: IndexedService, query: ServiceQuery, parsed: ParsedQuery): boolean {
  if (query.audience && !s.audiences?.includes(query.audience)) return false
  if (query.theme && !s.themes?.includes(query.theme)) return false
  if (query.departmentId && s.departmentId?.toString() !== query.departmentId.toLowerCase()) return false
  if (query.offHours !== undefined && s.offHours !== query.offHours) return false
  if (query.offHoursKind === 'weekend' && !s.offHoursWeekend) return false
  if (query.offHoursKind === 'extended' && !s.offHoursExtended) return false
  if (query.regionCode) {
    const region = s.regionCode ?? ''
    if (!regionAncestors(query.regionCode).includes(region) && !region.startsWith(regionPrefix(query.regionCode))) return false
  }
  return parsed.terms.every(
    (t) => includes(s.searchText, t.text) || (t.pinyin !== undefined && (includes(s.pinyin, t.pinyin) || includes(s.initials, t.pinyin))),
  )
}

/** Active items matching a search, in rank order. */
export async function rankedSearch(query: ServiceQuery, parsed: ParsedQuery): Promise<IndexedService[]> {
  const items = await activeServices()
  return rankItems(
    items.filter((s) => matches(s, query, parsed)),
    parsed,
  )
}

const NO_TERMS: ParsedQuery = { text: '', terms: [] }

/** `a < b` as MongoDB orders strings (by code point, which for the catalogue's names is JavaScript's order too). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Active items matching a browse (filters, no search text), in the database's `{ name: 1, _id: 1 }` order. */
export async function browseActive(query: ServiceQuery): Promise<IndexedService[]> {
  const items = (await activeServices()).filter((s) => matches(s, query, NO_TERMS))
  return items.sort((a, b) => byText(a.name, b.name) || byText(a._id.toHexString(), b._id.toHexString()))
}

/** The number of active items under each theme. */
export async function themeCounts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (const s of await activeServices()) for (const t of new Set(s.themes ?? [])) counts.set(t, (counts.get(t) ?? 0) + 1)
  return counts
}

let recent: { at: number; writes: number; items: IndexedService[] } | undefined

/**
 * The active items as of a version read at most CACHE_CHECK_MS ago (and after this process's last write): for the
 * booking path, which would otherwise spend a round trip per booking on the version. An item changed in another
 * process is seen within that time, as every other cached data set (lib/versioned-cache).
 */
export async function recentActiveServicesById(): Promise<Map<string, IndexedService>> {
  if (!recent || Date.now() - recent.at >= CACHE_CHECK_MS || recent.writes !== servicesWrittenHere()) {
    const writes = servicesWrittenHere()
    const at = Date.now()
    recent = { at, writes, items: await activeServices() }
  }
  return byIdMap(recent.items)
}

const byIdOf = new WeakMap<IndexedService[], Map<string, IndexedService>>()
function byIdMap(items: IndexedService[]): Map<string, IndexedService> {
  let map = byIdOf.get(items)
  if (!map) byIdOf.set(items, (map = new Map(items.map((s) => [s._id.toString(), s]))))
  return map
}

/** The active items by id (built once per loaded index). */
export async function activeServicesById(): Promise<Map<string, IndexedService>> {
  return byIdMap(await activeServices())
}

/** Names of items by id for lists: active items from the index, the others (archived) read by `_id` (findByIds). */
export async function serviceNamesById(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const active = await activeServicesById()
  const missing = unique.filter((id) => !active.has(id) && /^[0-9a-f]{24}$/i.test(id))
  const rows = await findByIds<{ _id: mongoose.Types.ObjectId; name: string }>(Service, missing, 'name')
  const out = new Map<string, string>()
  for (const id of unique) {
    const s = active.get(id)
    if (s) out.set(id, s.name)
  }
  for (const r of rows) if (r) out.set(r._id.toString(), r.name)
  return out
}
