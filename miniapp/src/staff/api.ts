import type {
  BookingStatus,
  CheckinResult,
  HallDetail,
  Me,
  Page,
  Queue,
  QueueEntry,
  Role,
  StaffBookingDetail,
  StaffBookingItem,
  StaffDay,
  TokenPair,
  VerifyWorkOrder,
  Walkin,
  WalkinBody,
  WorkOrder,
  WorkOrderStatus
} from '@xz/shared'
import { ApiError, request, setSession } from '@/api/request'

/** Staff desk and work-order API: typed with the shared schemas (shared/src/schemas/{staff,ratings}.ts). */

export const STAFF_ROLES: Role[] = ['staff', 'admin']

// ---- auth ----

export async function staffLogin(username: string, password: string): Promise<Me> {
  const pair = await request<TokenPair>('/api/v1/auth/staff', { method: 'POST', data: { username, password }, auth: false })
  setSession({ accessToken: pair.accessToken, refreshToken: pair.refreshToken })
  return pair.user
}

export function fetchMe(): Promise<Me> {
  return request<Me>('/api/v1/me')
}

export function fetchHall(id: string): Promise<HallDetail> {
  return request<HallDetail>(`/api/v1/halls/${id}`, { auth: false })
}

// ---- desk ----

export function fetchStaffDay(hallId: string, date: string, status?: BookingStatus): Promise<StaffDay> {
  return request<StaffDay>('/api/v1/staff/bookings', { data: { hallId, date, ...(status ? { status } : {}) } })
}

export function fetchStaffBooking(id: string): Promise<StaffBookingDetail> {
  return request<StaffBookingDetail>(`/api/v1/staff/bookings/${id}`)
}

export function checkIn(code: string): Promise<CheckinResult> {
  return request<CheckinResult>('/api/v1/staff/checkins', { method: 'POST', data: { code } })
}

/** Checks in a booking picked from the desk list (no code to retype). */
export function checkInBooking(id: string): Promise<CheckinResult> {
  return request<CheckinResult>(`/api/v1/staff/bookings/${id}/checkin`, { method: 'POST' })
}

/** Calls the next person in line; null when nobody is waiting (QUEUE_EMPTY). */
export async function callNext(hallId: string): Promise<QueueEntry | null> {
  try {
    return await request<QueueEntry>('/api/v1/staff/queue/next', { method: 'POST', data: { hallId } })
  } catch (err) {
    if (err instanceof ApiError && err.code === 'QUEUE_EMPTY') return null
    throw err
  }
}

export function fetchQueue(hallId: string): Promise<Queue> {
  return request<Queue>('/api/v1/staff/queue', { data: { hallId } })
}

export function serve(id: string): Promise<StaffBookingItem> {
  return request<StaffBookingItem>(`/api/v1/staff/bookings/${id}/serve`, { method: 'POST', data: {} })
}

export function serveWalkin(id: string): Promise<Walkin> {
  return request<Walkin>(`/api/v1/staff/walkins/${id}/serve`, { method: 'POST', data: {} })
}

/** Serves whoever is at the window: a booking or a walk-in. */
export function serveEntry(entry: Pick<QueueEntry, 'id' | 'kind'>): Promise<unknown> {
  return entry.kind === 'walkin' ? serveWalkin(entry.id) : serve(entry.id)
}

export function markNoShow(id: string): Promise<StaffBookingItem> {
  return request<StaffBookingItem>(`/api/v1/staff/bookings/${id}/no-show`, { method: 'POST', data: {} })
}

export function walkIn(body: WalkinBody): Promise<Walkin> {
  return request<Walkin>('/api/v1/staff/walkins', { method: 'POST', data: { ...body } })
}

// ---- work orders ----

/** Overdue first, then the nearest deadline first. */
export function sortWorkOrders(list: WorkOrder[]): WorkOrder[] {
  const due = (w: WorkOrder) => w.dueAt ?? '9999'
  return [...list].sort((a, b) => Number(b.overdue) - Number(a.overdue) || due(a).localeCompare(due(b)))
}

export async function fetchWorkOrders(status?: WorkOrderStatus): Promise<WorkOrder[]> {
  const page = await request<Page<WorkOrder>>('/api/v1/staff/work-orders', {
    data: { pageSize: 50, ...(status ? { status } : {}) }
  })
  return sortWorkOrders(page.items)
}

export function fetchWorkOrder(id: string): Promise<WorkOrder> {
  return request<WorkOrder>(`/api/v1/staff/work-orders/${id}`)
}

export function verifyWorkOrder(id: string, body: VerifyWorkOrder): Promise<WorkOrder> {
  return request<WorkOrder>(`/api/v1/staff/work-orders/${id}/verify`, { method: 'POST', data: { ...body } })
}

export function replyWorkOrder(id: string, text: string): Promise<WorkOrder> {
  return request<WorkOrder>(`/api/v1/staff/work-orders/${id}/reply`, { method: 'POST', data: { text } })
}
