import type {
  Audience, BundleDetail, OffHoursKind, BundleSummary, Department, HallDetail, HallSummary, HallType, Page, Region, RegionLevel, ServiceDetail,
  ServiceSummary, Theme
} from '@xz/shared'
import { request } from './request'

export type { BundleDetail, BundleSummary, HallDetail }
export interface ThemeCount {
  name: Theme
  count: number
}

export interface ServiceSearch {
  q?: string
  audience?: Audience
  theme?: Theme
  departmentId?: string
  offHours?: boolean
  /** weekend = 周末/节假日, extended = 午间/延时 */
  offHoursKind?: OffHoursKind
  page?: number
  pageSize?: number
}

/** Drops empty values: the server validates query strings strictly. */
function query(params: object): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    out[key] = typeof value === 'boolean' ? String(value) : value
  }
  return out
}

export function searchServices(params: ServiceSearch): Promise<Page<ServiceSummary>> {
  return request<Page<ServiceSummary>>('/api/v1/services', { data: query(params), auth: false })
}

export function fetchService(id: string): Promise<ServiceDetail> {
  return request<ServiceDetail>(`/api/v1/services/${encodeURIComponent(id)}`, { auth: false })
}

export function fetchBundles(): Promise<BundleSummary[]> {
  return request<BundleSummary[]>('/api/v1/bundles', { auth: false })
}

export function fetchBundle(id: string): Promise<BundleDetail> {
  return request<BundleDetail>(`/api/v1/bundles/${encodeURIComponent(id)}`, { auth: false })
}

export function fetchThemes(): Promise<ThemeCount[]> {
  return request<ThemeCount[]>('/api/v1/themes', { auth: false })
}

export function fetchDepartments(): Promise<Department[]> {
  return request<Department[]>('/api/v1/departments', { auth: false })
}

export function fetchRegions(level?: RegionLevel): Promise<Region[]> {
  return request<Region[]>('/api/v1/regions', { data: level ? { level } : {}, auth: false })
}

export interface HallSearch {
  lat?: number
  lng?: number
  type?: HallType
  regionCode?: string
  serviceId?: string
  openNow?: boolean
}

/** Nearest first when lat/lng are given; the first 50 points. */
export async function fetchHalls(params: HallSearch): Promise<HallSummary[]> {
  const body = await request<Page<HallSummary>>('/api/v1/halls', { data: query({ ...params, pageSize: 50 }), auth: false })
  return body.items
}

export function fetchHall(id: string): Promise<HallDetail> {
  return request<HallDetail>(`/api/v1/halls/${encodeURIComponent(id)}`, { auth: false })
}
