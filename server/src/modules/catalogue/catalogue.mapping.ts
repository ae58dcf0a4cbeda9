import mongoose from 'mongoose'
import type { Material, ProcessStep, ServiceSummary } from '@xz/shared'
import { Department } from './catalogue.model'
import type { Id } from '../../lib/db'
export type { Id }

export type Status = 'active' | 'archived'

/** Fields of a list entry, plus what ranking needs; nothing else is read for a search. */
export const SUMMARY_FIELDS =
  'code name itemType departmentId audiences themes promisedLimitDays visits bookable offHours offHoursWeekend offHoursExtended instantApproval commitment status demo'
export const RANK_FIELDS = 'pinyin initials'

export interface ServiceLean {
  _id: mongoose.Types.ObjectId
  code: string
  name: string
  itemType: ServiceSummary['itemType']
  departmentId: mongoose.Types.ObjectId
  audiences?: ServiceSummary['audiences']
  themes?: ServiceSummary['themes']
  promisedLimitDays?: number | null
  visits?: number | null
  bookable?: boolean | null
  offHours?: boolean | null
  offHoursWeekend?: boolean | null
  offHoursExtended?: boolean | null
  instantApproval?: boolean | null
  commitment?: boolean | null
  status?: Status | null
  demo?: boolean | null
  pinyin?: string | null
  initials?: string | null
}

export type ServiceFull = ServiceLean & {
  implementer?: string | null
  legalBasis?: string[]
  levels?: string[]
  regionCode: string
  conditions?: string[]
  materials?: Material[]
  steps?: ProcessStep[]
  legalLimitDays?: number | null
  fee?: { free: boolean; amountFen?: number | null; basis?: string | null } | null
  onlineDepth?: string | null
  proxy?: boolean | null
  hallIds?: mongoose.Types.ObjectId[]
  hours?: string | null
  consultPhone?: string | null
  complaintPhone?: string | null
  faq?: { q: string; a: string }[]
  keywords?: string[]
}

/** Drops null/undefined properties (lean documents carry what was stored; responses omit what is absent). */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T
}

export function toSummary(s: ServiceLean, departmentNames: Map<string, string>): ServiceSummary {
  return {
    id: s._id.toString(),
    code: s.code,
    name: s.name,
    itemType: s.itemType,
    departmentId: s.departmentId.toString(),
    departmentName: departmentNames.get(s.departmentId.toString()),
    audiences: s.audiences ?? [],
    themes: s.themes ?? [],
    promisedLimitDays: s.promisedLimitDays ?? 0,
    visits: s.visits ?? 0,
    bookable: s.bookable ?? false,
    offHours: s.offHours ?? false,
    offHoursWeekend: s.offHoursWeekend ?? false,
    offHoursExtended: s.offHoursExtended ?? false,
    instantApproval: s.instantApproval ?? false,
    commitment: s.commitment ?? false,
    status: s.status ?? 'active',
    demo: s.demo ?? false,
  }
}

/** Display names of departments (short name when it has one). */
export async function departmentNames(ids: Id[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.map(String))]
  if (unique.length === 0) return new Map()
  const rows = await Department.find({ _id: { $in: unique } }, 'name shortName').lean()
  return new Map(rows.map((d) => [d._id.toString(), d.shortName || d.name]))
}

/** List entries of items, with their departments' display names. */
export async function summaries(rows: ServiceLean[]): Promise<ServiceSummary[]> {
  const names = await departmentNames(rows.map((r) => r.departmentId))
  return rows.map((r) => toSummary(r, names))
}

