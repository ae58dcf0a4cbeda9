import QRCode from 'qrcode'
import { maskMobile, type Booking as BookingDto, type BookingDetail, type CreatedBooking } from '@xz/shared'
import { now } from '../../lib/clock'
import { activeServices, Service } from '../catalogue'
import { Hall, hallCache } from '../halls'
import { canChange, noShowWarning, type NoShowStanding } from './bookings.rules'
import type { ObjectId } from '../../lib/db'
import type { BookingLean } from './booking.types'

// ---------------------------------------------------------------------------------------------
// Response shapes
// ---------------------------------------------------------------------------------------------
export interface Names {
  services: Map<string, string>
  halls: Map<string, { name: string; address?: string }>
}

/** Names of the items and points of some rows (each looked up by `_id`). */
export async function namesOf(rows: readonly { serviceId: ObjectId; hallId: ObjectId }[]): Promise<Names> {
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

export function toDto(b: BookingLean, names: Names, opts: { maskPhone: boolean; history?: boolean }): BookingDto {
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
  // an 8-bit grey PNG without row filters: half the CPU of the default (RGBA, each row's best filter), ~2 KB
  const url = await QRCode.toDataURL(code, { errorCorrectionLevel: 'M', margin: 2, scale: 6, rendererOpts: { filterType: 0, colorType: 0 } } as QRCode.QRCodeToDataURLOptions)
  if (qrCache.size >= QR_CACHE_SIZE) qrCache.delete(qrCache.keys().next().value!)
  qrCache.set(code, url)
  return url
}

/** The owner's view without the QR image (the answer to booking): full mobile number, history, the no-show warning. */
export async function createdOf(b: BookingLean, standing?: NoShowStanding, known?: Names): Promise<CreatedBooking> {
  const names = known ?? (await namesOf([b]))
  const warning = standing ? noShowWarning(standing) : undefined
  return { ...toDto(b, names, { maskPhone: false, history: true }), ...(warning ? { warning } : {}) }
}

/** The owner's full view: full mobile number, history, QR code, and the no-show warning if any. */
export async function detailOf(b: BookingLean, standing?: NoShowStanding, known?: Names): Promise<BookingDetail> {
  const [created, qr] = await Promise.all([createdOf(b, standing, known), qrDataUrl(b.code)])
  return { ...created, qrDataUrl: qr }
}

