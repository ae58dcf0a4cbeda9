import { ticketContract, type Page, type Ticket } from '@xz/shared'
import { call } from '@/api/request'

/** The dispatcher's queue: all, or only 涉企 (the 涉企专席), or only the others. */
export type QueueFilter = 'all' | 'enterprise' | 'other'

export const fetchQueue = (filter: QueueFilter): Promise<Page<Ticket>> =>
  call(ticketContract.dispatchQueue, { query: { pageSize: 50, enterprise: filter === 'all' ? undefined : filter === 'enterprise' ? 'true' : 'false' } })

/** 派单/改派; `urgent` sets the 紧急 limit (2 h to the first response). */
export const dispatch = (id: string, body: { departmentId?: string; urgent?: boolean; note?: string }): Promise<Ticket> =>
  call(ticketContract.dispatch, { params: { id }, body })
