import type { ExchangeQueueItem } from '@xz/shared'
import { request } from '@/api/request'

/** 好差评 exchange administration (SPEC §2.13): typed with shared/src/schemas/exchange.ts. */
export interface ExchangeOverview {
  endpointConfigured: boolean
  profile: string
  pending: number
  dead: ExchangeQueueItem[]
}

export function fetchExchange(): Promise<ExchangeOverview> {
  return request<ExchangeOverview>('/api/v1/admin/exchange')
}

export function repushRecord(id: string): Promise<ExchangeQueueItem> {
  return request<ExchangeQueueItem>(`/api/v1/admin/exchange/dead/${id}/repush`, { method: 'POST' })
}
