import { exchangeContract, type ExchangeQueueItem, type ResponseOf } from '@xz/shared'
import { call } from '@/api/request'

/** 好差评 exchange administration (SPEC §2.13), derived from shared/src/contracts/exchange.ts. */
export type ExchangeOverview = ResponseOf<typeof exchangeContract.overview>

export function fetchExchange(): Promise<ExchangeOverview> {
  return call(exchangeContract.overview)
}

export function repushRecord(id: string): Promise<ExchangeQueueItem> {
  return call(exchangeContract.repush, { params: { id } })
}
