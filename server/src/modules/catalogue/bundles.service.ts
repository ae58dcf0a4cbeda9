import mongoose from 'mongoose'
import type { BundleData, BundleDetail, BundleSummary, BundleUpdate, ProcessStep } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { AppError, invalidField, isDuplicateKey, notFound } from '../../lib/errors'
import { assertRegionScope, loadInRegion } from '../../lib/scope'
import { Bundle, Service } from './catalogue.model'
import { compact, summaries, type ServiceFull, type ServiceLean, type Status } from './catalogue.mapping'
import { bundleTimes, mergeMaterials, type BundleItem } from './catalogue.rules'
import { requireExisting } from './items.service'
import { findByIds } from '../../lib/db'

// Bundles (一件事一次办): several items done as one, with their merged materials list.

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
  const services = await findByIds<ServiceLean>(Service, ids, 'name promisedLimitDays visits')
  const byId = new Map(services.flatMap((s) => (s ? [[s._id.toString(), bundleItem(s)] as const] : [])))
  return bundles.map((b) => bundleSummary(b, b.serviceIds.flatMap((id) => byId.get(id.toString()) ?? [])))
}

export async function getBundle(id: string): Promise<BundleDetail> {
  const b = await Bundle.findById(id).lean<BundleLean>()
  if (!b) throw notFound('一件事')
  const rows = await findByIds<ServiceFull>(Service, b.serviceIds)
  const byId = new Map(rows.flatMap((s) => (s ? [[s._id.toString(), s] as const] : [])))
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

export async function updateBundle(id: string, patch: BundleUpdate, auth: AuthContext): Promise<BundleDetail> {
  await loadInRegion<BundleLean>(Bundle, id, '一件事', auth)
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
  await loadInRegion<BundleLean>(Bundle, id, '一件事', auth)
  await Bundle.updateOne({ _id: id }, { $set: { status: 'archived' } })
  return getBundle(id)
}

