import type { BundleInput, HallInput, Region, ServiceInput, SessionDayType } from '@xz/shared'

/** Demo data refers to other records by stable keys; the seeder resolves them to ids. */
export type SeedRegion = Region

export interface SeedDepartment {
  key: string
  name: string
  shortName?: string
  regionCode: string
  phone?: string
}

export type SeedHall = Omit<HallInput, 'serviceIds' | 'windows'> & {
  key: string
  /** Item codes handled at this point. */
  serviceCodes: string[]
  windows: { number: string; name: string; serviceCodes: string[]; staffed?: boolean }[]
}

export type SeedService = Omit<ServiceInput, 'departmentId' | 'hallIds'> & {
  departmentKey: string
}

export type SeedBundle = Omit<BundleInput, 'serviceIds'> & { serviceCodes: string[] }

export interface SeedSessionRule {
  hallKey: string
  label: '双休日值班' | '节假日预约' | '午间不断档' | '延时服务'
  dayTypes: SessionDayType[]
  start: string
  end: string
  slotMinutes: number
  capacity?: number
  /** Empty: every bookable item of the point. */
  serviceCodes: string[]
  effectiveFrom?: string
  effectiveTo?: string
}
