import type { FilterQuery, Model, SortOrder } from 'mongoose'
import type { Page, PageQuery } from '@xz/shared'

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

/** One page of a list already in memory (caches, ranked matches). */
export function slicePage<Row>(list: readonly Row[], q: PageQuery): PageRead<Row> {
  return pageRead(list.slice(skipOf(q), skipOf(q) + q.pageSize), list.length, q)
}
