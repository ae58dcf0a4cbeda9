import { maskMobile, type StaffBookingItem } from '@xz/shared'
import type { BookingDoc } from '../bookings'
import { serviceNamesById } from '../catalogue'
import type { Id } from '../../lib/db'


/** Names of the given services, by id (from the catalogue search index; archived items by `_id`). */
export async function serviceNames(ids: Id[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.map(String))]
  if (unique.length === 0) return new Map()
  return serviceNamesById(unique)
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined)

/** A booking as staff list it: name in full, mobile number masked. */
export function toStaffItem(b: BookingDoc, names: Map<string, string>): StaffBookingItem {
  return {
    id: b._id.toString(),
    status: b.status,
    date: b.date,
    start: b.start,
    end: b.end,
    label: b.label ?? undefined,
    serviceId: b.serviceId.toString(),
    serviceName: names.get(b.serviceId.toString()) ?? '',
    applicantName: b.applicant?.name ?? '',
    mobileMasked: maskMobile(b.applicant?.mobile ?? ''),
    enterpriseName: b.enterprise?.name ?? undefined,
    queueNumber: b.queueNumber ?? undefined,
    checkedInAt: iso(b.checkedInAt),
    calledAt: iso(b.calledAt),
    servedAt: iso(b.servedAt),
    windowNumber: b.windowNumber ?? undefined,
  }
}
