import mongoose, { Schema } from 'mongoose'
import { addDays, instantOf, localDate } from '@xz/shared'
import { now } from '../../lib/clock'
import { isDuplicateKey } from '../../lib/errors'
import { logger } from '../../lib/logger'

/**
 * A region's counts of one day (ratings by level, bookings by state), computed by an aggregate over the day's
 * documents (hundreds per day in a city: seconds for a 92-day dashboard) and kept:
 *
 * - **yesterday and today** change all day: recomputed when the value is older than OPEN_DAY_TTL_MS, in the
 *   background while it is younger than OPEN_DAY_MAX_AGE_MS (the dashboard answers at once, at most that old, and the
 *   next one is current), before answering otherwise;
 * - **earlier days** are over (a late default rating after a downtime is the exception): recomputed in the background
 *   after CLOSED_DAY_REFRESH_MS, so a late change shows within about that.
 *
 * Every day is stored in `stats_months`, one document per kind, region and month (`_id` `${kind}|${region}|YYYY-MM`,
 * a field per day), shared by every process and kept across restarts, and held in the process. A fresh process reads
 * a 92-day dashboard with 8 reads by `_id` (four months, two kinds) instead of 184, and aggregates nothing when
 * another process has computed the open days recently: no dashboard waits on an aggregate after the first.
 *
 * A day is written with `$set` of its own field. Two processes storing two days of one month at the same moment may
 * lose one of them on the embedded database (no atomic update); that day is then simply computed again later: the
 * store is a cache of the aggregates, never the record.
 */
export const OPEN_DAY_TTL_MS = Number(process.env.STATS_OPEN_DAY_TTL_MS ?? 30_000)
/** The oldest value of an open day that is still answered (while it is recomputed); older ones are waited for. */
export const OPEN_DAY_MAX_AGE_MS = 10 * 60_000
export const CLOSED_DAY_REFRESH_MS = 60 * 60_000
/** How long a month document read serves the reads that follow it (the days of one dashboard arrive together). */
const MONTH_READ_MS = 10_000

interface StoredDay {
  rows: unknown[]
  computedAt: Date
}
const statsMonthSchema = new Schema(
  {
    _id: { type: String }, // `${kind}|${region}|YYYY-MM`
    days: { type: Schema.Types.Mixed, default: {} }, // { 'YYYY-MM-DD': StoredDay }
  },
  { collection: 'stats_months', versionKey: false, minimize: false },
)
const StatsMonth = mongoose.model('StatsMonth', statsMonthSchema)

interface Held {
  rows: unknown[]
  /** When the rows were computed (ms). */
  at: number
}

const memory = new Map<string, Held>()
const refreshing = new Map<string, Promise<unknown[]>>()
const monthReads = new Map<string, { at: number; days: Promise<Record<string, StoredDay>> }>()
const MAX_HELD = 50_000

function hold(key: string, held: Held): void {
  if (memory.size > MAX_HELD) memory.clear()
  memory.set(key, held)
}

const monthKeyOf = (kind: string, region: string, date: string) => `${kind}|${region}|${date.slice(0, 7)}`

/** The stored days of a month (one read by `_id`, shared by the reads of the next MONTH_READ_MS). */
function storedMonth(monthKey: string): Promise<Record<string, StoredDay>> {
  const read = monthReads.get(monthKey)
  if (read && Date.now() - read.at < MONTH_READ_MS) return read.days
  const days = StatsMonth.findById(monthKey)
    .lean<{ days?: Record<string, StoredDay> }>()
    .then((doc) => doc?.days ?? {})
  const entry = { at: Date.now(), days }
  monthReads.set(monthKey, entry)
  // the days taken from it are held one by one: the whole month is not kept once its reads are over
  const forget = () => {
    if (monthReads.get(monthKey) === entry) monthReads.delete(monthKey)
  }
  days.then(() => setTimeout(forget, MONTH_READ_MS).unref(), forget)
  return days
}

/**
 * The days waiting to be written, per month: one write at a time per month document, carrying every day computed
 * meanwhile (a dashboard computes a month's days at once, and parallel `$set`s of one document lose updates on the
 * embedded database).
 */
const pendingDays = new Map<string, Record<string, StoredDay>>()
const monthWrites = new Map<string, Promise<void>>()

function store(monthKey: string, date: string, day: StoredDay): Promise<void> {
  pendingDays.set(monthKey, { ...pendingDays.get(monthKey), [date]: day })
  const previous = monthWrites.get(monthKey) ?? Promise.resolve()
  const next = previous.then(async () => {
    const days = pendingDays.get(monthKey)
    if (!days) return // written by the write before
    pendingDays.delete(monthKey)
    const $set = Object.fromEntries(Object.entries(days).map(([d, v]) => [`days.${d}`, v]))
    const write = () => StatsMonth.updateOne({ _id: monthKey }, { $set }, { upsert: true })
    try {
      await write()
    } catch (err) {
      // another process created the month's document at the same moment: it exists now
      if (!isDuplicateKey(err)) throw err
      await write()
    }
  })
  const settled = next.catch(() => undefined)
  monthWrites.set(monthKey, settled)
  void settled.then(() => {
    if (monthWrites.get(monthKey) === settled) monthWrites.delete(monthKey)
  })
  return next
}

/** Computes a day and stores it (one computation per day and process at a time). */
function recompute(key: string, monthKey: string, date: string, compute: () => Promise<unknown[]>): Promise<unknown[]> {
  let running = refreshing.get(key)
  if (!running) {
    running = (async () => {
      const rows = await compute()
      const computedAt = new Date()
      hold(key, { rows, at: computedAt.getTime() })
      await store(monthKey, date, { rows, computedAt })
      return rows
    })().finally(() => refreshing.delete(key))
    refreshing.set(key, running)
  }
  return running
}

/** The counts of `kind` for `region` on `date`, from the process, the shared store or `compute`. */
export async function dayCounts<T>(kind: string, region: string, date: string, compute: () => Promise<T[]>): Promise<T[]> {
  const key = `${kind}|${region}|${date}`
  const monthKey = monthKeyOf(kind, region, date)
  const open = date >= addDays(localDate(now()), -1)
  // how long a value serves before it is recomputed (in the background), and up to what age it is answered at all
  const refreshAfter = open ? OPEN_DAY_TTL_MS : CLOSED_DAY_REFRESH_MS
  const answerUpTo = open ? OPEN_DAY_MAX_AGE_MS : Infinity
  const answer = (rows: unknown[], at: number): T[] => {
    if (Date.now() - at > refreshAfter && !refreshing.has(key)) {
      recompute(key, monthKey, date, compute).catch((err: unknown) => logger.warn({ err, key }, 'statistics day not refreshed'))
    }
    return rows as T[]
  }
  const held = memory.get(key)
  if (held) {
    if (Date.now() - held.at < answerUpTo) return answer(held.rows, held.at)
  } else {
    const stored = (await storedMonth(monthKey))[date]
    const computedAt = stored ? new Date(stored.computedAt).getTime() : 0
    // a closed day stored while it was still open (a clock set back in tests, a day computed just before midnight)
    // is computed again
    const closedAt = instantOf(addDays(date, 2), '00:00').getTime()
    if (stored && (open || computedAt >= closedAt) && Date.now() - computedAt < answerUpTo) {
      hold(key, { rows: stored.rows, at: computedAt })
      return answer(stored.rows, computedAt)
    }
  }
  return (await recompute(key, monthKey, date, compute)) as T[]
}

/** Forgets the process's copies (tests that change a closed day underneath). */
export function forgetDayCounts(): void {
  memory.clear()
  monthReads.clear()
}
