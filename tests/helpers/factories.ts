import crypto from 'node:crypto'
import mongoose from 'mongoose'
import { HallInputSchema, ServiceInputSchema, type DepartmentInput, type HallInput, type ServiceInput } from '@xz/shared'
import { Department, Region } from '../../server/src/modules/catalogue/catalogue.model'
// services are called directly here, without the app: the features' ports must be plugged in
import '../../server/src/modules/wiring'
import { createServiceRecord } from '../../server/src/modules/catalogue/items.service'
import { createHallRecord } from '../../server/src/modules/halls/halls.service'

/**
 * Small factories for catalogue data. Each returns a stored record built with the module's own write path
 * (so derived fields such as the search fields are there); override any field, e.g.
 * `makeService({ name: '营业执照遗失补领', themes: ['市场监管'] })`.
 */

/** 忻州市 with two of its counties, 忻府区 and 原平市 (region names for scopes and figures). */
export async function makeCityRegions(): Promise<void> {
  await Region.create([
    { _id: '140900', name: '忻州市', level: 'city' },
    { _id: '140902', name: '忻府区', level: 'county', parentCode: '140900' },
    { _id: '140981', name: '原平市', level: 'county', parentCode: '140900' },
  ])
}

const unique = () => crypto.randomBytes(4).toString('hex').toUpperCase()
type Id = string | mongoose.Types.ObjectId

export async function makeDepartment(overrides: Partial<DepartmentInput> & { demo?: boolean } = {}) {
  const { demo = false, ...fields } = overrides
  return Department.create({ name: `测试部门${unique()}`, regionCode: '140900', ...fields, demo })
}

/** A valid `POST /admin/services` body (the department must exist). */
export function serviceInput(departmentId: Id, overrides: Partial<ServiceInput> = {}): ServiceInput {
  return {
    code: `T-${unique()}`,
    name: `测试事项${unique()}`,
    itemType: '公共服务',
    departmentId: String(departmentId),
    implementer: '忻州市测试局',
    legalBasis: ['《测试条例》第一条'],
    audiences: ['个人'],
    themes: ['社保'],
    levels: ['市级'],
    regionCode: '140900',
    conditions: ['符合条件的申请人'],
    materials: [{ name: '居民身份证', form: '原件' }],
    steps: [
      { name: '受理', role: '窗口' },
      { name: '办结', role: '窗口' },
    ],
    legalLimitDays: 5,
    promisedLimitDays: 3,
    fee: { free: true },
    visits: 1,
    onlineDepth: '网上预审',
    consultPhone: '0350-3336020',
    ...overrides,
  }
}

export interface ServiceOptions {
  /** Off-hours bookable (normally maintained by the sessions module). */
  offHours?: boolean
  status?: 'active' | 'archived'
  demo?: boolean
}

/** A stored item; creates a department unless `departmentId` is given. */
export async function makeService(overrides: Partial<ServiceInput> = {}, opts: ServiceOptions = {}) {
  const departmentId = overrides.departmentId ?? (await makeDepartment())._id.toString()
  const created = await createServiceRecord(ServiceInputSchema.parse(serviceInput(departmentId, overrides)), opts)
  if (opts.status === 'archived') {
    created.status = 'archived'
    await created.save()
  }
  return created
}

/** A valid `POST /admin/halls` body. */
export function hallInput(overrides: Partial<HallInput> = {}): HallInput {
  return {
    name: `测试网点${unique()}`,
    type: 'center',
    regionCode: '140902',
    address: '忻州市忻府区测试路1号',
    location: { lat: 38.4167, lng: 112.7333 },
    phone: '0350-3336020',
    ...overrides,
  }
}

/** A stored service point (items it handles must exist; they are linked back to it). */
export async function makeHall(overrides: Partial<HallInput> & { serviceIds?: Id[] } = {}, opts: { demo?: boolean; status?: 'active' | 'archived' } = {}) {
  const { serviceIds, windows, ...rest } = overrides
  const input = hallInput({
    ...rest,
    ...(serviceIds ? { serviceIds: serviceIds.map(String) } : {}),
    ...(windows ? { windows } : {}),
  })
  const created = await createHallRecord(HallInputSchema.parse(input), { demo: opts.demo })
  if (opts.status === 'archived') {
    created.status = 'archived'
    await created.save()
  }
  return created
}
