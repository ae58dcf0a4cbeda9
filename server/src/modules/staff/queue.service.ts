import mongoose from 'mongoose'
import {
  localDate,
  maskMobile,
  QUEUE_PREFIXES,
  type Queue,
  type QueueEntry,
  type QueueNextBody,
  type Walkin as WalkinView,
  type WalkinBody,
} from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, notFound } from '../../lib/errors'
import { recordAudit } from '../audit'
import { notify } from '../notifications'
import { Booking, hallDayKey, recordCall, type BookingDoc } from '../bookings'
import { Service } from '../catalogue'
import { auditedStep } from './desk-steps'
import { claimOnce } from './desk.service'
import { claimQueueNumber, releaseQueueNumber } from './queue-numbers'
import { iso, serviceNames } from './staff.mappers'
import { compareQueue } from './staff.rules'
import { assertCanActOn } from '../../lib/scope'
import { hallInScope } from './staff.scope'
import { Walkin, type WalkinDoc } from './walkin.model'

/** More visits than a point has in a day; keeps the reads bounded. */
const DAY_LIMIT = 2000

interface Visit {
  entry: QueueEntry
  orderAt: Date
  servedAt?: Date | null
}

function bookingVisit(b: BookingDoc, names: Map<string, string>): Visit {
  return {
    orderAt: b.startAt,
    servedAt: b.servedAt,
    entry: {
      kind: 'booking',
      id: b._id.toString(),
      queueNumber: b.queueNumber ?? '',
      name: b.applicant?.name ?? '',
      mobileMasked: maskMobile(b.applicant?.mobile ?? ''),
      serviceId: b.serviceId.toString(),
      serviceName: names.get(b.serviceId.toString()) ?? '',
      start: b.start,
      end: b.end,
      arrivedAt: (b.checkedInAt ?? b.startAt).toISOString(),
      calledAt: iso(b.calledAt),
      windowNumber: b.windowNumber ?? undefined,
    },
  }
}

function walkinVisit(w: WalkinDoc, names: Map<string, string>): Visit {
  return {
    orderAt: w.arrivedAt,
    servedAt: w.servedAt,
    entry: {
      kind: 'walkin',
      id: w._id.toString(),
      queueNumber: w.queueNumber,
      name: w.name ?? undefined,
      mobileMasked: w.mobile ? maskMobile(w.mobile) : undefined,
      serviceId: w.serviceId.toString(),
      serviceName: names.get(w.serviceId.toString()) ?? '',
      arrivedAt: w.arrivedAt.toISOString(),
      calledAt: iso(w.calledAt),
      windowNumber: w.windowNumber ?? undefined,
    },
  }
}

const byQueueOrder = (a: Visit, b: Visit) =>
  compareQueue({ orderAt: a.orderAt, queueNumber: a.entry.queueNumber }, { orderAt: b.orderAt, queueNumber: b.entry.queueNumber })

/** Today's visits of a point that are in the queue: checked-in bookings and walk-ins, waiting, called or served. */
async function visitsOf(hallId: mongoose.Types.ObjectId, date: string) {
  const [bookings, walkins] = await Promise.all([
    Booking.find({ hallDay: hallDayKey(hallId, date), status: { $in: ['checked_in', 'served'] } }).limit(DAY_LIMIT).lean<BookingDoc[]>(),
    Walkin.find({ hallId, date }).limit(DAY_LIMIT).lean<WalkinDoc[]>(),
  ])
  const names = await serviceNames([...bookings, ...walkins].map((v) => v.serviceId))
  return [...bookings.map((b) => bookingVisit(b, names)), ...walkins.map((w) => walkinVisit(w, names))].sort(byQueueOrder)
}

/** The queue of a point today: who waits (in calling order) and who has been called but not yet served. */
export async function queueOf(auth: AuthContext, hallId: string): Promise<Queue> {
  const hall = await hallInScope(auth, hallId)
  const date = localDate(now())
  const visits = await visitsOf(hall._id, date)
  const open = visits.filter((v) => !v.servedAt)
  return {
    hallId,
    date,
    waiting: open.filter((v) => !v.entry.calledAt).map((v) => v.entry),
    called: open
      .filter((v) => v.entry.calledAt)
      .map((v) => v.entry)
      .sort((a, b) => (a.calledAt ?? '').localeCompare(b.calledAt ?? '')),
    servedCount: visits.length - open.length,
  }
}

/**
 * Calls the next waiting person to a window: first in queue order that is not yet called. Each call is
 * claimed (`call:<id>`), so two windows calling at once never get the same person.
 */
export async function callNext(auth: AuthContext, body: QueueNextBody): Promise<QueueEntry> {
  const hall = await hallInScope(auth, body.hallId)
  const date = localDate(now())
  const waiting = (await visitsOf(hall._id, date)).filter((v) => !v.servedAt && !v.entry.calledAt)
  for (const visit of waiting) {
    const { id, kind } = visit.entry
    if (!(await claimOnce(`call:${id}`, 'call', id))) continue
    const calledAt = now()
    await auditedStep(auth, {
      action: kind === 'booking' ? 'booking.call' : 'walkin.call',
      subject: { ...(kind === 'booking' ? { bookingId: id } : { walkinId: id }), hallId: hall._id, regionCode: hall.regionCode },
      run: async () => {
        if (kind === 'booking') await recordCall(id, { calledAt, windowNumber: body.windowNumber })
        else await Walkin.updateOne({ _id: id }, { $set: { calledAt, ...(body.windowNumber ? { windowNumber: body.windowNumber } : {}) } })
      },
      details: () => ({ queueNumber: visit.entry.queueNumber, windowNumber: body.windowNumber }),
    })
    if (kind === 'booking') await notifyCalled(id, visit.entry.queueNumber, hall.name, body.windowNumber)
    return { ...visit.entry, calledAt: calledAt.toISOString(), windowNumber: body.windowNumber ?? visit.entry.windowNumber }
  }
  throw new AppError('QUEUE_EMPTY', '当前没有等候的办事群众', { hallId: body.hallId, date })
}

/** The booker's 叫号 notice (in the app's 消息 list; once per booking, by its outbox key). */
async function notifyCalled(bookingId: string, queueNumber: string, hallName: string, windowNumber?: string): Promise<void> {
  const booking = await Booking.findById(bookingId).select('userId').lean()
  if (!booking) return
  await notify({
    key: `called:${bookingId}`,
    to: { userId: booking.userId },
    kind: 'queue_called',
    title: `请 ${queueNumber} 号到${windowNumber ? ` ${windowNumber} 号` : ''}窗口办理`,
    body: `${hallName}正在叫号：${queueNumber}${windowNumber ? `，请到 ${windowNumber} 号窗口` : '，请到窗口'}办理。`,
    bookingId,
    page: `pages/booking/index?id=${bookingId}`,
  })
}

function toWalkinView(w: WalkinDoc, serviceName: string): WalkinView {
  return {
    id: w._id.toString(),
    hallId: w.hallId.toString(),
    date: w.date,
    queueNumber: w.queueNumber,
    status: w.status,
    serviceId: w.serviceId.toString(),
    serviceName,
    name: w.name ?? undefined,
    mobileMasked: w.mobile ? maskMobile(w.mobile) : undefined,
    arrivedAt: w.arrivedAt.toISOString(),
    calledAt: iso(w.calledAt),
    windowNumber: w.windowNumber ?? undefined,
    servedAt: iso(w.servedAt),
  }
}

/** Registers a visitor without a booking and gives them the point's next W-number for today. */
export async function registerWalkin(auth: AuthContext, body: WalkinBody & { mobile?: string }): Promise<WalkinView> {
  const hall = await hallInScope(auth, body.hallId)
  const service = await Service.findById(body.serviceId).select('name').lean()
  if (!service) throw notFound('事项')
  const offered = (hall.serviceIds ?? []).map(String)
  if (offered.length > 0 && !offered.includes(body.serviceId)) {
    throw new AppError('SERVICE_NOT_OFFERED', '本网点不办理该事项', { serviceId: body.serviceId })
  }
  const _id = new mongoose.Types.ObjectId()
  const date = localDate(now())
  const number = await claimQueueNumber(hall._id.toString(), date, QUEUE_PREFIXES.walkin, _id.toString())
  let walkin: WalkinDoc
  try {
    const created = await Walkin.create({
      _id,
      hallId: hall._id,
      regionCode: hall.regionCode,
      serviceId: service._id,
      date,
      queueNumber: number.queueNumber,
      arrivedAt: now(),
      name: body.name,
      mobile: body.mobile,
      registeredBy: auth.sub,
    })
    walkin = created.toObject() as WalkinDoc
  } catch (err) {
    await releaseQueueNumber(number)
    throw err
  }
  await recordAudit({
    actor: auth,
    action: 'walkin.create',
    walkinId: _id,
    hallId: hall._id,
    regionCodes: [hall.regionCode],
    details: { queueNumber: number.queueNumber, serviceId: body.serviceId },
  })
  return toWalkinView(walkin, service.name)
}

/** waiting → served for a walk-in. */
export async function serveWalkin(auth: AuthContext, id: string): Promise<WalkinView> {
  const walkin = await Walkin.findById(id).lean<WalkinDoc>()
  if (!walkin) throw notFound('现场登记')
  assertCanActOn(auth, walkin)
  const claimId = `serve:${id}`
  if (walkin.status !== 'waiting' || !(await claimOnce(claimId, 'serve', id))) {
    throw new AppError('INVALID_STATE', '该现场登记已办结', { status: 'served' })
  }
  const servedAt = now()
  await auditedStep(auth, {
    action: 'walkin.serve',
    subject: { walkinId: walkin._id, hallId: walkin.hallId, regionCode: walkin.regionCode },
    claim: { id: claimId },
    run: async () => {
      const res = await Walkin.updateOne({ _id: id, status: 'waiting' }, { $set: { status: 'served', servedAt, servedBy: auth.sub } })
      if (res.modifiedCount === 0) throw new AppError('INVALID_STATE', '该现场登记已办结', { status: 'served' })
    },
    details: () => ({ queueNumber: walkin.queueNumber }),
  })
  const names = await serviceNames([walkin.serviceId])
  return toWalkinView({ ...walkin, status: 'served', servedAt, servedBy: auth.sub }, names.get(walkin.serviceId.toString()) ?? '')
}
