import type { FilterQuery, Model, SortOrder } from 'mongoose'
import type { Page, PageQuery } from '@xz/shared'
import { mapConcurrently } from './day-reads'

/** A page read: its rows, the total they are a page of, and the answer made of the rows' mapped items. */
export interface PageRead<Row> {
  rows: Row[]
  total: number
  page<T>(items: T[]): Page<T>
}

function pageRead<Row>(rows: Row[], total: number, q: PageQuery): PageRead<Row> {
  return { rows, total, page: (items) => ({ items, total, page: q.page, pageSize: q.pageSize }) }
}

/** Rows before the page (pages count from 1). */
export const skipOf = (q: PageQuery): number => (q.page - 1) * q.pageSize

/** One page of a query in this order (only the `select`ed fields, when given), and the total count of its filter, read at once. */
export async function readPage<Row>(
  model: Model<any>,
  filter: FilterQuery<any>,
  sort: Record<string, SortOrder>,
  q: PageQuery,
  select?: string,
): Promise<PageRead<Row>> {
  const [rows, total] = await Promise.all([
    model.find(filter, select).sort(sort).skip(skipOf(q)).limit(q.pageSize).lean<Row[]>(),
    model.countDocuments(filter),
  ])
  return pageRead(rows, total, q)
}

/**
 * One page of the union of queries that never overlap (a list per point, each an equality the embedded database
 * searches in SQL, instead of one `$in` that it cannot): each reads its rows up to the end of the page, in this order
 * (`compare` is the same order in memory), and the page is cut from their merge. One query is `readPage`.
 */
export async function readPageOfEach<Row>(
  model: Model<any>,
  filters: FilterQuery<any>[],
  sort: Record<string, SortOrder>,
  compare: (a: Row, b: Row) => number,
  q: PageQuery,
): Promise<PageRead<Row>> {
  if (filters.length === 1) return readPage<Row>(model, filters[0], sort, q)
  const end = skipOf(q) + q.pageSize
  const parts = await Promise.all(
    filters.map((f) => Promise.all([model.find(f).sort(sort).limit(end).lean<Row[]>(), model.countDocuments(f)] as const)),
  )
  const merged = parts.flatMap(([rows]) => rows).sort(compare)
  return pageRead(merged.slice(skipOf(q), end), parts.reduce((n, [, count]) => n + count, 0), q)
}

/** Counts of closed days (before today) by model, field, day and filter: such a day changes rarely. */
const closedDayCounts = new Map<string, { n: number; at: number }>()
const CLOSED_DAY_COUNT_MS = 10 * 60_000

/**
 * One page of the documents matching `filter` over `dates` (newest first), in `sort` order within each day, read day
 * by day through an equality on `field` (a scalar date field, the first key of a `*_pushdown` index: searched in SQL on
 * the embedded database, where one query over the period would read the whole collection), with their total. Each
 * day is counted (a closed day's count is kept for ten minutes), then only the days the page falls on are read.
 */
export async function readPageByDays<Row>(
  model: Model<any>,
  field: string,
  dates: readonly string[],
  today: string,
  filter: FilterQuery<any>,
  sort: Record<string, SortOrder>,
  q: PageQuery,
): Promise<PageRead<Row>> {
  const on = (date: string) => ({ [field]: date, ...filter })
  const counts = await mapConcurrently(dates, 8, async (date) => {
    if (date >= today) return model.countDocuments(on(date))
    const key = JSON.stringify([model.modelName, field, date, filter])
    const kept = closedDayCounts.get(key)
    if (kept && Date.now() - kept.at < CLOSED_DAY_COUNT_MS) return kept.n
    const n = await model.countDocuments(on(date))
    if (closedDayCounts.size > 10_000) closedDayCounts.clear()
    closedDayCounts.set(key, { n, at: Date.now() })
    return n
  })
  const rows: Row[] = []
  let skip = skipOf(q)
  for (let i = 0; i < dates.length && rows.length < q.pageSize; i++) {
    if (skip >= counts[i]) {
      skip -= counts[i]
      continue
    }
    rows.push(...(await model.find(on(dates[i])).sort(sort).skip(skip).limit(q.pageSize - rows.length).lean<Row[]>()))
    skip = 0
  }
  return pageRead(rows, counts.reduce((a, b) => a + b, 0), q)
}

/** One page of a list already in memory (caches, ranked matches). */
export function slicePage<Row>(list: readonly Row[], q: PageQuery): PageRead<Row> {
  return pageRead(list.slice(skipOf(q), skipOf(q) + q.pageSize), list.length, q)
}
