import mongoose from 'mongoose'
import {
  localDate,
  localTime,
  type AdminHallQuery,
  type DayType,
  type HallData,
  type HallDetail,
  type HallQuery,
  type HallSummary,
  type HallType,
  type HallUpdate,
  type Page,
  type TimeRange,
} from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, invalidField, isDuplicateKey, notFound } from '../../lib/errors'
import { skipOf, slicePage } from '../../lib/paging'
import { adminRegionOf, assertRegionScope, loadInRegion } from '../../lib/scope'
import { currentCalendar } from '../calendar'
import { activeServices, regionPrefix } from '../catalogue'
import { byTypeThenName, cachedHall, hallCache, regionNameCache } from './hall-cache'
import { Hall } from './hall.model'
import { hallSessionsPort } from './halls.ports'
import { pointItemsChanged, requireServices } from './service-links'
import { hoursOn, openStateAt, type OpenState, type SessionToday } from './halls.rules'
import type { Id } from '../../lib/db'

type Status = 'active' | 'archived'

// ---------------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------------

export interface HallLean {
  _id: mongoose.Types.ObjectId
  name: string
  type: HallType
  regionCode: string
  address: string
  location: { lat: number; lng: number }
  phone?: string | null
  open24h?: boolean | null
  regularHours?: TimeRange[]
  weekendHours?: TimeRange[]
  holidayHours?: TimeRange[]
  serviceIds?: mongoose.Types.ObjectId[]
  windows?: { number: string; name: string; serviceIds?: mongoose.Types.ObjectId[]; staffed?: boolean | null }[]
  rectifyDays?: number | null
  description?: string | null
  status?: Status | null
  demo?: boolean | null
}

interface OpenNow {
  date: string
  dayType: DayType
  /** Open state of a point at this moment, off-hours sessions counted. */
  stateOf: (h: HallLean) => OpenState
  /** The point's off-hours sessions today (none when the day is cancelled). */
  sessionsOf: (h: HallLean) => SessionToday[]
}

/**
 * Open state of points at this moment: regular hours on today's day type, or one of today's off-hours
 * sessions. Session rules and cancelled days come from the in-process caches (session-cache.ts).
 */
async function openNowCheck(): Promise<OpenNow> {
  const at = now()
  const date = localDate(at)
  const time = localTime(at)
  const dayType = (await currentCalendar()).dayType(date)
  const sessions = await hallSessionsPort.use.sessionsOn(date, dayType)
  const sessionsOf = (h: HallLean) => sessions.get(h._id.toString()) ?? []
  return { date, dayType, sessionsOf, stateOf: (h) => openStateAt(h, dayType, time, sessionsOf(h)) }
}

async function regionNames(codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map()
  return regionNameCache.get()
}

interface Candidate {
  hall: HallLean
  open: OpenState
  distanceKm?: number
}

async function toSummaries(list: Candidate[]): Promise<HallSummary[]> {
  const ids = list.map((c) => c.hall._id.toString())
  const [offHours, regions] = await Promise.all([
    ids.length ? hallSessionsPort.use.offHoursHalls(ids) : Promise.resolve(new Set<string>()),
    regionNames(list.map((c) => c.hall.regionCode)),
  ])
  return list.map(({ hall: h, open, distanceKm }) => ({
    id: h._id.toString(),
    name: h.name,
    type: h.type,
    regionCode: h.regionCode,
    regionName: regions.get(h.regionCode),
    address: h.address,
    location: { lat: h.location.lat, lng: h.location.lng },
    phone: h.phone ?? '',
    open24h: h.open24h ?? false,
    openNow: open.open,
    ...(open.by ? { openBy: open.by } : {}),
    ...(distanceKm === undefined ? {} : { distanceKm: Math.round(distanceKm * 1000) / 1000 }),
    hasOffHours: offHours.has(h._id.toString()),
    status: h.status ?? 'active',
    demo: h.demo ?? false,
  }))
}

// ---------------------------------------------------------------------------------------------
// Public reads
// ---------------------------------------------------------------------------------------------

/**
 * `GET /halls`: active points filtered by type, region, item and "open now", nearest first when a location is given.
 * Computed over the in-process cache of points (hall-cache.ts) with a grid for the nearest ones: the embedded
 * database has no geo index and would read every point per request.
 */
export async function listHalls(query: HallQuery): Promise<Page<HallSummary>> {
  const [index, isOpen] = await Promise.all([hallCache.get(), openNowCheck()])
  const prefix = query.regionCode ? regionPrefix(query.regionCode) : undefined
  const serviceId = query.serviceId?.toLowerCase()
  const accept = (h: HallLean) =>
    (!query.type || h.type === query.type) &&
    (!prefix || h.regionCode.startsWith(prefix)) &&
    (!serviceId || Boolean(index.services.get(h._id.toString())?.has(serviceId))) &&
    (query.openNow === undefined || isOpen.stateOf(h).open === query.openNow)
  const origin = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined
  const { page, pageSize } = query
  // the nearest-first list reads only as far as the page reaches
  const skip = skipOf(query)

  let total: number
  let pageItems: Candidate[]
  if (origin && query.radiusKm !== undefined) {
    const found = index.grid.within(origin, query.radiusKm, accept, byTypeThenName)
    total = found.length
    pageItems = found.slice(skip, skip + pageSize).map(({ item, km }) => ({ hall: item, open: isOpen.stateOf(item), distanceKm: km }))
  } else if (origin) {
    total = index.active.reduce((n, h) => (accept(h) ? n + 1 : n), 0)
    pageItems = index.grid
      .nearest(origin, skip + pageSize, accept, byTypeThenName)
      .slice(skip)
      .map(({ item, km }) => ({ hall: item, open: isOpen.stateOf(item), distanceKm: km }))
  } else {
    // a radius without a location matches nothing (as before: no distance to compare)
    const list = query.radiusKm !== undefined ? [] : index.active.filter(accept)
    total = list.length
    pageItems = list.slice(skip, skip + pageSize).map((hall) => ({ hall, open: isOpen.stateOf(hall) }))
  }
  return { items: await toSummaries(pageItems), total, page, pageSize }
}

export async function getHall(id: string): Promise<HallDetail> {
  // points and active items come from the in-process caches (hall-cache.ts, the catalogue search index)
  const h = await cachedHall(id)
  if (!h) throw notFound('服务网点')
  const wanted = new Set([...(h.serviceIds ?? []), ...(h.windows ?? []).flatMap((w) => w.serviceIds ?? [])].map(String))
  const openNow = await openNowCheck()
  const [[summary], services] = await Promise.all([
    toSummaries([{ hall: h, open: openNow.stateOf(h) }]),
    wanted.size ? activeServices().then((all) => all.filter((s) => wanted.has(s._id.toString()))) : Promise.resolve([]),
  ])
  const bookable = await hallSessionsPort.use.bookableServiceIds(h, services)
  const byId = new Map(services.map((s) => [s._id.toString(), { id: s._id.toString(), name: s.name, code: s.code }]))
  const refs = (ids: mongoose.Types.ObjectId[] | undefined) => (ids ?? []).flatMap((sid) => byId.get(sid.toString()) ?? [])
  const range = (r: TimeRange) => ({ start: r.start, end: r.end })
  return {
    ...summary,
    regularHours: (h.regularHours ?? []).map(range),
    weekendHours: (h.weekendHours ?? []).map(range),
    holidayHours: (h.holidayHours ?? []).map(range),
    services: refs(h.serviceIds),
    windows: (h.windows ?? []).map((w) => ({
      number: w.number,
      name: w.name,
      staffed: w.staffed ?? true,
      services: refs(w.serviceIds).map(({ id, name }) => ({ id, name })),
    })),
    rectifyDays: h.rectifyDays ?? 5,
    ...(h.description ? { description: h.description } : {}),
    today: {
      date: openNow.date,
      dayType: openNow.dayType,
      regularHours: hoursOn(h, openNow.dayType).map(range),
      sessions: openNow.sessionsOf(h),
    },
    bookableServiceIds: bookable,
  }
}


// ---------------------------------------------------------------------------------------------
// Administration
// ---------------------------------------------------------------------------------------------

/** A window may only offer items the point handles. */
function requireWindowItems(windows: { serviceIds?: Id[] }[], serviceIds: Id[]): void {
  const handled = new Set(serviceIds.map(String))
  windows.forEach((w, i) => {
    const j = (w.serviceIds ?? []).findIndex((sid) => !handled.has(String(sid)))
    if (j >= 0) throw invalidField(`windows.${i}.serviceIds.${j}`, '窗口事项须为本网点可办理的事项')
  })
}

/** Writes a new point (admin route, seeding, test factories). */
export async function createHallRecord(data: HallData, opts: { demo?: boolean } = {}) {
  await requireServices(data.serviceIds, 'serviceIds')
  requireWindowItems(data.windows, data.serviceIds)
  let created
  try {
    created = await Hall.create({ ...data, demo: opts.demo ?? false })
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('DUPLICATE', `服务网点"${data.name}"已存在`)
    throw err
  }
  await pointItemsChanged(created._id, data.serviceIds, [])
  return created
}

export async function createHall(data: HallData, auth: AuthContext): Promise<HallDetail> {
  assertRegionScope(auth, data.regionCode)
  const created = await createHallRecord(data)
  return getHall(created._id.toString())
}

export async function updateHall(id: string, patch: HallUpdate, auth: AuthContext): Promise<HallDetail> {
  const current = await loadInRegion<HallLean>(Hall, id, '服务网点', auth)
  if (patch.regionCode) assertRegionScope(auth, patch.regionCode)
  if (patch.serviceIds) await requireServices(patch.serviceIds, 'serviceIds')
  const serviceIds = patch.serviceIds ?? (current.serviceIds ?? []).map(String)
  requireWindowItems(patch.windows ?? current.windows ?? [], serviceIds)
  // (an update that breaks a unique index is not reported as 11000 by the embedded database: check first)
  if (patch.name && (await Hall.exists({ name: patch.name, _id: { $ne: id } }))) {
    throw new AppError('DUPLICATE', `服务网点"${patch.name}"已存在`)
  }
  await Hall.updateOne({ _id: id }, { $set: patch })
  if (patch.serviceIds) {
    const before = new Set((current.serviceIds ?? []).map(String))
    const after = new Set(patch.serviceIds)
    await pointItemsChanged(
      id,
      patch.serviceIds.filter((s) => !before.has(s)),
      [...before].filter((s) => !after.has(s)),
    )
  }
  return getHall(id)
}

/** An archived point leaves the public lists; its record, links and bookings stay. */
export async function archiveHall(id: string, auth: AuthContext): Promise<HallDetail> {
  await loadInRegion<HallLean>(Hall, id, '服务网点', auth)
  await Hall.updateOne({ _id: id }, { $set: { status: 'archived' } })
  return getHall(id)
}

/** `GET /admin/halls`: the administrator's points, archived included unless filtered. */
export async function listHallsAdmin(query: AdminHallQuery, auth: AuthContext): Promise<Page<HallSummary>> {
  const region = adminRegionOf(auth)
  if (query.regionCode) assertRegionScope(auth, query.regionCode)
  const prefix = regionPrefix(query.regionCode ?? region)
  const index = await hallCache.get()
  const rows = [...index.byId.values()]
    .filter((h) => h.regionCode.startsWith(prefix) && (!query.status || (h.status ?? 'active') === query.status) && (!query.type || h.type === query.type))
    .sort(byTypeThenName)
  const read = slicePage(rows, query)
  const openNow = await openNowCheck()
  return read.page(await toSummaries(read.rows.map((hall) => ({ hall, open: openNow.stateOf(hall) }))))
}
