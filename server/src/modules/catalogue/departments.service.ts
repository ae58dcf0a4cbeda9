import mongoose from 'mongoose'
import type { Department as DepartmentOut, DepartmentInput, DepartmentUpdate } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { AppError, isDuplicateKey, notFound } from '../../lib/errors'
import { assertRegionScope, loadInRegion } from '../../lib/scope'
import { Department } from './catalogue.model'
import { compact } from './catalogue.mapping'
import { appliesInRegion } from './catalogue.rules'
import { reindexDepartmentServices } from './items.service'

// Departments (责任单位).

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
  const current = await loadInRegion<DepartmentLean>(Department, id, '部门', auth)
  if (patch.regionCode) assertRegionScope(auth, patch.regionCode)
  const name = patch.name ?? current.name
  const regionCode = patch.regionCode ?? current.regionCode
  if (await Department.exists({ name, regionCode, _id: { $ne: id } })) throw new AppError('DUPLICATE', `部门"${name}"已存在`)
  await Department.updateOne({ _id: id }, { $set: patch })
  if (patch.name !== undefined || patch.shortName !== undefined) await reindexDepartmentServices(id)
  return getDepartment(id)
}

