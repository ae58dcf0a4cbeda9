import mongoose, { Schema } from 'mongoose'
import { addDays, instantOf, localDate } from '@xz/shared'
import { now } from '../../lib/clock'
import { isDuplicateKey } from '../../lib/errors'
import { logger } from '../../lib/logger'

/**
 * A region's counts of one day (ratings by level, bookings by state), computed by an aggregate over the day's
 * documents (hundreds per day in a city: seconds for a 92-day dashboard) and kept:
 *
 * - **yesterday and today** change all day: kept in the process for OPEN_DAY_TTL_MS, so the dashboard lags the desks by
 *   at most that;
 * - **earlier days** are over (a late default rating after a downtime is the exception): stored in `stats_days`,
 *   shared by every process and kept across restarts, and in the process. When a stored day is older than
 *   CLOSED_DAY_REFRESH_MS it is still answered at once and recomputed in the background (so a late change shows within
 *   about that), never making a dashboard wait again.
 */
export const OPEN_DAY_TTL_MS = Number(process.env.STATS_OPEN_DAY_TTL_MS ?? 30_000)
export const CLOSED_DAY_REFRESH_MS = 60 * 60_000

const statsDaySchema = new Schema(
  {
    _id: { type: String }, // `${kind}|${region}|${date}`
    rows: { type: [Schema.Types.Mixed], default: [] },
    computedAt: { type: Date, required: true },
  },
  { collection: 'stats_days', versionKey: false },
)
const StatsDay = mongoose.model('StatsDay', statsDaySchema)

interface Held {
  rows: unknown[]
  /** When the rows were computed (ms). */
  at: number
}

const memory = new Map<string, Held>()
const refreshing = new Map<string, Promise<unknown[]>>()
const MAX_HELD = 50_000

function hold(key: string, held: Held): void {
  if (memory.size > MAX_HELD) memory.clear()
  memory.set(key, held)
}

/** Computes a closed day and stores it (one computation per day and process at a time). */
function recompute(key: string, compute: () => Promise<unknown[]>): Promise<unknown[]> {
  let running = refreshing.get(key)
  if (!running) {
    running = (async () => {
      const rows = await compute()
      const computedAt = new Date()
      hold(key, { rows, at: computedAt.getTime() })
      try {
        await StatsDay.replaceOne({ _id: key }, { rows, computedAt }, { upsert: true })
      } catch (err) {
        // another process stored the same day at the same moment: either copy will do
        if (!isDuplicateKey(err)) throw err
      }
      return rows
    })().finally(() => refreshing.delete(key))
    refreshing.set(key, running)
  }
  return running
}

function refreshInBackground(key: string, compute: () => Promise<unknown[]>): void {
  if (refreshing.has(key)) return
  recompute(key, compute).catch((err: unknown) => logger.warn({ err, key }, 'statistics day not refreshed'))
}

/** The counts of `kind` for `region` on `date`, from the process, the shared store or `compute`. */
export async function dayCounts<T>(kind: string, region: string, date: string, compute: () => Promise<T[]>): Promise<T[]> {
  const key = `${kind}|${region}|${date}`
  const held = memory.get(key)
  if (date >= addDays(localDate(now()), -1)) {
    if (held && Date.now() - held.at < OPEN_DAY_TTL_MS) return held.rows as T[]
    const rows = await compute()
    hold(key, { rows, at: Date.now() })
    return rows
  }
  if (held) {
    if (Date.now() - held.at > CLOSED_DAY_REFRESH_MS) refreshInBackground(key, compute)
    return held.rows as T[]
  }
  const stored = await StatsDay.findById(key).lean<{ rows: T[]; computedAt: Date }>()
  // a day stored while it was still open (a clock set back in tests, a day computed just before midnight) is recomputed
  const closedAt = instantOf(addDays(date, 2), '00:00').getTime()
  if (stored && stored.computedAt.getTime() >= closedAt) {
    hold(key, { rows: stored.rows, at: stored.computedAt.getTime() })
    if (Date.now() - stored.computedAt.getTime() > CLOSED_DAY_REFRESH_MS) refreshInBackground(key, compute)
    return stored.rows
  }
  return (await recompute(key, compute)) as T[]
}

/** Forgets the process's copies (tests that change a closed day underneath). */
export function forgetDayCounts(): void {
  memory.clear()
}
