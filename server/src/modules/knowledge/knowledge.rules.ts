import { addDays, instantOf, localDate } from '@xz/shared'

/** The same day one month later (clamped to the month's last day): 01-31 → 02-28. */
export function oneMonthAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  const ny = m === 12 ? y + 1 : y
  const nm = m === 12 ? 1 : m + 1
  const month = `${ny}-${String(nm).padStart(2, '0')}`
  const last = Number(monthBounds(month).last.slice(8))
  return `${month}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/** 按月更新: an entry is due for review one month after its last review (from the start of that day). */
export function reviewDueAt(reviewedAt: Date): Date {
  return instantOf(oneMonthAfter(localDate(reviewedAt)))
}

export function isReviewDue(reviewedAt: Date, at: Date): boolean {
  return at.getTime() >= reviewDueAt(reviewedAt).getTime()
}

export function isExpired(validTo: string | null | undefined, at: Date): boolean {
  return Boolean(validTo && validTo < localDate(at))
}

export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number)
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
  return { first: `${month}-01`, last: addDays(next, -1) }
}
