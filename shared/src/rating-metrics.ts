import { RATING_LEVELS } from './enums'
import type { RatingSummary } from './schemas/catalogue'
import { isGoodRating, type RatingMetrics } from './schemas/ratings'

/**
 * 好差评 figures from plain counts (SPEC §2.7): the embedded database has no $avg/$cond, so every ratio is made
 * here from `$sum: 1` counts. Used by the ratings (an item's or a point's summary) and the statistics.
 */
export type LevelCounts = Record<'1' | '2' | '3' | '4' | '5', number>

export const emptyLevels = (): LevelCounts => ({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 })

/** n / d rounded to 4 places; null when there is nothing to divide by. */
export function rateOf(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n / d) * 10000) / 10000
}

/** The counts the figures of one group are made of (each a `$sum: 1` over a grouping by value). */
export interface RatingCounts {
  /** Every rating per level, defaults included. */
  levels: LevelCounts
  /** Default ratings (recorded by the system) per level. */
  defaultLevels: LevelCounts
  /** Served bookings in the period, and those of them with a rating actually given (not a default). */
  served: number
  activelyRatedServed: number
  /** 差评 with a reply from the point, with a follow-up by the rater, and follow-ups 满意 or 基本满意. */
  replied: number
  revisited: number
  revisitSatisfied: number
}

export function emptyCounts(): RatingCounts {
  return { levels: emptyLevels(), defaultLevels: emptyLevels(), served: 0, activelyRatedServed: 0, replied: 0, revisited: 0, revisitSatisfied: 0 }
}

export function addCounts(a: RatingCounts, b: RatingCounts): RatingCounts {
  const sumLevels = (x: LevelCounts, y: LevelCounts) =>
    Object.fromEntries(Object.keys(x).map((k) => [k, x[k as keyof LevelCounts] + y[k as keyof LevelCounts]])) as LevelCounts
  return {
    levels: sumLevels(a.levels, b.levels),
    defaultLevels: sumLevels(a.defaultLevels, b.defaultLevels),
    served: a.served + b.served,
    activelyRatedServed: a.activelyRatedServed + b.activelyRatedServed,
    replied: a.replied + b.replied,
    revisited: a.revisited + b.revisited,
    revisitSatisfied: a.revisitSatisfied + b.revisitSatisfied,
  }
}

const sumOf = (levels: LevelCounts, keep: (level: number) => boolean = () => true) =>
  RATING_LEVELS.filter(keep).reduce((s, l) => s + levels[String(l) as keyof LevelCounts], 0)

/** Average level from counts (the embedded database has no $avg): Σ level × n / Σ n, 2 places. */
export function averageLevel(levels: LevelCounts): number | null {
  const total = sumOf(levels)
  if (total === 0) return null
  const weighted = RATING_LEVELS.reduce((s, l) => s + l * levels[String(l) as keyof LevelCounts], 0)
  return Math.round((weighted / total) * 100) / 100
}

/** The 好差评 figures of a group (SPEC §2.7): every ratio from plain counts. */
export function ratingMetrics(c: RatingCounts): RatingMetrics {
  const total = sumOf(c.levels)
  const defaults = sumOf(c.defaultLevels)
  const good = sumOf(c.levels, isGoodRating)
  const active = total - defaults
  const activeGood = good - sumOf(c.defaultLevels, isGoodRating)
  const bad = total - good
  const unrated = Math.max(0, c.served - c.activelyRatedServed)
  return {
    levels: { ...c.levels },
    total,
    defaults,
    good,
    goodRate: rateOf(good, total),
    active,
    activeGood,
    activeGoodRate: rateOf(activeGood, active),
    served: c.served,
    unrated,
    unratedRate: rateOf(unrated, c.served),
    bad,
    replied: c.replied,
    replyRate: rateOf(c.replied, bad),
    revisited: c.revisited,
    revisitRate: rateOf(c.revisited, bad),
    revisitSatisfied: c.revisitSatisfied,
    revisitSatisfactionRate: rateOf(c.revisitSatisfied, c.revisited),
    average: averageLevel(c.levels),
  }
}

/** The rating summary of an item or a point (every rating, defaults included). */
export function ratingSummary(levels: LevelCounts): RatingSummary {
  const count = sumOf(levels)
  return { count, goodRate: rateOf(sumOf(levels, isGoodRating), count), average: averageLevel(levels), levels: { ...levels } }
}
