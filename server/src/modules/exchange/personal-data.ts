import { ERASED_NAME } from '@xz/shared'
import { Rating } from '../ratings'
import { WorkOrder } from '../work-orders'
import { ExchangeLog, ExchangeQueue } from './exchange.model'

/** Ids of the exchange records of the person's ratings and work orders (`rating-`, `append-`, `reply-`, `revisit-`). */
function exchangeIdsOf(ratingIds: string[], orderIds: string[]): string[] {
  return [...ratingIds.flatMap((id) => [`rating-${id}`, `append-${id}`]), ...orderIds.flatMap((id) => [`reply-${id}`, `revisit-${id}`])]
}

/**
 * 注销账号: the 好差评 exchange records of the person's ratings and work orders (ids derived from theirs, reached by
 * `_id`): undelivered ones are anonymised before they are pushed, delivered ones are kept in the log without identity.
 */
export async function anonymiseExchangeOf(userId: string): Promise<void> {
  const [ratings, orders] = await Promise.all([
    Rating.find({ userId }).select('_id').lean<{ _id: unknown }[]>(),
    WorkOrder.find({ userId }).select('_id').lean<{ _id: unknown }[]>(),
  ])
  const ids = exchangeIdsOf(
    ratings.map((r) => String(r._id)),
    orders.map((o) => String(o._id)),
  )
  const change = { $set: { 'record.rater.name': ERASED_NAME }, $unset: { 'record.text': 1, 'record.outcome.reply': 1 } }
  for (const id of ids) {
    await ExchangeQueue.updateOne({ _id: id }, change)
    await ExchangeLog.updateOne({ _id: id }, change)
  }
}
