import { THEMES, type Audience, type OffHoursKind, type Page, type ServiceSummary, type Theme } from '@xz/shared'
import {
  fetchBundle, fetchBundles, fetchDepartments, fetchRegions, fetchService, fetchThemes, searchServices, type ServiceSearch
} from '@/api/catalogue'
import { fetchServiceRatings } from '@/api/ratings'
import { useAsync } from './useAsync'
import { useDebounced } from './useDebounced'

export interface SearchFilters {
  audience?: Audience
  theme?: Theme
  departmentId?: string
  offHours?: boolean
  /** weekend = 周末/节假日, extended = 午间/延时 */
  offHoursKind?: OffHoursKind
}

/** Results as the user types: the keyword is debounced, filters apply at once. */
export function useServiceSearch(q: string, filters: SearchFilters, delayMs = 300) {
  const keyword = useDebounced(q.trim(), delayMs)
  const params: ServiceSearch = { ...filters, q: keyword || undefined, pageSize: 30 }
  return useAsync<Page<ServiceSummary>>(() => searchServices(params), [JSON.stringify(params)])
}

export function useService(id: string | undefined) {
  return useAsync(() => fetchService(id ?? ''), [id], Boolean(id))
}

/** Recent ratings of a guide; a failure here never blocks the guide itself. */
export function useServiceRatings(id: string | undefined) {
  return useAsync(() => fetchServiceRatings(id ?? ''), [id], Boolean(id))
}

export function useBundles() {
  return useAsync(fetchBundles, [])
}

export function useBundle(id: string | undefined) {
  return useAsync(() => fetchBundle(id ?? ''), [id], Boolean(id))
}

export function useDepartments() {
  return useAsync(fetchDepartments, [])
}

/** Themes from the server, or the fixed list when the route is unavailable. */
export function useThemes() {
  return useAsync(() => fetchThemes().catch(() => THEMES.map((name) => ({ name }))), [])
}

/** The name of a region code (忻州市 for 140900); the code itself until the list has arrived or when unknown. */
export function useRegionName(code: string | undefined): string | undefined {
  const regions = useAsync(fetchRegions, [], code !== undefined)
  if (code === undefined) return undefined
  return regions.data?.find((r) => r.code === code)?.name ?? (regions.loading ? undefined : code)
}
