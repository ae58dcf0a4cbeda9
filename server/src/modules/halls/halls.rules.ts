import { HALL_TYPES, minutesOf, type DayType, type HallType, type TimeRange } from '@xz/shared'

export interface LatLng {
  lat: number
  lng: number
}

const EARTH_RADIUS_KM = 6371.0088

/** Great-circle distance (haversine) in kilometres. */
export function haversineKm(a: LatLng, b: LatLng): number {
  const rad = (deg: number) => (deg * Math.PI) / 180
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

export interface OpeningHours {
  type: HallType
  open24h?: boolean | null
  regularHours?: TimeRange[]
  weekendHours?: TimeRange[]
  holidayHours?: TimeRange[]
}

/** Self-service areas (7×24) and points marked open24h never close. */
export function alwaysOpen(h: OpeningHours): boolean {
  return h.type === 'selfservice' || h.open24h === true
}

/** Regular opening hours on a day of the given type (调休 workdays follow workday hours). */
export function hoursOn(h: OpeningHours, dayType: DayType): TimeRange[] {
  switch (dayType) {
    case 'workday':
    case 'makeup_workday':
      return h.regularHours ?? []
    case 'weekend':
      return h.weekendHours ?? []
    case 'holiday':
      return h.holidayHours ?? []
  }
}

/** Whether the point is open at local time `time` ('HH:mm') on a day of type `dayType` (ranges are [start, end)). */
export function isOpenAt(h: OpeningHours, dayType: DayType, time: string): boolean {
  if (alwaysOpen(h)) return true
  const t = minutesOf(time)
  return hoursOn(h, dayType).some((r) => minutesOf(r.start) <= t && t < minutesOf(r.end))
}

/** Listing order without a location: centres first, down to self-service areas. */
export function typeOrder(type: HallType): number {
  return HALL_TYPES.indexOf(type)
}

export interface SessionToday {
  label: string
  start: string
  end: string
}

export type OpenReason = 'always' | 'regular' | 'offHours'
export interface OpenState {
  open: boolean
  /** Why it is open: 7×24, regular hours, or an off-hours session (双休日值班, 延时服务, …). */
  by?: OpenReason
  /** The session serving now, when `by` is `offHours`. */
  session?: SessionToday
}

/**
 * Whether a point serves people at local `time` on a day of type `dayType`: always-open points, regular
 * hours of that day type, or one of today's off-hours sessions (`sessionsToday`, see `sessionsOn`).
 * Ranges are [start, end).
 */
export function openStateAt(h: OpeningHours, dayType: DayType, time: string, sessionsToday: readonly SessionToday[]): OpenState {
  if (alwaysOpen(h)) return { open: true, by: 'always' }
  if (isOpenAt(h, dayType, time)) return { open: true, by: 'regular' }
  const t = minutesOf(time)
  const session = sessionsToday.find((s) => minutesOf(s.start) <= t && t < minutesOf(s.end))
  return session ? { open: true, by: 'offHours', session } : { open: false }
}
