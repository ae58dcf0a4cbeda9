/**
 * Fixtures for the 好差评 tests: regions, departments, items and points written directly to the database, and served
 * bookings created the way the staff desk leaves them (status 'served' with servedAt), without its routes.
 */
import crypto from 'node:crypto'
import mongoose from 'mongoose'
import { addDays, bookingCodeFromBytes, instantOf, localDate } from '@xz/shared'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { Department, Region, Service } from '../../server/src/modules/catalogue/catalogue.model'
import { Hall } from '../../server/src/modules/halls/hall.model'

export const CITY = '140900'
export const XINFU = '140902'
export const YUANPING = '140981'
/** A township of 原平市 (points below county level roll up to their county in the statistics). */
export const YUANPING_TOWN = '140981101'

const rand = () => crypto.randomBytes(4).toString('hex')
type Id = mongoose.Types.ObjectId

export async function makeRegions(): Promise<void> {
  await Region.create([
    { _id: CITY, name: '忻州市', level: 'city' },
    { _id: XINFU, name: '忻府区', level: 'county', parentCode: CITY },
    { _id: YUANPING, name: '原平市', level: 'county', parentCode: CITY },
  ])
}

export async function makeDepartment(name = '市行政审批局', regionCode = CITY) {
  return Department.create({ name: `${name}-${rand()}`, regionCode })
}

export async function makeService(opts: { departmentId: Id; regionCode?: string; name?: string; status?: 'active' | 'archived' }) {
  return Service.create({
    code: `11140900MB${rand().toUpperCase()}`,
    name: opts.name ?? `个体工商户设立登记-${rand()}`,
    itemType: '行政许可',
    departmentId: opts.departmentId,
    implementer: '忻州市行政审批服务管理局',
    audiences: ['个人'],
    themes: ['企业开办'],
    regionCode: opts.regionCode ?? CITY,
    fee: { free: true },
    promisedLimitDays: 1,
    legalLimitDays: 15,
    visits: 1,
    status: opts.status ?? 'active',
  })
}

export async function makeHall(opts: { regionCode?: string; name?: string; rectifyDays?: number } = {}) {
  return Hall.create({
    name: opts.name ?? `政务服务中心-${rand()}`,
    type: 'center',
    regionCode: opts.regionCode ?? XINFU,
    address: '忻州市忻府区和平街 1 号',
    location: { lat: 38.4167, lng: 112.7342 },
    phone: '0350-3336789',
    rectifyDays: opts.rectifyDays ?? 5,
  })
}

export type FixtureHall = Awaited<ReturnType<typeof makeHall>>
export type FixtureService = Awaited<ReturnType<typeof makeService>>

/** What most rating and work-order tests start from: a city department, its item 个体工商户设立登记, and a point. */
export async function ratedPoint(hall: { regionCode?: string; name?: string } = {}) {
  const department = await makeDepartment()
  const service = await makeService({ departmentId: department._id, name: '个体工商户设立登记' })
  return { department, service, hall: await makeHall(hall) }
}

export interface ServedBookingOptions {
  userId: string | Id
  hall: { _id: Id; regionCode: string }
  service: { _id: Id }
  servedAt: Date
  /** Defaults to 'served'; another status makes an unratable booking. */
  status?: 'booked' | 'checked_in' | 'served' | 'cancelled' | 'no_show'
  applicantName?: string
}

/** A booking as the staff desk leaves it after "mark served": the slot ended just before `servedAt`. */
export async function servedBooking(o: ServedBookingOptions) {
  const status = o.status ?? 'served'
  const date = localDate(o.servedAt)
  const startAt = new Date(o.servedAt.getTime() - 30 * 60 * 1000)
  return Booking.create({
    code: bookingCodeFromBytes(crypto.randomBytes(8)),
    userId: o.userId,
    serviceId: o.service._id,
    hallId: o.hall._id,
    regionCode: o.hall.regionCode,
    slotId: `${o.hall._id}:${date}:${rand()}`,
    date,
    start: '09:00',
    end: '09:30',
    startAt,
    endAt: o.servedAt,
    applicant: { name: o.applicantName ?? '王晓明', mobile: '13812345678' },
    status,
    history: [{ status, at: o.servedAt, by: 'system', byRole: 'system' }],
    ...(status === 'served' ? { servedAt: o.servedAt, checkedInAt: startAt } : {}),
    holdsClaims: false,
  })
}

/** An instant on a local date and time (Asia/Shanghai). */
export const at = (date: string, time = '10:00') => instantOf(date, time)
export const daysAgo = (n: number, from = new Date()) => new Date(from.getTime() - n * 24 * 60 * 60 * 1000)
export { addDays }
