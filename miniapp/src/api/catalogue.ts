import {
  catalogueContract, hallContract, type Audience, type BundleDetail, type OffHoursKind, type BundleSummary, type Department, type HallDetail,
  type HallSummary, type HallType, type Page, type Region, type RegionLevel, type ServiceDetail, type ServiceSummary, type Theme
} from '@xz/shared'
import { call } from './request'

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

// The server validates query strings strictly: empty texts are left out, booleans go as the strings it reads.
const text = (s: string | undefined) => s || undefined
const flag = (b: boolean | undefined): 'true' | 'false' | undefined => (b === undefined ? undefined : b ? 'true' : 'false')

export function searchServices(params: ServiceSearch): Promise<Page<ServiceSummary>> {
  return call(catalogueContract.searchServices, { query: { ...params, q: text(params.q), departmentId: text(params.departmentId), offHours: flag(params.offHours) } })
}

export function fetchService(id: string): Promise<ServiceDetail> {
  return call(catalogueContract.getService, { params: { id } })
}

export function fetchBundles(): Promise<BundleSummary[]> {
  return call(catalogueContract.listBundles)
}

export function fetchBundle(id: string): Promise<BundleDetail> {
  return call(catalogueContract.getBundle, { params: { id } })
}

export function fetchThemes(): Promise<ThemeCount[]> {
  return call(catalogueContract.listThemes)
}

export function fetchDepartments(): Promise<Department[]> {
  return call(catalogueContract.listDepartments)
}

export function fetchRegions(level?: RegionLevel): Promise<Region[]> {
  return call(catalogueContract.listRegions, { query: { level } })
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
  const query = { ...params, regionCode: text(params.regionCode), serviceId: text(params.serviceId), openNow: flag(params.openNow), pageSize: 50 }
  return (await call(hallContract.list, { query })).items
}

export function fetchHall(id: string): Promise<HallDetail> {
  return call(hallContract.get, { params: { id } })
}
