import type { AdminServiceQuery, Page, ServiceQuery, ServiceSummary, Theme } from '@xz/shared'
import { THEMES } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { readPage, slicePage } from '../../lib/paging'
import { adminRegionOf } from '../../lib/scope'
import { Service } from './catalogue.model'
import { RANK_FIELDS, SUMMARY_FIELDS, summaries, type ServiceLean, type Status } from './catalogue.mapping'
import { appliesInRegion, parseQuery, rankItems, searchFilter, withinRegion } from './catalogue.rules'
import { browseActive, rankedSearch, themeCounts } from './search-index'
import { findByIds } from '../../lib/db'

// Finding items: search (public and administrators'), and the themes to browse by.

interface SearchScope {
  statuses: Status[]
  /** Administrators: only items whose region lies within theirs. */
  withinRegion?: string
}

/** Public searches (active items, no region restriction) are what the in-process search index holds. */
function isPublic(scope: SearchScope): boolean {
  return scope.statuses.length === 1 && scope.statuses[0] === 'active' && !scope.withinRegion
}

async function search(query: ServiceQuery, scope: SearchScope): Promise<Page<ServiceSummary>> {
  const and: Record<string, unknown>[] = [scope.statuses.length === 1 ? { status: scope.statuses[0] } : { status: { $in: scope.statuses } }]
  if (query.audience) and.push({ audiences: query.audience })
  if (query.theme) and.push({ themes: query.theme })
  if (query.departmentId) and.push({ departmentId: query.departmentId })
  if (query.offHours !== undefined) and.push({ offHours: query.offHours })
  if (query.offHoursKind) and.push(query.offHoursKind === 'weekend' ? { offHoursWeekend: true } : { offHoursExtended: true })
  if (query.regionCode) and.push(appliesInRegion(query.regionCode))
  if (scope.withinRegion) and.push(withinRegion(scope.withinRegion))
  const parsed = query.q ? parseQuery(query.q) : undefined
  if (parsed) and.push(searchFilter(parsed))
  const filter = and.length === 1 ? and[0] : { $and: and }
  if (isPublic(scope)) {
    // Filtering, ranking (or name order, browsing) and total come from the in-process index; only the page's items
    // are read, by `_id` (findByIds).
    const read = slicePage(parsed ? await rankedSearch(query, parsed) : await browseActive(query), query)
    const rows = await findByIds<ServiceLean>(Service, read.rows.map((s) => s._id), SUMMARY_FIELDS)
    return read.page(await summaries(rows.filter((r) => r !== null)))
  }
  if (parsed) {
    // One query over the precomputed fields; ranking needs every match, but only its summary fields are read.
    const matches = await Service.find(filter, `${SUMMARY_FIELDS} ${RANK_FIELDS}`).lean<ServiceLean[]>()
    const read = slicePage(rankItems(matches, parsed), query)
    return read.page(await summaries(read.rows))
  }
  const read = await readPage<ServiceLean>(Service, filter, { name: 1, _id: 1 }, query, SUMMARY_FIELDS)
  return read.page(await summaries(read.rows))
}

/** `GET /services`: active items only. */
export function searchServices(query: ServiceQuery): Promise<Page<ServiceSummary>> {
  return search(query, { statuses: ['active'] })
}

/** `GET /admin/services`: the administrator's region, archived items included on request. */
export function searchServicesAdmin(query: AdminServiceQuery, auth: AuthContext): Promise<Page<ServiceSummary>> {
  return search(query, { statuses: query.status ? [query.status] : ['active', 'archived'], withinRegion: adminRegionOf(auth) })
}

/** Every theme with the number of active items under it. */
export async function listThemes(): Promise<{ name: Theme; count: number }[]> {
  const counts = await themeCounts() // (from the in-process index of active items)
  return THEMES.map((name) => ({ name, count: counts.get(name) ?? 0 }))
}
