import type { HallType } from '@xz/shared'
import { fetchHall, fetchHalls, fetchRegions } from '@/api/catalogue'
import { useAsync } from './useAsync'
import type { LocationState } from './useLocation'

/** Points near the user (sorted by distance by the server) or in the chosen county. */
export function useNearbyHalls(location: LocationState, regionCode: string, type?: HallType, serviceId?: string, openNow?: boolean) {
  const coords = location.status === 'located' ? location.coords : undefined
  const ready = location.status !== 'locating'
  return useAsync(
    () =>
      fetchHalls({
        lat: coords?.lat,
        lng: coords?.lng,
        regionCode: coords ? undefined : regionCode || undefined,
        type,
        serviceId,
        ...(openNow ? { openNow: true } : {})
      }),
    [coords?.lat, coords?.lng, regionCode, type, serviceId, ready, openNow],
    ready
  )
}

export function useHall(id: string | undefined) {
  return useAsync(() => fetchHall(id ?? ''), [id], Boolean(id))
}

/** The counties (and county-level districts) to choose from when the location is unknown. */
export function useCounties() {
  return useAsync(async () => (await fetchRegions('county')).filter((r) => r.level === 'county'), [])
}
