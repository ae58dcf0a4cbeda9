import {
  authContract,
  hallContract,
  staffContract,
  workOrderContract,
  type BookingStatus,
  type CheckinResult,
  type HallDetail,
  type Me,
  type Queue,
  type QueueEntry,
  type Role,
  type StaffBookingDetail,
  type StaffBookingItem,
  type StaffDay,
  type VerifyWorkOrder,
  type Walkin,
  type WalkinBody,
  type WorkOrder,
  type WorkOrderStatus
} from '@xz/shared'
import { ApiError, call, setSession } from '@/api/request'

/** Staff desk and work-order API, derived from shared/src/contracts/{staff,work-orders}.ts. */

export const STAFF_ROLES: Role[] = ['staff', 'admin']

// ---- auth ----

export async function staffLogin(username: string, password: string): Promise<Me> {
  const pair = await call(authContract.staffLogin, { body: { username, password } })
  setSession({ accessToken: pair.accessToken, refreshToken: pair.refreshToken })
  return pair.user
}

export function fetchMe(): Promise<Me> {
  return call(authContract.me)
}

export function fetchHall(id: string): Promise<HallDetail> {
  return call(hallContract.get, { params: { id } })
}

// ---- desk ----

export function fetchStaffDay(hallId: string, date: string, status?: BookingStatus): Promise<StaffDay> {
  return call(staffContract.day, { query: { hallId, date, status } })
}

export function fetchStaffBooking(id: string): Promise<StaffBookingDetail> {
  return call(staffContract.booking, { params: { id } })
}

export function checkIn(code: string): Promise<CheckinResult> {
  return call(staffContract.checkIn, { body: { code } })
}

/** Checks in a booking picked from the desk list (no code to retype). */
export function checkInBooking(id: string): Promise<CheckinResult> {
  return call(staffContract.checkInBooking, { params: { id } })
}

/** Calls the next person in line; null when nobody is waiting (QUEUE_EMPTY). */
export async function callNext(hallId: string): Promise<QueueEntry | null> {
  try {
    return await call(staffContract.callNext, { body: { hallId } })
  } catch (err) {
    if (err instanceof ApiError && err.code === 'QUEUE_EMPTY') return null
    throw err
  }
}

export function fetchQueue(hallId: string): Promise<Queue> {
  return call(staffContract.queue, { query: { hallId } })
}

export function serve(id: string): Promise<StaffBookingItem> {
  return call(staffContract.serve, { params: { id } })
}

export function serveWalkin(id: string): Promise<Walkin> {
  return call(staffContract.serveWalkin, { params: { id } })
}

/** Serves whoever is at the window: a booking or a walk-in. */
export function serveEntry(entry: Pick<QueueEntry, 'id' | 'kind'>): Promise<unknown> {
  return entry.kind === 'walkin' ? serveWalkin(entry.id) : serve(entry.id)
}

export function markNoShow(id: string): Promise<StaffBookingItem> {
  return call(staffContract.noShow, { params: { id } })
}

export function walkIn(body: WalkinBody): Promise<Walkin> {
  return call(staffContract.registerWalkin, { body })
}

// ---- work orders ----

/** Overdue first, then the nearest deadline first. */
export function sortWorkOrders(list: WorkOrder[]): WorkOrder[] {
  const due = (w: WorkOrder) => w.dueAt ?? '9999'
  return [...list].sort((a, b) => Number(b.overdue) - Number(a.overdue) || due(a).localeCompare(due(b)))
}

export async function fetchWorkOrders(status?: WorkOrderStatus): Promise<WorkOrder[]> {
  const page = await call(workOrderContract.list, { query: { pageSize: 50, status } })
  return sortWorkOrders(page.items)
}

export function fetchWorkOrder(id: string): Promise<WorkOrder> {
  return call(workOrderContract.get, { params: { id } })
}

export function verifyWorkOrder(id: string, body: VerifyWorkOrder): Promise<WorkOrder> {
  return call(workOrderContract.verify, { params: { id }, body })
}

export function replyWorkOrder(id: string, text: string): Promise<WorkOrder> {
  return call(workOrderContract.reply, { params: { id }, body: { text } })
}
