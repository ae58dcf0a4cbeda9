import type { FilterQuery, Model } from 'mongoose'

/**
 * `fn` over `items`, at most `concurrency` at a time, results in the items' order: for many small reads (one per day,
 * one per key) that must not all wait on the database's connection pool at once.
 */
export async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i])
    }),
  )
  return out
}

/**
 * The documents matching `filter` on each of `dates`, read date by date through an equality on `field` (a scalar date
 * field that is the first key of a `*_pushdown` index: searched in SQL on the embedded database, where a range over the
 * period would read the whole collection), oldest date first.
 */
export async function findOnDates<T>(
  model: Model<any>,
  field: string,
  dates: readonly string[],
  filter: FilterQuery<any> = {},
  select?: string,
): Promise<T[]> {
  const perDate = await mapConcurrently(dates, 4, (date) => model.find({ [field]: date, ...filter }, select).lean<T[]>())
  return perDate.flat()
}
