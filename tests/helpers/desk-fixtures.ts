/**
 * Fixtures for the staff desk tests: points, an item, citizens and bookings written directly to the
 * database (realistic fields, slot times on a chosen local day), and the six kinds of caller.
 */
import crypto from 'node:crypto'
import mongoose from 'mongoose'
import { addDays, bookingCodeFromBytes, instantOf, localDate, minutesOf, timeOf, weekday, type BookingStatus } from '@xz/shared'
import { User } from '../../server/src/modules/auth/auth.model'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { Department, Service } from '../../server/src/modules/catalogue/catalogue.model'
import { Hall } from '../../server/src/modules/halls/hall.model'
import { account, citizen, type Session } from './auth'

/** 忻州市, and two of its counties: 忻府区 (where "our" point is) and 原平市 (the other point). */
export const CITY = '140900'
export const COUNTY = '140902'
export const OTHER_COUNTY = '140981'

const rand = () => crypto.randomBytes(4).toString('hex')

export async function makeHall(opts: { regionCode?: string; name?: string; serviceIds?: mongoose.Types.ObjectId[] } = {}) {
  const regionCode = opts.regionCode ?? COUNTY
  return Hall.create({
    name: opts.name ?? `${regionCode === OTHER_COUNTY ? '原平市' : '忻府区'}政务服务中心-${rand()}`,
    type: 'center',
    regionCode,
    address: '忻州市忻府区和平街 1 号',
    location: { lat: 38.4167 + Math.random() / 100, lng: 112.7342 + Math.random() / 100 },
    phone: '0350-3336789',
    regularHours: [
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ],
    serviceIds: opts.serviceIds ?? [],
    windows: [
      { number: '1', name: '综合受理窗口' },
      { number: '2', name: '不动产登记窗口' },
    ],
  })
}

export async function makeService(opts: { regionCode?: string; name?: string } = {}) {
  const regionCode = opts.regionCode ?? CITY
  const dept = await Department.create({ name: `市行政审批局-${rand()}`, regionCode })
  return Service.create({
    code: `11140900MB${rand().toUpperCase()}`,
    name: opts.name ?? '个体工商户设立登记',
    itemType: '行政许可',
    departmentId: dept._id,
    implementer: '忻州市行政审批服务管理局',
    audiences: ['个人'],
    themes: ['企业开办'],
    regionCode,
    fee: { free: true },
    promisedLimitDays: 1,
    legalLimitDays: 15,
    visits: 1,
  })
}

export async function makeUser(name = '王晓明') {
  return User.create({ openid: `dev_fixture_${rand()}`, name, mobile: '13812345678' })
}

export function newBookingCode(): string {
  return bookingCodeFromBytes(crypto.randomBytes(8))
}

export interface BookingOptions {
  hall: { _id: mongoose.Types.ObjectId; regionCode: string }
  service: { _id: mongoose.Types.ObjectId }
  user?: { _id: mongoose.Types.ObjectId }
  /** Local date; the test day when absent. */
  date?: string
  start: string
  minutes?: number
  label?: string
  status?: BookingStatus
  name?: string
  mobile?: string
  code?: string
}

/** A booking as the booking module stores it (slot id `${ruleId}.${YYYYMMDD}.${HHmm}`, history entry "booked"). */
export async function makeBooking(o: BookingOptions) {
  const date = o.date ?? testDay()
  const end = timeOf(minutesOf(o.start) + (o.minutes ?? 30))
  const ruleId = new mongoose.Types.ObjectId()
  const user = o.user ?? (await makeUser(o.name))
  const bookedAt = new Date(instantOf(date, o.start).getTime() - 2 * 86_400_000)
  return Booking.create({
    code: o.code ?? newBookingCode(),
    userId: user._id,
    serviceId: o.service._id,
    hallId: o.hall._id,
    regionCode: o.hall.regionCode,
    slotId: `${ruleId}.${date.replaceAll('-', '')}.${o.start.replace(':', '')}`,
    ruleId,
    date,
    start: o.start,
    end,
    startAt: instantOf(date, o.start),
    endAt: instantOf(date, end),
    label: o.label ?? '双休日值班',
    seatNo: 1,
    applicant: { name: o.name ?? '王晓明', mobile: o.mobile ?? '13812345678' },
    status: o.status ?? 'booked',
    history: [{ status: 'booked', at: bookedAt, by: user._id.toString(), byRole: 'citizen' }],
    bookedAt,
  })
}

/**
 * The local day the tests play on: the next Saturday (an off-hours day). Tests put the clock on it with
 * `setNow(at('10:05'))`, so slot times are fixed local times of that day.
 */
export function testDay(): string {
  let d = addDays(localDate(new Date()), 1)
  while (weekday(d) !== 6) d = addDays(d, 1)
  return d
}

/** The instant of a local time on the test day. */
export function at(time: string, date = testDay()): Date {
  return instantOf(date, time)
}

/** A signed-in staff or admin account, with its credentials (for browser log-ins). */
export type AccountSession = Awaited<ReturnType<typeof account>>

export interface DeskWorld {
  hall: Awaited<ReturnType<typeof makeHall>>
  otherHall: Awaited<ReturnType<typeof makeHall>>
  service: Awaited<ReturnType<typeof makeService>>
  actors: {
    citizen: Session
    staffHere: AccountSession
    staffOther: AccountSession
    adminHere: AccountSession
    adminOther: AccountSession
    adminCity: AccountSession
  }
}

/** Our point (忻府区), another point (原平市), one item offered at both, and a caller of every kind. */
export async function deskWorld(): Promise<DeskWorld> {
  const service = await makeService()
  const hall = await makeHall({ regionCode: COUNTY, serviceIds: [service._id] })
  const otherHall = await makeHall({ regionCode: OTHER_COUNTY, serviceIds: [service._id] })
  const [c, staffHere, staffOther, adminHere, adminOther, adminCity] = await Promise.all([
    citizen(),
    account({ role: 'staff', hallIds: [hall._id], name: '李窗口' }),
    account({ role: 'staff', hallIds: [otherHall._id], name: '赵窗口' }),
    account({ role: 'admin', regionCode: COUNTY, name: '忻府区管理员' }),
    account({ role: 'admin', regionCode: OTHER_COUNTY, name: '原平市管理员' }),
    account({ role: 'admin', regionCode: CITY, name: '市管理员' }),
  ])
  return { hall, otherHall, service, actors: { citizen: c, staffHere, staffOther, adminHere, adminOther, adminCity } }
}
