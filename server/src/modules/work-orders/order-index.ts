import { findOnDates } from '../../lib/day-reads'
import type { WorkOrderStatus } from '@xz/shared'
import { DataVersion } from '../../lib/versioned-cache'
import { logger } from '../../lib/logger'
import { ORDER_MONTH_VERSION as VERSION_PREFIX, WorkOrder, type WorkOrderDoc } from './work-order.model'

/**
 * What lists and counts need of every work order, in process memory: a point's list, a region's list and the
 * dashboard's counts are computed here, and only the page's orders are then read, by `_id`. A region's orders
 * cannot be searched in SQL on the embedded database (`regionScopes` is an array), and a busy point's hundreds of
 * orders cost ~0.1 ms each to decode, twice per page (rows and count).
 *
 * The rows are kept per month of `ratedDate` (an order never changes month). Each month has a version document
 * (`data_versions`, `_id` `work_orders:YYYY-MM`) that every write to one of its orders bumps, in whichever process
 * (`touchWorkOrders` in the model). A read compares the versions (one read of a few dozen tiny documents) and reloads only the
 * months that moved, through `ratedDate` equalities that the embedded database searches in SQL. The first read of
 * a process loads every order once (one pass with a projection).
 *
 * A process that died between an order's write and its bump leaves other processes' month stale; so each month is
 * also reloaded in the background when it is older than `MONTH_TTL_MS`.
 */
export interface OrderRow {
  id: string
  hallId?: string
  serviceId: string
  regionCode: string
  regionScopes: string[]
  /** The revisit's answer (满意, 基本满意, …), once made. */
  satisfaction?: string
  status: WorkOrderStatus
  dueRank: number
  /** ms, or undefined when nothing is due. */
  dueAt?: number
  ratedAt: number
  ratedDate: string
}

const MONTH_TTL_MS = 5 * 60_000
const FIELDS = '_id hallId serviceId regionCode regionScopes revisit.satisfaction status dueRank dueAt ratedAt ratedDate'

type Lean = Pick<WorkOrderDoc, '_id' | 'hallId' | 'serviceId' | 'regionCode' | 'regionScopes' | 'revisit' | 'status' | 'dueRank' | 'dueAt' | 'ratedAt' | 'ratedDate'>

function rowOf(o: Lean): OrderRow {
  return {
    id: o._id.toString(),
    hallId: o.hallId?.toString(),
    serviceId: o.serviceId.toString(),
    regionCode: o.regionCode,
    regionScopes: o.regionScopes ?? [],
    satisfaction: o.revisit?.satisfaction ?? undefined,
    status: o.status,
    dueRank: o.dueRank ?? 0,
    dueAt: o.dueAt ? o.dueAt.getTime() : undefined,
    ratedAt: o.ratedAt.getTime(),
    ratedDate: o.ratedDate,
  }
}

const monthOf = (date: string) => date.slice(0, 7)

function datesOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number)
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`)
}

interface Month {
  version: string | null
  loadedAt: number
  rows: OrderRow[]
}

async function readVersions(): Promise<Map<string, string>> {
  // a handful of documents (one per month with writes), read whole: on MongoDB the `_id` prefix uses its index
  const docs = await DataVersion.find({ _id: { $regex: `^${VERSION_PREFIX}` } }, 'version').lean<{ _id: string; version: string }[]>()
  return new Map(docs.map((d) => [d._id.slice(VERSION_PREFIX.length), d.version]))
}

async function loadMonth(month: string): Promise<OrderRow[]> {
  return (await findOnDates<Lean>(WorkOrder, 'ratedDate', datesOfMonth(month), {}, FIELDS)).map(rowOf)
}

class OrderIndex {
  private months?: Map<string, Month>
  private loading?: Promise<Map<string, Month>>
  private reloading = new Map<string, { version: string | null; done: Promise<void> }>()
  private flat?: { parts: OrderRow[][]; rows: OrderRow[] }

  /** Every order's row, current as of the version documents read now. */
  async rows(): Promise<OrderRow[]> {
    const versions = await readVersions()
    const months = await this.loaded(versions)
    const stale: Promise<void>[] = []
    for (const [month, version] of versions) {
      const have = months.get(month)
      if (!have || have.version !== version) stale.push(this.reload(months, month, version))
    }
    await Promise.all(stale)
    const at = Date.now()
    for (const [month, m] of months) {
      if (at - m.loadedAt > MONTH_TTL_MS && !this.reloading.has(month)) {
        this.reload(months, month, m.version).catch((err: unknown) => logger.warn({ err, month }, 'work order month reload failed'))
      }
    }
    // the same array while no month changed, so that callers may keep what they counted from it (by identity)
    const parts = [...months.values()].map((m) => m.rows)
    if (!this.flat || this.flat.parts.length !== parts.length || this.flat.parts.some((p, i) => p !== parts[i])) {
      this.flat = { parts, rows: parts.flat() }
    }
    return this.flat.rows
  }

  /** Forgets everything (tests that rewrite the database underneath). */
  reset(): void {
    this.months = undefined
    this.flat = undefined
    this.loading = undefined
    this.reloading.clear()
  }

  private async loaded(versions: Map<string, string>): Promise<Map<string, Month>> {
    if (this.months) return this.months
    this.loading ??= (async () => {
      // the versions were read before the data: a write during this pass makes the next read load its month again
      const all = await WorkOrder.find({}, FIELDS).lean<Lean[]>()
      const months = new Map<string, Month>()
      const at = Date.now()
      for (const o of all) {
        const month = monthOf(o.ratedDate)
        let m = months.get(month)
        if (!m) months.set(month, (m = { version: versions.get(month) ?? null, loadedAt: at, rows: [] }))
        m.rows.push(rowOf(o))
      }
      this.months = months
      return months
    })().finally(() => {
      this.loading = undefined
    })
    return this.loading
  }

  /** Loads a month as of `version`; a load already running for that version is shared, one for an older one is waited for first. */
  private reload(months: Map<string, Month>, month: string, version: string | null): Promise<void> {
    const running = this.reloading.get(month)
    if (running?.version === version) return running.done
    const done = (running?.done.catch(() => undefined) ?? Promise.resolve())
      .then(() => loadMonth(month))
      .then((rows) => {
        months.set(month, { version, loadedAt: Date.now(), rows })
      })
      .finally(() => {
        if (this.reloading.get(month)?.done === done) this.reloading.delete(month)
      })
    this.reloading.set(month, { version, done })
    return done
  }
}

export const orderIndex = new OrderIndex()

/** Orders sort as lists show them: due first, earliest deadline first, then newest rating, then id. */
export function byDue(a: OrderRow, b: OrderRow): number {
  return (
    a.dueRank - b.dueRank ||
    (a.dueAt ?? -Infinity) - (b.dueAt ?? -Infinity) ||
    b.ratedAt - a.ratedAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
}
