import mongoose from 'mongoose'
import type { JoinWaitlist, Page, WaitlistEntry as WaitlistEntryDto, WaitlistQuery, WaitlistStatus } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now, sleep } from '../../lib/clock'
import { AppError, isDuplicateKey, notFound } from '../../lib/errors'
import { readPage } from '../../lib/paging'
import { requireAgreement, User } from '../auth'
import { notify } from '../notifications'
import { bookingWindow, loadSlot } from '../sessions'
import { Booking } from './booking.model'
import { quotaClaimId } from './bookings.rules'
import { namesOf } from './booking.dto'
import { SYSTEM, type BookingLean } from './booking.types'
import { assertBookableWindow, hasWaitlist, offeredService, placeBooking } from './placement'
import { standingOf } from './standing'
import { BookingClaim } from './claim.model'
import { seatsHeld } from './claims'
import { WaitlistEntry, WaitlistFlag, type WaitlistEntryDoc } from './waitlist.model'
import type { ObjectId } from '../../lib/db'



/** Errors about the slot itself: nobody on its waitlist can get a seat any more. */
const SLOT_GONE = new Set(['NOT_FOUND', 'SLOT_UNAVAILABLE', 'SESSION_CANCELLED', 'BOOKING_TOO_LATE', 'BOOKING_TOO_FAR'])

async function closeEntry(entry: WaitlistEntryDoc, status: Exclude<WaitlistStatus, 'waiting'>, reason?: string): Promise<boolean> {
  const res = await WaitlistEntry.updateOne(
    { _id: entry._id, status: 'waiting' },
    { $set: { status, reason, closedAt: now(), activeKey: `${entry.slotId}:${entry.userId}:${entry._id}` } },
  )
  return res.modifiedCount === 1
}

async function setFlag(slotId: string): Promise<void> {
  try {
    await WaitlistFlag.create({ _id: slotId, at: now() })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
  }
}

/** Drops the slot's waitlist flag when nobody waits (re-checking after the delete, so a join is never lost). */
async function clearFlagIfEmpty(slotId: string): Promise<void> {
  if (await WaitlistEntry.exists({ slotId, status: 'waiting' })) return
  await WaitlistFlag.deleteOne({ _id: slotId })
  if (await WaitlistEntry.exists({ slotId, status: 'waiting' })) await setFlag(slotId)
}

function when(e: { date: string; start: string; end: string }): string {
  return `${e.date} ${e.start}–${e.end}`
}

/** Closes every waiting entry of a slot and tells each person why. */
export async function closeSlotWaitlist(slotId: string, status: 'expired' | 'cancelled', reason: string): Promise<number> {
  const entries = await WaitlistEntry.find({ slotId, status: 'waiting' }).lean<WaitlistEntryDoc[]>()
  let closed = 0
  for (const e of entries) {
    if (!(await closeEntry(e, status, reason))) continue
    closed++
    await notify({
      key: `waitlist-${status}:${e._id}`,
      to: { userId: e.userId },
      kind: 'waitlist_closed',
      title: '候补未成功',
      body: `您候补的 ${when(e)} 时段未能递补：${reason}`,
      data: { thing1: '候补未成功', time2: `${e.date} ${e.start}`, thing4: reason.slice(0, 20) },
      page: 'pages/bookings/index',
    })
  }
  await clearFlagIfEmpty(slotId)
  return closed
}

/**
 * Offers the free seats of a slot to its waitlist, first in line first: a booking is made for the
 * person (fromWaitlist) with the entry's pre-generated booking id, and they are notified. People who no
 * longer meet the rules are skipped. Safe to run concurrently and repeatedly: the booking lock and the
 * booking id make each promotion happen once, and the seat claims keep the slot within its capacity.
 * Returns the number of people promoted by this call.
 */
export async function promoteWaitlist(slotId: string): Promise<number> {
  if (!(await WaitlistEntry.exists({ slotId, status: 'waiting' }))) {
    await clearFlagIfEmpty(slotId)
    return 0
  }
  let capacity: number
  try {
    const { slot } = await loadSlot(slotId)
    if (bookingWindow(slot.startAt, now()) !== 'ok') {
      await closeSlotWaitlist(slotId, 'expired', '已临近开始时间')
      return 0
    }
    capacity = slot.capacity
  } catch (err) {
    if (!(err instanceof AppError) || !SLOT_GONE.has(err.code)) throw err
    await closeSlotWaitlist(slotId, err.code === 'SESSION_CANCELLED' ? 'cancelled' : 'expired', err.message)
    return 0
  }
  let promoted = 0
  for (let round = 0; round < 60; round++) {
    const [entry] = await WaitlistEntry.find({ slotId, status: 'waiting' }).sort({ joinedAt: 1, _id: 1 }).limit(1).lean<WaitlistEntryDoc[]>()
    if (!entry) {
      await clearFlagIfEmpty(slotId)
      return promoted
    }
    if (await Booking.exists({ _id: entry.bookingId })) {
      // promoted by an earlier attempt that stopped before closing the entry
      await closeEntry(entry, 'promoted')
      continue
    }
    if ((await seatsHeld(slotId, capacity)) >= capacity) return promoted
    let booking: BookingLean
    try {
      booking = (
        await placeBooking({
          bookingId: entry.bookingId,
          userId: entry.userId,
          slotId,
          serviceId: String(entry.serviceId),
          applicant: { name: entry.applicant?.name ?? '', mobile: entry.applicant?.mobile ?? '' },
          enterprise: entry.enterprise?.name ? { name: entry.enterprise.name, creditCode: entry.enterprise.creditCode ?? '' } : undefined,
          note: entry.note ?? undefined,
          actor: SYSTEM,
          fromWaitlist: true,
        })
      ).booking
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      if (err.code === 'SLOT_FULL') return promoted
      if (err.code === 'CONFLICT') {
        // another process is promoting this entry right now
        await sleep(30 + Math.random() * 40)
        continue
      }
      if (SLOT_GONE.has(err.code)) {
        await closeSlotWaitlist(slotId, err.code === 'SESSION_CANCELLED' ? 'cancelled' : 'expired', err.message)
        return promoted
      }
      // this person no longer meets the rules (limit, quota, suspension, item withdrawn): next in line
      if (await closeEntry(entry, 'skipped', err.message)) {
        await notify({
          key: `waitlist-skipped:${entry._id}`,
          to: { userId: entry.userId },
          kind: 'waitlist_closed',
          title: '候补未成功',
          body: `您候补的 ${when(entry)} 时段有空位，但未能为您递补：${err.message}`,
          data: { thing1: '候补未成功', time2: `${entry.date} ${entry.start}`, thing4: err.message.slice(0, 20) },
          page: 'pages/bookings/index',
        })
      }
      continue
    }
    await closeEntry(entry, 'promoted')
    promoted++
    const names = await namesOf([booking])
    const hallName = names.halls.get(String(booking.hallId))?.name ?? ''
    const serviceName = names.services.get(String(booking.serviceId)) ?? ''
    await notify({
      key: `waitlist-promoted:${entry._id}`,
      to: { userId: entry.userId },
      kind: 'waitlist_promoted',
      title: '候补成功',
      body: `您候补的${hallName} ${when(booking)}「${serviceName}」已为您预约成功，预约码 ${booking.code}。`,
      data: { thing1: serviceName.slice(0, 20), time2: `${booking.date} ${booking.start}`, thing3: hallName.slice(0, 20), thing4: '候补成功' },
      bookingId: booking._id,
      page: `pages/booking/index?id=${booking._id}`,
    })
  }
  return promoted
}

/** Promotes the waitlists of every slot that has waiting people (the job; also after a rule change). */
export async function promoteAllWaitlists(filter: { ruleId?: ObjectId | string } = {}): Promise<number> {
  const slotIds: string[] = await WaitlistEntry.distinct('slotId', { status: 'waiting', ...filter })
  let promoted = 0
  for (const slotId of slotIds) promoted += await promoteWaitlist(slotId)
  return promoted
}

// ---------------------------------------------------------------------------------------------
// Citizen routes
// ---------------------------------------------------------------------------------------------
async function positionsOf(slotIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (const slotId of new Set(slotIds)) {
    const line = await WaitlistEntry.find({ slotId, status: 'waiting' }).select('_id').sort({ joinedAt: 1, _id: 1 }).lean()
    line.forEach((e, i) => out.set(String(e._id), i + 1))
  }
  return out
}

async function toDtos(entries: readonly WaitlistEntryDoc[]): Promise<WaitlistEntryDto[]> {
  const [names, positions] = await Promise.all([
    namesOf(entries),
    positionsOf(entries.filter((e) => e.status === 'waiting').map((e) => e.slotId)),
  ])
  return entries.map((e) => ({
    id: String(e._id),
    slotId: e.slotId,
    hallId: String(e.hallId),
    hallName: names.halls.get(String(e.hallId))?.name,
    serviceId: String(e.serviceId),
    serviceName: names.services.get(String(e.serviceId)),
    date: e.date,
    start: e.start,
    end: e.end,
    label: (e.label ?? undefined) as WaitlistEntryDto['label'],
    status: e.status,
    position: positions.get(String(e._id)),
    bookingId: e.status === 'promoted' ? String(e.bookingId) : undefined,
    reason: e.reason ?? undefined,
    joinedAt: e.joinedAt.toISOString(),
  }))
}

/** Joins the waitlist of a full slot (422 SLOT_NOT_FULL while it has seats). */
export async function joinWaitlist(auth: AuthContext, slotId: string, body: JoinWaitlist): Promise<WaitlistEntryDto> {
  await requireAgreement(auth)
  const loaded = await loadSlot(slotId)
  const { slot } = loaded
  assertBookableWindow(slot.startAt)
  await offeredService(loaded, body.serviceId)
  const standing = await standingOf(auth.sub)
  if (standing.suspendedUntil) {
    throw new AppError('BOOKING_SUSPENDED', '90 天内爽约 2 次，预约功能已暂停 30 天', { until: standing.suspendedUntil.toISOString() })
  }
  const [held, waiting] = await Promise.all([seatsHeld(slot.id, slot.capacity), hasWaitlist(slot.id)])
  if (held < slot.capacity && !waiting) throw new AppError('SLOT_NOT_FULL', '该时段还有空位，请直接预约')
  if (await BookingClaim.exists({ _id: quotaClaimId(auth.sub, slot.date, body.serviceId) })) {
    throw new AppError('ALREADY_BOOKED', '您当天已预约过该事项')
  }
  let applicant = body.applicant ? { name: body.applicant.name, mobile: body.applicant.phone } : undefined
  if (!applicant) {
    const user = await User.findById(auth.sub).select('name mobile').lean()
    if (user?.name && user.mobile) applicant = { name: user.name, mobile: user.mobile }
  }
  if (!applicant) {
    throw new AppError('VALIDATION_FAILED', 'applicant: 请填写办事人姓名和手机号', {
      issues: [{ path: 'applicant', message: '请填写办事人姓名和手机号', code: 'custom' }],
    })
  }
  const _id = new mongoose.Types.ObjectId()
  try {
    await WaitlistEntry.create({
      _id,
      slotId: slot.id,
      ruleId: loaded.rule._id,
      hallId: loaded.hall._id,
      date: slot.date,
      start: slot.start,
      end: slot.end,
      startAt: slot.startAt,
      label: slot.label,
      userId: auth.sub,
      serviceId: body.serviceId,
      applicant,
      enterprise: body.enterprise,
      note: body.note,
      status: 'waiting',
      activeKey: `${slot.id}:${auth.sub}`,
      bookingId: new mongoose.Types.ObjectId(),
      joinedAt: now(),
    })
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('ALREADY_WAITLISTED', '您已在该时段的候补队列中')
    throw err
  }
  await setFlag(slot.id)
  // a seat may have freed while joining
  await promoteWaitlist(slot.id)
  const entry = await WaitlistEntry.findById(_id).lean<WaitlistEntryDoc>()
  return (await toDtos([entry!]))[0]
}

export async function listMyWaitlist(auth: AuthContext, q: WaitlistQuery): Promise<Page<WaitlistEntryDto>> {
  const filter: Record<string, unknown> = { userId: auth.sub }
  if (q.status) filter.status = q.status
  const read = await readPage<WaitlistEntryDoc>(WaitlistEntry, filter, { joinedAt: -1, _id: -1 }, q)
  return read.page(await toDtos(read.rows))
}

export async function leaveWaitlist(auth: AuthContext, id: string): Promise<WaitlistEntryDto> {
  const entry = await WaitlistEntry.findById(id).lean<WaitlistEntryDoc>()
  if (!entry) throw notFound('候补记录')
  if (String(entry.userId) !== auth.sub) throw new AppError('FORBIDDEN', '只能取消本人的候补')
  if (entry.status !== 'waiting' || !(await closeEntry(entry, 'left', '本人取消候补'))) {
    throw new AppError('INVALID_STATE', '该候补已结束')
  }
  await clearFlagIfEmpty(entry.slotId)
  return (await toDtos([(await WaitlistEntry.findById(id).lean<WaitlistEntryDoc>())!]))[0]
}
