import mongoose from 'mongoose'
import {
  THEMES,
  type AdminServiceQuery,
  type BundleData,
  type BundleDetail,
  type BundleSummary,
  type BundleUpdate,
  type Department as DepartmentOut,
  type DepartmentInput,
  type DepartmentUpdate,
  type HallType,
  type Material,
  type Page,
  type ProcessStep,
  type RatingSummary,
  type Region as RegionOut,
  type RegionLevel,
  type ServiceData,
  type ServiceDetail,
  type ServiceQuery,
  type ServiceSummary,
  type ServiceUpdate,
  type Theme,
} from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { AppError, isDuplicateKey, notFound } from '../../lib/errors'
import { adminRegionOf, assertRegionScope } from '../../lib/scope'
import { hallCache } from '../halls/hall-cache'
import { Hall } from '../halls/hall.model'
import { invalidField } from '../../lib/errors'
import { Bundle, Department, Region, Service } from './catalogue.model'
import {
  bundleTimes,
  emptyRatingSummary,
  mergeMaterials,
  parseQuery,
  rankItems,
  regionAncestors,
  regionPrefix,
  searchFieldsOf,
  searchFilter,
  type BundleItem,
} from './catalogue.rules'
import { rankedSearch } from './search-index'

type Id = mongoose.Types.ObjectId | string
type Status = 'active' | 'archived'

// ---------------------------------------------------------------------------------------------
// Rating summary hook (the ratings module plugs its function in)
// ---------------------------------------------------------------------------------------------

export type RatingSummaryProvider = (serviceId: string) => Promise<RatingSummary>

const noRatings: RatingSummaryProvider = async () => emptyRatingSummary()
let ratingSummaryProvider: RatingSummaryProvider = noRatings

/** Replaces how `GET /services/:id` gets an item's rating summary (undefined restores the empty summary). */
export function setRatingSummaryProvider(fn: RatingSummaryProvider | undefined): void {
  ratingSummaryProvider = fn ?? noRatings
}

// ---------------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------------

/** Fields of a list entry, plus what ranking needs; nothing else is read for a search. */
const SUMMARY_FIELDS =
  'code name itemType departmentId audiences themes promisedLimitDays visits bookable offHours offHoursWeekend offHoursExtended instantApproval commitment status demo'
const RANK_FIELDS = 'pinyin initials'

interface ServiceLean {
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

type ServiceFull = ServiceLean & {
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
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T
}

function toSummary(s: ServiceLean, departmentNames: Map<string, string>): ServiceSummary {
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
async function departmentNames(ids: Id[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.map(String))]
  if (unique.length === 0) return new Map()
  const rows = await Department.find({ _id: { $in: unique } }, 'name shortName').lean()
  return new Map(rows.map((d) => [d._id.toString(), d.shortName || d.name]))
}

async function summaries(rows: ServiceLean[]): Promise<ServiceSummary[]> {
  const names = await departmentNames(rows.map((r) => r.departmentId))
  return rows.map((r) => toSummary(r, names))
}

// ---------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------

/** Items that apply in a region: its own, those of the regions above it, and those of the regions within it. */
function appliesInRegion(code: string): Record<string, unknown> {
  return { $or: [{ regionCode: { $in: regionAncestors(code) } }, { regionCode: { $regex: `^${regionPrefix(code)}` } }] }
}

function withinRegion(code: string): Record<string, unknown> {
  return { regionCode: { $regex: `^${regionPrefix(code)}` } }
}

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
  const { page, pageSize } = query
  const skip = (page - 1) * pageSize

  if (parsed && isPublic(scope)) {
    // Filtering, ranking and total come from the in-process index; only the page's items are read, each by `_id`
    // (the embedded database pushes `_id` equality down, while `$in` decodes the whole collection).
    const ranked = await rankedSearch(query, parsed)
    const rows = await Promise.all(ranked.slice(skip, skip + pageSize).map((s) => Service.findById(s._id, SUMMARY_FIELDS).lean<ServiceLean>()))
    return { items: await summaries(rows.filter((r) => r !== null)), total: ranked.length, page, pageSize }
  }
  if (parsed) {
    // One query over the precomputed fields; ranking needs every match, but only its summary fields are read.
    const matches = await Service.find(filter, `${SUMMARY_FIELDS} ${RANK_FIELDS}`).lean<ServiceLean[]>()
    const ranked = rankItems(matches, parsed)
    return { items: await summaries(ranked.slice(skip, skip + pageSize)), total: ranked.length, page, pageSize }
  }
  const [total, rows] = await Promise.all([
    Service.countDocuments(filter),
    Service.find(filter, SUMMARY_FIELDS).sort({ name: 1, _id: 1 }).skip(skip).limit(pageSize).lean<ServiceLean[]>(),
  ])
  return { items: await summaries(rows), total, page, pageSize }
}

/** `GET /services`: active items only. */
export function searchServices(query: ServiceQuery): Promise<Page<ServiceSummary>> {
  return search(query, { statuses: ['active'] })
}

/** `GET /admin/services`: the administrator's region, archived items included on request. */
export function searchServicesAdmin(query: AdminServiceQuery, auth: AuthContext): Promise<Page<ServiceSummary>> {
  return search(query, { statuses: query.status ? [query.status] : ['active', 'archived'], withinRegion: adminRegionOf(auth) })
}

// ---------------------------------------------------------------------------------------------
// Guide
// ---------------------------------------------------------------------------------------------

export async function getService(id: string): Promise<ServiceDetail> {
  const s = await Service.findById(id).lean<ServiceFull>()
  if (!s) throw notFound('事项')
  const [names, halls, ratingSummary] = await Promise.all([
    departmentNames([s.departmentId]),
    // the points come from the in-process cache of points (an `$in` would read the whole collection on the embedded database)
    s.hallIds?.length
      ? hallCache.get().then(({ byId }) =>
          [...new Set((s.hallIds ?? []).map(String))]
            .flatMap((hid) => byId.get(hid) ?? [])
            .filter((h) => (h.status ?? 'active') === 'active')
            .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
        )
      : Promise.resolve([]),
    ratingSummaryProvider(s._id.toString()),
  ])
  const fee = s.fee?.free === false ? { free: false as const, amountFen: s.fee.amountFen ?? 0, basis: s.fee.basis ?? '' } : { free: true as const }
  return {
    ...toSummary(s, names),
    implementer: s.implementer ?? '',
    legalBasis: s.legalBasis ?? [],
    levels: s.levels ?? [],
    regionCode: s.regionCode,
    conditions: s.conditions ?? [],
    materials: (s.materials ?? []).map(compact),
    steps: (s.steps ?? []).map(compact),
    legalLimitDays: s.legalLimitDays ?? 0,
    fee,
    onlineDepth: s.onlineDepth ?? '',
    proxy: s.proxy ?? false,
    hallIds: (s.hallIds ?? []).map(String),
    halls: halls.map((h) => ({
      id: h._id.toString(),
      name: h.name,
      type: h.type as HallType,
      regionCode: h.regionCode,
      address: h.address,
      phone: h.phone ?? '',
    })),
    hours: s.hours ?? '',
    consultPhone: s.consultPhone ?? '',
    complaintPhone: s.complaintPhone ?? '',
    faq: (s.faq ?? []).map((f) => ({ q: f.q, a: f.a })),
    keywords: s.keywords ?? [],
    ratingSummary,
  }
}

// ---------------------------------------------------------------------------------------------
// Item administration
// ---------------------------------------------------------------------------------------------

async function requireDepartment(id: Id) {
  const d = await Department.findById(id, 'name shortName').lean()
  if (!d) throw invalidField('departmentId', '部门不存在')
  return d
}

/** Every id must name an existing record; the first unknown one is reported by its index. */
async function requireExisting(model: mongoose.Model<any>, ids: Id[], path: string, what: string): Promise<void> {
  if (ids.length === 0) return
  const found = new Set((await model.find({ _id: { $in: ids } }, '_id').lean<{ _id: mongoose.Types.ObjectId }[]>()).map((d) => d._id.toString()))
  const missing = ids.findIndex((id) => !found.has(String(id)))
  if (missing >= 0) throw invalidField(`${path}.${missing}`, `${what}不存在`)
}

/** The precomputed search fields of an item (its department's names are searchable too). */
export function serviceSearchFields(
  s: Pick<ServiceData, 'name' | 'code' | 'themes' | 'implementer' | 'keywords' | 'faq'>,
  dept: { name: string; shortName?: string | null },
) {
  return searchFieldsOf({
    name: s.name,
    code: s.code,
    themes: s.themes,
    implementer: s.implementer,
    departmentNames: [dept.name, dept.shortName ?? ''].filter(Boolean),
    keywords: s.keywords,
    faq: s.faq,
  })
}

/** Keeps `Hall.serviceIds` in step with an item's `hallIds`. */
async function linkHalls(serviceId: Id, added: Id[], removed: Id[]): Promise<void> {
  if (added.length) await Hall.updateMany({ _id: { $in: added } }, { $addToSet: { serviceIds: serviceId } })
  if (removed.length) await Hall.updateMany({ _id: { $in: removed } }, { $pull: { serviceIds: serviceId } })
}

/** Writes a new item with its search fields (admin route, seeding, test factories). */
export async function createServiceRecord(data: ServiceData, opts: { demo?: boolean; offHours?: boolean } = {}) {
  const dept = await requireDepartment(data.departmentId)
  await requireExisting(Hall, data.hallIds, 'hallIds', '服务网点')
  let created
  try {
    created = await Service.create({ ...data, ...serviceSearchFields(data, dept), demo: opts.demo ?? false, offHours: opts.offHours ?? false })
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('DUPLICATE', `事项编码 ${data.code} 已存在`)
    throw err
  }
  await linkHalls(created._id, data.hallIds, [])
  return created
}

export async function createService(data: ServiceData, auth: AuthContext): Promise<ServiceDetail> {
  assertRegionScope(auth, data.regionCode)
  const created = await createServiceRecord(data)
  return getService(created._id.toString())
}

async function serviceInScope(id: string, auth: AuthContext) {
  const s = await Service.findById(id).lean<ServiceFull>()
  if (!s) throw notFound('事项')
  assertRegionScope(auth, s.regionCode)
  return s
}

export async function updateService(id: string, patch: ServiceUpdate, auth: AuthContext): Promise<ServiceDetail> {
  const current = await serviceInScope(id, auth)
  if (patch.regionCode) assertRegionScope(auth, patch.regionCode)
  const dept = await requireDepartment(patch.departmentId ?? current.departmentId)
  if (patch.hallIds) await requireExisting(Hall, patch.hallIds, 'hallIds', '服务网点')
  const next = {
    name: patch.name ?? current.name,
    code: current.code,
    themes: patch.themes ?? current.themes ?? [],
    implementer: patch.implementer ?? current.implementer ?? '',
    keywords: patch.keywords ?? current.keywords ?? [],
    faq: patch.faq ?? current.faq ?? [],
  }
  await Service.updateOne({ _id: id }, { $set: { ...patch, ...serviceSearchFields(next, dept) } })
  if (patch.hallIds) {
    const before = new Set((current.hallIds ?? []).map(String))
    const after = new Set(patch.hallIds)
    await linkHalls(
      id,
      patch.hallIds.filter((h) => !before.has(h)),
      [...before].filter((h) => !after.has(h)),
    )
  }
  return getService(id)
}

/** Archived items leave search and lists but keep their guide, links and history. */
export async function archiveService(id: string, auth: AuthContext): Promise<ServiceDetail> {
  await serviceInScope(id, auth)
  await Service.updateOne({ _id: id }, { $set: { status: 'archived' } })
  return getService(id)
}

// ---------------------------------------------------------------------------------------------
// Bundles (一件事一次办)
// ---------------------------------------------------------------------------------------------

interface BundleLean {
  _id: mongoose.Types.ObjectId
  name: string
  description?: string | null
  serviceIds: mongoose.Types.ObjectId[]
  themes?: string[]
  steps?: ProcessStep[]
  promisedLimitDays?: number | null
  regionCode: string
  status?: Status | null
  demo?: boolean | null
}

function bundleItem(s: ServiceFull | ServiceLean): BundleItem {
  return {
    id: s._id.toString(),
    name: s.name,
    materials: ('materials' in s ? s.materials : undefined) ?? [],
    promisedLimitDays: s.promisedLimitDays ?? 0,
    visits: s.visits ?? 0,
  }
}

function bundleSummary(b: BundleLean, items: BundleItem[]): BundleSummary {
  return {
    id: b._id.toString(),
    name: b.name,
    description: b.description ?? '',
    themes: b.themes ?? [],
    serviceIds: b.serviceIds.map(String),
    serviceCount: b.serviceIds.length,
    regionCode: b.regionCode,
    promisedLimitDays: bundleTimes(items, b.promisedLimitDays).promisedLimitDays,
    status: b.status ?? 'active',
    demo: b.demo ?? false,
  }
}

export async function listBundles(): Promise<BundleSummary[]> {
  const bundles = await Bundle.find({ status: 'active' }).sort({ name: 1 }).lean<BundleLean[]>()
  const ids = [...new Set(bundles.flatMap((b) => b.serviceIds.map(String)))]
  const services = ids.length ? await Service.find({ _id: { $in: ids } }, 'name promisedLimitDays visits').lean<ServiceLean[]>() : []
  const byId = new Map(services.map((s) => [s._id.toString(), bundleItem(s)]))
  return bundles.map((b) => bundleSummary(b, b.serviceIds.flatMap((id) => byId.get(id.toString()) ?? [])))
}

export async function getBundle(id: string): Promise<BundleDetail> {
  const b = await Bundle.findById(id).lean<BundleLean>()
  if (!b) throw notFound('一件事')
  const rows = await Service.find({ _id: { $in: b.serviceIds } }).lean<ServiceFull[]>()
  const byId = new Map(rows.map((s) => [s._id.toString(), s]))
  const ordered = b.serviceIds.flatMap((sid) => byId.get(sid.toString()) ?? [])
  const items = ordered.map(bundleItem)
  const times = bundleTimes(items, b.promisedLimitDays)
  return {
    ...bundleSummary(b, items),
    services: await summaries(ordered),
    mergedMaterials: mergeMaterials(items).map(compact),
    steps: (b.steps ?? []).map(compact),
    separateLimitDays: times.separateLimitDays,
    separateVisits: times.separateVisits,
    visits: times.visits,
  }
}

function requireDistinct(ids: string[], path: string): void {
  const dup = ids.findIndex((id, i) => ids.indexOf(id) !== i)
  if (dup >= 0) throw invalidField(`${path}.${dup}`, '事项重复')
}

export async function createBundle(data: BundleData, auth: AuthContext, opts: { demo?: boolean } = {}): Promise<BundleDetail> {
  const regionCode = data.regionCode ?? auth.regionCode
  if (!regionCode) throw new AppError('FORBIDDEN', '账号未设置管理区域')
  assertRegionScope(auth, regionCode)
  requireDistinct(data.serviceIds, 'serviceIds')
  await requireExisting(Service, data.serviceIds, 'serviceIds', '事项')
  let created
  try {
    created = await Bundle.create({ ...data, regionCode, demo: opts.demo ?? false })
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('DUPLICATE', `"${data.name}"已存在`)
    throw err
  }
  return getBundle(created._id.toString())
}

async function bundleInScope(id: string, auth: AuthContext) {
  const b = await Bundle.findById(id).lean<BundleLean>()
  if (!b) throw notFound('一件事')
  assertRegionScope(auth, b.regionCode)
  return b
}

export async function updateBundle(id: string, patch: BundleUpdate, auth: AuthContext): Promise<BundleDetail> {
  await bundleInScope(id, auth)
  if (patch.regionCode) assertRegionScope(auth, patch.regionCode)
  if (patch.serviceIds) {
    requireDistinct(patch.serviceIds, 'serviceIds')
    await requireExisting(Service, patch.serviceIds, 'serviceIds', '事项')
  }
  // (an update that breaks a unique index is not reported as 11000 by the embedded database: check first)
  if (patch.name && (await Bundle.exists({ name: patch.name, _id: { $ne: id } }))) {
    throw new AppError('DUPLICATE', `"${patch.name}"已存在`)
  }
  await Bundle.updateOne({ _id: id }, { $set: patch })
  return getBundle(id)
}

export async function archiveBundle(id: string, auth: AuthContext): Promise<BundleDetail> {
  await bundleInScope(id, auth)
  await Bundle.updateOne({ _id: id }, { $set: { status: 'archived' } })
  return getBundle(id)
}

// ---------------------------------------------------------------------------------------------
// Regions, departments, themes
// ---------------------------------------------------------------------------------------------

export async function listRegions(query: { parentCode?: string; level?: RegionLevel }): Promise<RegionOut[]> {
  const filter: Record<string, unknown> = {}
  if (query.parentCode) filter.parentCode = query.parentCode
  if (query.level) filter.level = query.level
  const rows = await Region.find(filter).sort({ _id: 1 }).lean<{ _id: string; name: string; level: RegionLevel; parentCode?: string; seat?: string }[]>()
  return rows.map((r) => compact({ code: r._id, name: r.name, level: r.level, parentCode: r.parentCode, seat: r.seat }))
}

interface DepartmentLean {
  _id: mongoose.Types.ObjectId
  name: string
  shortName?: string | null
  regionCode: string
  phone?: string | null
  creditCode?: string | null
  demo?: boolean | null
}

function toDepartment(d: DepartmentLean): DepartmentOut {
  return compact({
    id: d._id.toString(),
    name: d.name,
    shortName: d.shortName ?? undefined,
    regionCode: d.regionCode,
    phone: d.phone ?? undefined,
    creditCode: d.creditCode ?? undefined,
    demo: d.demo ?? false,
  })
}

/** Departments that serve a region: its own and those of the regions above and within it. */
export async function listDepartments(query: { regionCode?: string }): Promise<DepartmentOut[]> {
  const rows = await Department.find(query.regionCode ? appliesInRegion(query.regionCode) : {})
    .sort({ name: 1 })
    .lean<DepartmentLean[]>()
  return rows.map(toDepartment)
}

export async function getDepartment(id: string): Promise<DepartmentOut> {
  const d = await Department.findById(id).lean<DepartmentLean>()
  if (!d) throw notFound('部门')
  return toDepartment(d)
}

export async function createDepartment(data: DepartmentInput, auth: AuthContext, opts: { demo?: boolean } = {}): Promise<DepartmentOut> {
  assertRegionScope(auth, data.regionCode)
  try {
    const created = await Department.create({ ...data, demo: opts.demo ?? false })
    return getDepartment(created._id.toString())
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('DUPLICATE', `部门"${data.name}"已存在`)
    throw err
  }
}

export async function updateDepartment(id: string, patch: DepartmentUpdate, auth: AuthContext): Promise<DepartmentOut> {
  const current = await Department.findById(id).lean<DepartmentLean>()
  if (!current) throw notFound('部门')
  assertRegionScope(auth, current.regionCode)
  if (patch.regionCode) assertRegionScope(auth, patch.regionCode)
  const name = patch.name ?? current.name
  const regionCode = patch.regionCode ?? current.regionCode
  if (await Department.exists({ name, regionCode, _id: { $ne: id } })) throw new AppError('DUPLICATE', `部门"${name}"已存在`)
  await Department.updateOne({ _id: id }, { $set: patch })
  if (patch.name !== undefined || patch.shortName !== undefined) await reindexDepartmentServices(id)
  return getDepartment(id)
}

/** Recomputes the search fields of a department's items (its names are searchable). */
async function reindexDepartmentServices(departmentId: string): Promise<void> {
  const dept = await requireDepartment(departmentId)
  const rows = await Service.find({ departmentId }, 'name code themes implementer keywords faq').lean<ServiceFull[]>()
  for (const s of rows) {
    const fields = serviceSearchFields(
      { name: s.name, code: s.code, themes: s.themes ?? [], implementer: s.implementer ?? '', keywords: s.keywords ?? [], faq: s.faq ?? [] },
      dept,
    )
    await Service.updateOne({ _id: s._id }, { $set: fields })
  }
}

/** Every theme with the number of active items under it. */
export async function listThemes(): Promise<{ name: Theme; count: number }[]> {
  const rows = await Service.aggregate<{ _id: string; count: number }>([
    { $match: { status: 'active' } },
    { $unwind: '$themes' },
    { $group: { _id: '$themes', count: { $sum: 1 } } },
  ])
  const counts = new Map(rows.map((r) => [r._id, r.count]))
  return THEMES.map((name) => ({ name, count: counts.get(name) ?? 0 }))
}
