import mongoose from 'mongoose'
import type { ServiceData, ServiceDetail, ServiceUpdate } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { AppError, invalidField, isDuplicateKey, notFound } from '../../lib/errors'
import { assertRegionScope, loadInRegion } from '../../lib/scope'
import { Department, Service } from './catalogue.model'
import { compact, departmentNames, toSummary, type Id, type ServiceFull } from './catalogue.mapping'
import { itemPointsPort, ratingSummaryPort } from './catalogue.ports'
import { searchFieldsOf } from './catalogue.rules'

// Items (办事指南): the guide page and the administration of items.

export async function getService(id: string): Promise<ServiceDetail> {
  const s = await Service.findById(id).lean<ServiceFull>()
  if (!s) throw notFound('事项')
  const [names, halls, ratingSummary] = await Promise.all([
    departmentNames([s.departmentId]),
    s.hallIds?.length ? itemPointsPort.use.pointsOf([...new Set(s.hallIds.map(String))]) : Promise.resolve([]),
    ratingSummaryPort.use(s._id.toString()),
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
      type: h.type,
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

export async function requireDepartment(id: Id) {
  const d = await Department.findById(id, 'name shortName').lean()
  if (!d) throw invalidField('departmentId', '部门不存在')
  return d
}

/** Every id must name an existing record; the first unknown one is reported by its index. */
export async function requireExisting(model: mongoose.Model<any>, ids: Id[], path: string, what: string): Promise<void> {
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

/** Writes a new item with its search fields (admin route, seeding, test factories). */
export async function createServiceRecord(data: ServiceData, opts: { demo?: boolean; offHours?: boolean } = {}) {
  const dept = await requireDepartment(data.departmentId)
  await itemPointsPort.use.requirePoints(data.hallIds, 'hallIds')
  const { hallIds, ...fields } = data
  let created
  try {
    // the points are the link's (halls/service-links.ts): written just after, by its owner
    created = await Service.create({ ...fields, hallIds: [], ...serviceSearchFields(data, dept), demo: opts.demo ?? false, offHours: opts.offHours ?? false })
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('DUPLICATE', `事项编码 ${data.code} 已存在`)
    throw err
  }
  if (hallIds.length === 0) return created
  await itemPointsPort.use.setPointsOfItem(created._id, hallIds)
  return (await Service.findById(created._id))!
}

export async function createService(data: ServiceData, auth: AuthContext): Promise<ServiceDetail> {
  assertRegionScope(auth, data.regionCode)
  const created = await createServiceRecord(data)
  return getService(created._id.toString())
}

export async function updateService(id: string, patch: ServiceUpdate, auth: AuthContext): Promise<ServiceDetail> {
  const current = await loadInRegion<ServiceFull>(Service, id, '事项', auth)
  if (patch.regionCode) assertRegionScope(auth, patch.regionCode)
  const dept = await requireDepartment(patch.departmentId ?? current.departmentId)
  if (patch.hallIds) await itemPointsPort.use.requirePoints(patch.hallIds, 'hallIds')
  const next = {
    name: patch.name ?? current.name,
    code: current.code,
    themes: patch.themes ?? current.themes ?? [],
    implementer: patch.implementer ?? current.implementer ?? '',
    keywords: patch.keywords ?? current.keywords ?? [],
    faq: patch.faq ?? current.faq ?? [],
  }
  const { hallIds, ...fields } = patch
  await Service.updateOne({ _id: id }, { $set: { ...fields, ...serviceSearchFields(next, dept) } })
  if (hallIds) await itemPointsPort.use.setPointsOfItem(id, hallIds)
  return getService(id)
}

/** Archived items leave search and lists but keep their guide, links and history. */
export async function archiveService(id: string, auth: AuthContext): Promise<ServiceDetail> {
  await loadInRegion<ServiceFull>(Service, id, '事项', auth)
  await Service.updateOne({ _id: id }, { $set: { status: 'archived' } })
  return getService(id)
}

/** Recomputes the search fields of a department's items (its names are searchable). */
export async function reindexDepartmentServices(departmentId: string): Promise<void> {
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

