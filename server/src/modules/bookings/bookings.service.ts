import crypto from 'node:crypto'
import mongoose from 'mongoose'
import QRCode from 'qrcode'
import {
  BOOKING_HORIZON_DAYS,
  addDays,
  localDate,
  maskMobile,
  type Booking as BookingDto,
  type BookingDetail,
  type BookingEligibility,
  type BookingEligibilityQuery,
  type BookingListQuery,
  type BookingStatus,
  type CreateBooking,
  type Page,
  type Role,
} from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, isDuplicateKey, notFound } from '../../lib/errors'
import { logger } from '../../lib/logger'
import { Service } from '../catalogue/catalogue.model'
import { activeServices } from '../catalogue/search-index'
import { hallCache } from '../halls/hall-cache'
import { Hall } from '../halls/hall.model'
import { loadSlotWith, ruleOffers, type LoadedSlot } from '../sessions/sessions.service'
import { bookingWindow } from '../sessions/sessions.rules'
import { Booking, hallDayKey, type BookingDoc } from './booking.model'
import { ACTIVE_CLAIM_NUMBERS, activeClaimId, quotaClaimId, bookingCode, canChange, noShowStanding, noShowWarning, type NoShowStanding } from './bookings.rules'
import { claimActivePlace, claimQuota, claimSeat, seatCandidates, releaseClaims, tryLock, unlock, withBookingLock, type ClaimOwner, type SeatRef } from './claims'
import { BookingClaim, IdempotencyRecord } from './claim.model'
import { BookingStanding } from './standing.model'
import { WaitlistFlag } from './waitlist.model'
import { requireAgreement } from '../privacy/agreement'

type Id = mongoose.Types.ObjectId
export type BookingLean = BookingDoc & { createdAt?: Date }

export interface Actor {
  by: string
  byRole: Role | 'system'
}

export const SYSTEM: Actor = { by: 'system', byRole: 'system' }

/** Grace period after which an unfinished operation (lock, idempotency record) counts as dead. */
export const STALE_OPERATION_MS = 2 * 60_000

// ---------------------------------------------------------------------------------------------
// Rules that need the database
// ---------------------------------------------------------------------------------------------
/** A person's no-show standing, read by `_id` from their record. */
export async function standingOf(userId: Id | string): Promise<NoShowStanding> {
  const record = await BookingStanding.findById(String(userId)).lean<{ noShows?: Date[] }>()
  return noShowStanding(record?.noShows ?? [], now())
}

/**
 * Recomputes a person's no-show record from their bookings. Called when a no-show is recorded (by the
 * no-show job here, by the repair job for no-shows marked at the desk; other modules may call it too).
 */
export async function refreshStanding(userId: Id | string): Promise<void> {
  const noShows = await Booking.find({ userId, status: 'no_show' }).select('noShowAt startAt').lean()
  await BookingStanding.updateOne(
    { _id: String(userId) },
    { $set: { noShows: noShows.map((b) => b.noShowAt ?? b.startAt), at: now() } },
    { upsert: true },
  )
}

/** True while the slot may have people waiting (then a freed seat is theirs first). */
export async function hasWaitlist(slotId: string): Promise<boolean> {
  return Boolean(await WaitlistFlag.exists({ _id: slotId }))
}

export function assertBookableWindow(startAt: Date): void {
  const w = bookingWindow(startAt, now())
  if (w === 'too_late') throw new AppError('BOOKING_TOO_LATE', '需至少提前 2 小时预约')
  if (w === 'too_far') throw new AppError('BOOKING_TOO_FAR', '最多可预约 14 天内的时段')
}

export async function offeredService(loaded: LoadedSlot, serviceId: string) {
  const service = mongoose.isValidObjectId(serviceId)
    ? await Service.findById(serviceId).select('name hallIds bookable status').lean()
    : null
  if (!service || !ruleOffers(loaded.rule, loaded.hall, service)) {
    throw new AppError('SERVICE_NOT_OFFERED', '该时段不提供此事项的预约办理')
  }
  return service
}

// ---------------------------------------------------------------------------------------------
// Placing a booking: rules, then unique-key claims, then the booking document
// ---------------------------------------------------------------------------------------------
export interface PlaceBookingInput {
  /** Generated before claiming, so that every claim names the booking it is for. */
  bookingId: Id
  userId: Id | string
  slotId: string
  serviceId: string
  applicant: { name: string; mobile: string }
  enterprise?: { name: string; creditCode: string }
  note?: string
  actor: Actor
  fromWaitlist?: boolean
}

export interface Placed {
  booking: BookingLean
  standing: NoShowStanding
  /** Names of the booking's item and point (already read while booking). */
  names: Names
}

async function insertWithFreshCode(doc: Record<string, unknown> & { _id: Id }): Promise<BookingLean> {
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      const created = await Booking.create({ ...doc, code: bookingCode(crypto.randomBytes(8)) })
      return created.toObject() as BookingLean
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      // a booking with this id already exists (a concurrent promotion): not a code collision
      if (await Booking.exists({ _id: doc._id })) throw new AppError('CONFLICT', '该预约已存在')
    }
  }
  throw new AppError('INTERNAL', '生成预约码失败，请重试')
}

/** Where and when a booking of `seatNo` in a loaded slot takes place (the fields a move rewrites too). */
export function slotFields(loaded: LoadedSlot, seatNo: number) {
  const { slot } = loaded
  return {
    hallId: loaded.hall._id,
    regionCode: loaded.hall.regionCode,
    slotId: slot.id,
    ruleId: loaded.rule._id,
    date: slot.date,
    hallDay: hallDayKey(loaded.hall._id, slot.date),
    start: slot.start,
    end: slot.end,
    startAt: slot.startAt,
    endAt: slot.endAt,
    label: slot.label,
    seatNo,
  }
}

/**
 * Books a seat. The capacity and the per-person limits are enforced by claims (unique `_id` inserts):
 * the day's quota for the item, one of three active places, then a seat; a failed step releases what
 * was claimed. The per-booking lock marks the operation, so that a process dying half-way leaves
 * something the repair job finds.
 */
export async function placeBooking(input: PlaceBookingInput): Promise<Placed> {
  // Round trips: the slot, its rule, point and the calendar come from in-process caches; the day's cancellation
  // check and every read the rules need run at once (each by `_id`); then the lock, the claims and the booking.
  const seatRefOf = ({ slot, hall }: LoadedSlot): SeatRef => ({ slotId: slot.id, hallId: hall._id, date: slot.date, capacity: slot.capacity })
  const {
    loaded,
    result: [service, standing, free, waitlisted],
  } = await loadSlotWith(input.slotId, (l) =>
    Promise.all([
      offeredService(l, input.serviceId),
      standingOf(input.userId),
      seatCandidates(seatRefOf(l), { exact: input.fromWaitlist }),
      input.fromWaitlist ? false : hasWaitlist(l.slot.id),
    ]),
  )
  const { slot } = loaded
  assertBookableWindow(slot.startAt)
  const seatRef = seatRefOf(loaded)
  if (standing.suspendedUntil) {
    const until = standing.suspendedUntil.toISOString()
    throw new AppError('BOOKING_SUSPENDED', '90 天内爽约 2 次，预约功能已暂停 30 天', { until })
  }
  // a full slot is refused before anything is claimed; a freed seat goes to the waitlist first
  if (free.length === 0 || waitlisted) throw new AppError('SLOT_FULL', '该时段已约满，可加入候补')

  const owner: ClaimOwner = { bookingId: input.bookingId, userId: new mongoose.Types.ObjectId(String(input.userId)) }
  const lock = await tryLock(input.bookingId, 'create')
  if (!lock) throw new AppError('CONFLICT', '该预约正在处理中，请稍后再试')
  const held: string[] = []
  let clean = false
  try {
    held.push(await claimQuota(owner, slot.date, input.serviceId))
    held.push(await claimActivePlace(owner))
    const seat = await claimSeat(owner, seatRef, free)
    held.push(seat.claimId)
    const at = now()
    const [inserted, hinted] = await Promise.allSettled([insertWithFreshCode({
      _id: input.bookingId,
      userId: owner.userId,
      serviceId: input.serviceId,
      ...slotFields(loaded, seat.seatNo),
      applicant: input.applicant,
      enterprise: input.enterprise,
      note: input.note,
      status: 'booked',
      fromWaitlist: Boolean(input.fromWaitlist),
      bookedAt: at,
      claimIds: held,
      holdsClaims: true,
      history: [
        {
          status: 'booked',
          action: input.fromWaitlist ? 'promoted' : 'created',
          at,
          by: input.actor.by,
          byRole: input.actor.byRole,
          reason: input.fromWaitlist ? '候补递补' : undefined,
        },
      ],
    }), seat.hint])
    if (inserted.status === 'rejected') throw inserted.reason
    // the hint only guides seat choice (the claims decide): a failed write is corrected by the next exact probe
    if (hinted.status === 'rejected') logger.warn({ err: hinted.reason, slotId: slot.id }, 'occupancy hint not written')
    const booking = inserted.value
    clean = true
    const names: Names = {
      services: new Map([[String(service._id), service.name]]),
      halls: new Map([[String(loaded.hall._id), { name: loaded.hall.name, address: loaded.hall.address }]]),
    }
    return { booking, standing, names }
  } catch (err) {
    await releaseClaims(input.bookingId, held)
    clean = err instanceof AppError
    throw err
  } finally {
    // after an unexpected error the lock stays: the repair job reconciles this booking id's claims
    if (clean) await unlock(lock).catch(() => undefined)
  }
}

// ---------------------------------------------------------------------------------------------
// Citizen routes
// ---------------------------------------------------------------------------------------------
/** Canonical JSON (keys sorted) for comparing request bodies. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export interface CreateResult {
  /** False for an Idempotency-Key replay (answered 200 instead of 201). */
  created: boolean
  booking: BookingDetail
}

type CreateBody = Omit<CreateBooking, 'applicant'> & { applicant: { name: string; phone: string } }

function placeInput(auth: AuthContext, body: CreateBody, bookingId: Id): PlaceBookingInput {
  return {
    bookingId,
    userId: auth.sub,
    slotId: body.slotId,
    serviceId: body.serviceId,
    applicant: { name: body.applicant.name, mobile: body.applicant.phone },
    enterprise: body.enterprise,
    note: body.note,
    actor: { by: auth.sub, byRole: auth.role },
  }
}

/**
 * `POST /bookings`. With an Idempotency-Key the first request records (key, body hash, booking id)
 * before booking; a replay with the same body gets that booking, another body a 422. A failed first
 * request removes its record, so a retry books again.
 */
export async function createBooking(auth: AuthContext, body: CreateBody, key?: string): Promise<CreateResult> {
  await requireAgreement(auth)
  if (!key) {
    const placed = await placeBooking(placeInput(auth, body, new mongoose.Types.ObjectId()))
    return { created: true, booking: await detailOf(placed.booking, placed.standing, placed.names) }
  }
  const recordId = `${auth.sub}:${key}`
  const bodyHash = crypto.createHash('sha256').update(canonical(body)).digest('hex')
  for (let round = 0; round < 5; round++) {
    const bookingId = new mongoose.Types.ObjectId()
    try {
      await IdempotencyRecord.create({ _id: recordId, bodyHash, bookingId, at: now() })
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      const replay = await awaitRecordedBooking(recordId, bodyHash)
      if (replay) return { created: false, booking: await detailOf(replay, await standingOf(auth.sub)) }
      continue // the first request failed meanwhile: book again
    }
    try {
      const placed = await placeBooking(placeInput(auth, body, bookingId))
      return { created: true, booking: await detailOf(placed.booking, placed.standing, placed.names) }
    } catch (err) {
      await IdempotencyRecord.deleteOne({ _id: recordId, bookingId }).catch(() => undefined)
      throw err
    }
  }
  throw new AppError('CONFLICT', '请求正在处理中，请稍后再试')
}

/** The booking a recorded key made (waiting while the first request is still running); undefined to retry. */
async function awaitRecordedBooking(recordId: string, bodyHash: string): Promise<BookingLean | undefined> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const record = await IdempotencyRecord.findById(recordId).lean()
    if (!record) return undefined
    if (record.bodyHash !== bodyHash) {
      throw new AppError('IDEMPOTENCY_MISMATCH', '同一个 Idempotency-Key 不能用于不同的预约请求')
    }
    const booking = await Booking.findById(record.bookingId).lean<BookingLean>()
    if (booking) return booking
    if (now().getTime() - record.at.getTime() > STALE_OPERATION_MS) {
      // the first request died: forget it and book again
      await IdempotencyRecord.deleteOne({ _id: recordId, bookingId: record.bookingId })
      return undefined
    }
    if (Date.now() > deadline) throw new AppError('CONFLICT', '请求正在处理中，请稍后再试')
    await sleep(50)
  }
}

export async function ownBooking(auth: AuthContext, id: string): Promise<BookingLean> {
  const booking = await Booking.findById(id).lean<BookingLean>()
  if (!booking) throw notFound('预约')
  if (String(booking.userId) !== auth.sub) throw new AppError('FORBIDDEN', '只能查看本人的预约')
  return booking
}

export async function getBooking(auth: AuthContext, id: string): Promise<BookingDetail> {
  const booking = await ownBooking(auth, id)
  logger.info({ bookingId: id, by: auth.sub }, 'booking viewed by its owner')
  return detailOf(booking, await standingOf(auth.sub))
}

export async function listMyBookings(auth: AuthContext, q: BookingListQuery): Promise<Page<BookingDto>> {
  const filter: Record<string, unknown> = { userId: auth.sub }
  if (q.status) filter.status = q.status
  const [rows, total] = await Promise.all([
    Booking.find(filter)
      .sort({ startAt: -1, _id: -1 })
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .lean<BookingLean[]>(),
    Booking.countDocuments(filter),
  ])
  const names = await namesOf(rows)
  return { items: rows.map((b) => toDto(b, names, { maskPhone: true })), total, page: q.page, pageSize: q.pageSize }
}

// ---------------------------------------------------------------------------------------------
// Ending a booking (cancel, no-show, session cancelled)
// ---------------------------------------------------------------------------------------------
export interface EndChange {
  status: Extract<BookingStatus, 'cancelled' | 'no_show'>
  action: string
  actor: Actor
  reason: string
  /** Statuses the change applies to (default: booked). */
  from?: readonly BookingStatus[]
  /** Throws when the change is not allowed for this booking. */
  check?: (b: BookingLean) => void
}

/**
 * Moves a booking to a final status under its lock, records who/when/why, and releases its claims.
 * 422 INVALID_STATE when it is not in one of `from`.
 */
export async function endBooking(id: Id | string, change: EndChange): Promise<BookingLean> {
  return withBookingLock(id, change.action, async () => {
    const b = await Booking.findById(id).lean<BookingLean>()
    if (!b) throw notFound('预约')
    change.check?.(b)
    if (!(change.from ?? ['booked']).includes(b.status)) throw new AppError('INVALID_STATE', '该预约当前状态不能执行此操作')
    const at = now()
    const entry = { status: change.status, action: change.action, at, by: change.actor.by, byRole: change.actor.byRole, reason: change.reason }
    const res = await Booking.updateOne(
      { _id: b._id, status: b.status },
      {
        $set: { status: change.status, holdsClaims: false, ...(change.status === 'cancelled' ? { cancelledAt: at } : { noShowAt: at }) },
        $push: { history: entry },
      },
    )
    if (res.modifiedCount !== 1) throw new AppError('INVALID_STATE', '预约状态已变化，请刷新后重试')
    await releaseClaims(b._id, b.claimIds)
    if (change.status === 'no_show') await refreshStanding(b.userId)
    return (await Booking.findById(b._id).lean<BookingLean>())!
  })
}

// ---------------------------------------------------------------------------------------------
// Response shapes
// ---------------------------------------------------------------------------------------------
export interface Names {
  services: Map<string, string>
  halls: Map<string, { name: string; address?: string }>
}

/** Names of the items and points of some rows (each looked up by `_id`). */
export async function namesOf(rows: readonly { serviceId: Id; hallId: Id }[]): Promise<Names> {
  const serviceIds = [...new Set(rows.map((r) => String(r.serviceId)))]
  const hallIds = [...new Set(rows.map((r) => String(r.hallId)))]
  // from the in-process caches (points; active items), reading only what they miss (archived items) by `_id`
  const [hallIndex, active] = await Promise.all([hallCache.get(), activeServices()])
  const activeById = new Map(active.map((s) => [String(s._id), s]))
  const [services, halls] = await Promise.all([
    Promise.all(serviceIds.map((id) => activeById.get(id) ?? Service.findById(id).select('name').lean())),
    Promise.all(hallIds.map((id) => hallIndex.byId.get(id) ?? Hall.findById(id).select('name address').lean())),
  ])
  return {
    services: new Map(services.flatMap((s) => (s ? [[String(s._id), s.name] as const] : []))),
    halls: new Map(halls.flatMap((h) => (h ? [[String(h._id), { name: h.name, address: h.address }] as const] : []))),
  }
}

function toDto(b: BookingLean, names: Names, opts: { maskPhone: boolean; history?: boolean }): BookingDto {
  const hall = names.halls.get(String(b.hallId))
  return {
    id: String(b._id),
    code: b.code,
    status: b.status,
    serviceId: String(b.serviceId),
    serviceName: names.services.get(String(b.serviceId)),
    hallId: String(b.hallId),
    hallName: hall?.name,
    hallAddress: hall?.address,
    slotId: b.slotId,
    date: b.date,
    start: b.start,
    end: b.end,
    startAt: b.startAt.toISOString(),
    endAt: b.endAt.toISOString(),
    label: (b.label ?? undefined) as BookingDto['label'],
    seatNo: b.seatNo ?? undefined,
    applicant: {
      name: b.applicant?.name ?? '',
      phone: opts.maskPhone ? maskMobile(b.applicant?.mobile ?? '') : (b.applicant?.mobile ?? ''),
    },
    enterprise: b.enterprise?.name ? { name: b.enterprise.name, creditCode: b.enterprise.creditCode ?? '' } : undefined,
    note: b.note ?? undefined,
    queueNumber: b.queueNumber ?? undefined,
    fromWaitlist: Boolean(b.fromWaitlist),
    changeable: canChange(b.status, b.startAt, now()),
    createdAt: b.createdAt?.toISOString(),
    history: opts.history
      ? b.history.map((h) => ({
          status: h.status,
          action: h.action ?? undefined,
          at: h.at.toISOString(),
          by: h.by ?? undefined,
          byRole: h.byRole ?? undefined,
          reason: h.reason ?? undefined,
        }))
      : undefined,
  }
}

const qrCache = new Map<string, string>()
const QR_CACHE_SIZE = 500

/**
 * QR code of the booking code (what staff scan at check-in): a PNG data URL, 6 px per module (150 px for
 * an 8-character code), drawn once per code and kept for recent codes.
 */
export async function qrDataUrl(code: string): Promise<string> {
  const cached = qrCache.get(code)
  if (cached) return cached
  const url = await QRCode.toDataURL(code, { errorCorrectionLevel: 'M', margin: 2, scale: 6 })
  if (qrCache.size >= QR_CACHE_SIZE) qrCache.delete(qrCache.keys().next().value!)
  qrCache.set(code, url)
  return url
}

/** The owner's full view: full mobile number, history, QR code, and the no-show warning if any. */
export async function detailOf(b: BookingLean, standing?: NoShowStanding, known?: Names): Promise<BookingDetail> {
  const [names, qr] = await Promise.all([known ?? namesOf([b]), qrDataUrl(b.code)])
  const warning = standing ? noShowWarning(standing) : undefined
  return { ...toDto(b, names, { maskPhone: false, history: true }), qrDataUrl: qr, ...(warning ? { warning } : {}) }
}

// ---------------------------------------------------------------------------------------------
// Eligibility (checked before the form, with the same claims and standing that booking uses)
// ---------------------------------------------------------------------------------------------
/**
 * What would stop the person from booking: the active-booking limit (their three active-place claims, read by
 * `_id`), a suspension (their standing, by `_id`) and, for an item, the days they already booked it (its quota
 * claims over the 15 horizon dates, by `_id`). No collection is scanned.
 */
export async function bookingEligibility(auth: AuthContext, query: BookingEligibilityQuery): Promise<BookingEligibility> {
  const userId = auth.sub
  const today = localDate(now())
  const dates = query.serviceId ? Array.from({ length: BOOKING_HORIZON_DAYS + 1 }, (_, i) => addDays(today, i)) : []
  const [places, standing, quotas] = await Promise.all([
    Promise.all(ACTIVE_CLAIM_NUMBERS.map((k) => BookingClaim.exists({ _id: activeClaimId(userId, k) }))),
    standingOf(userId),
    Promise.all(dates.map((d) => BookingClaim.exists({ _id: quotaClaimId(userId, d, query.serviceId ?? '') }))),
  ])
  const activeCount = places.filter(Boolean).length
  const limit = ACTIVE_CLAIM_NUMBERS.length
  const base = { activeCount, limit, bookedDates: dates.filter((_, i) => quotas[i]) }
  if (standing.suspendedUntil) {
    return {
      ...base,
      canBook: false,
      reason: { code: 'BOOKING_SUSPENDED', message: '90 天内爽约 2 次，预约功能已暂停 30 天' },
      suspendedUntil: standing.suspendedUntil.toISOString(),
    }
  }
  if (activeCount >= limit) {
    return { ...base, canBook: false, reason: { code: 'BOOKING_LIMIT', message: `每人最多同时持有 ${limit} 个有效预约，请先取消或办结已有预约` } }
  }
  return { ...base, canBook: true }
}
