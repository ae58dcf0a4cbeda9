import { formatTicketNo } from '@xz/shared'
import { AppError, isDuplicateKey } from '../../lib/errors'
import { Ticket } from './ticket.model'

/**
 * Per-day hints of this process: the next number it has not tried yet, and numbers it tried but whose insert failed
 * for another reason than "taken" (handed out again first, so that the day keeps no gap).
 */
const hints = new Map<string, { next: number; freed: number[] }>()

const exists = async (date: string, n: number) => Boolean(await Ticket.exists({ _id: formatTicketNo(date, n) }))

/**
 * The smallest free number of a day, at least `from`. Numbers are a gap-free prefix 1..k, so an exponential then a
 * binary search over `_id` lookups finds k + 1 in O(log k) reads (no scan of the tickets).
 */
async function firstFree(date: string, from: number): Promise<number> {
  if (!(await exists(date, from))) return from
  let lo = from
  let step = 1
  let hi = from + step
  while (await exists(date, hi)) {
    lo = hi
    step *= 2
    hi = from + step
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (await exists(date, mid)) lo = mid
    else hi = mid
  }
  return hi
}

async function take(date: string): Promise<number> {
  let h = hints.get(date)
  if (!h) {
    const next = await firstFree(date, 1)
    h = hints.get(date) ?? { next, freed: [] }
    hints.set(date, h)
  }
  if (h.freed.length) {
    h.freed.sort((a, b) => a - b)
    return h.freed.shift()!
  }
  return h.next++
}

const MAX_ATTEMPTS = 200

/**
 * Inserts a ticket under the next number of the day: the insert is the claim (unique `_id`). Within a process the
 * numbers are handed out in order without collisions; another process holding a number shows up as 11000, and the
 * search moves past it.
 */
export async function insertWithNumber<T>(date: string, build: (id: string) => T): Promise<string> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const n = await take(date)
    const id = formatTicketNo(date, n)
    try {
      await Ticket.create(build(id))
      return id
    } catch (err) {
      const h = hints.get(date)!
      if (!isDuplicateKey(err)) {
        h.freed.push(n)
        throw err
      }
      h.next = Math.max(h.next, await firstFree(date, n + 1))
    }
  }
  throw new AppError('CONFLICT', '诉求编号分配繁忙，请稍后重试')
}

/** Test hook: forget the hints (as a fresh process would). */
export function forgetTicketNumberHints(): void {
  hints.clear()
}
