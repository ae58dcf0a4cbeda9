import type { Page, Ticket } from '@xz/shared'
import { request } from '@/api/request'

/** The dispatcher's queue: all, or only 涉企 (the 涉企专席), or only the others. */
export type QueueFilter = 'all' | 'enterprise' | 'other'

export const fetchQueue = (filter: QueueFilter) =>
  request<Page<Ticket>>('/api/v1/dispatch/tickets', { data: { pageSize: 50, ...(filter === 'all' ? {} : { enterprise: filter === 'enterprise' ? 'true' : 'false' }) } })

/** 派单/改派; `urgent` sets the 紧急 limit (2 h to the first response). */
export const dispatch = (id: string, body: { departmentId?: string; urgent?: boolean; note?: string }) =>
  request<Ticket>(`/api/v1/dispatch/tickets/${id}/dispatch`, { method: 'POST', data: { ...body } })
