import { workingDaysBetween, type DayTypeLookup, type PolicyReportRow } from '@xz/shared'

/** What the 月通报 of one department reads (all pure data, filtered to the department and region beforehand). */
export interface ReportInput {
  month: string
  /** min(last day of the month, today): the day the month's figures are taken on. */
  asOf: string
  policies: { id: string; publishedMonth?: string; eligibleEnterprises: string[] }[]
  notices: { month: string }[]
  applications: {
    mode: string
    appliedDate: string
    dueDate?: string | null
    grantedDate?: string | null
    amountFen?: number | null
    rejectedDate?: string | null
  }[]
}

export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { first: `${month}-01`, last: `${month}-${String(last).padStart(2, '0')}` }
}

const inMonth = (date: string | null | undefined, month: string) => Boolean(date) && date!.slice(0, 7) === month

/**
 * One department's figures for a month:
 * - policiesPublished: first published in the month; enterprisesMatched: distinct enterprises eligible (on `asOf`) for
 *   any of them; notified: policy notices sent in the month;
 * - applied: 快申快享 applications made in the month; granted / grantedFen: 兑现 in the month (both modes);
 * - avgWorkingDaysToGrant: working days 申报 → 兑现 over the month's 快申快享 兑现, one decimal;
 * - overdue: 快申快享 applications whose deadline passed before `asOf` without being closed by it, and that were not
 *   already closed before the month began.
 */
export function reportRow(input: ReportInput, dayType: DayTypeLookup): Omit<PolicyReportRow, 'departmentId' | 'departmentName'> {
  const { month, asOf } = input
  const published = input.policies.filter((p) => p.publishedMonth === month)
  const matched = new Set(published.flatMap((p) => p.eligibleEnterprises))
  const granted = input.applications.filter((a) => inMonth(a.grantedDate, month))
  const timed = granted.filter((a) => a.mode === 'apply').map((a) => workingDaysBetween(a.appliedDate, a.grantedDate!, dayType))
  const { first } = monthBounds(month)
  const overdue = input.applications.filter((a) => {
    if (a.mode !== 'apply' || !a.dueDate || !(a.dueDate < asOf)) return false
    const closed = a.grantedDate ?? a.rejectedDate ?? undefined
    if (closed && closed <= a.dueDate) return false
    return !closed || closed >= first
  })
  return {
    policiesPublished: published.length,
    enterprisesMatched: matched.size,
    notified: input.notices.filter((n) => n.month === month).length,
    applied: input.applications.filter((a) => a.mode === 'apply' && inMonth(a.appliedDate, month)).length,
    granted: granted.length,
    grantedFen: granted.reduce((s, a) => s + (a.amountFen ?? 0), 0),
    avgWorkingDaysToGrant: timed.length ? Math.round((timed.reduce((s, d) => s + d, 0) / timed.length) * 10) / 10 : null,
    overdue: overdue.length,
  }
}
