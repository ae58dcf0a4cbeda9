import { addDays, type ProjectDetail, type ProjectItemView } from '@xz/shared'
import { ApiError } from '@/api/request'
import { errorMessage } from '@/api/errors'

/** 总投资 in 万元 → '8500万元' / '3.2亿元'. */
export function investmentLabel(wan: number): string {
  if (wan >= 10_000) {
    const yi = wan / 10_000
    return `${Number.isInteger(yi) ? yi : yi.toFixed(2).replace(/0+$/, '')}亿元`
  }
  return `${wan}万元`
}

/** '2026-12-06' → '12月6日' (with the year when it is not `thisYear`). */
export function dayLabel(date: string | undefined, thisYear?: string): string {
  if (!date) return ''
  const [y, m, d] = date.split('-')
  const short = `${Number(m)}月${Number(d)}日`
  return thisYear && y !== thisYear.slice(0, 4) ? `${y}年${short}` : short
}

/** '2026-12-06' → '2026年12月6日' */
export function fullDate(date: string | undefined): string {
  if (!date) return ''
  const [y, m, d] = date.split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}

/** An ISO instant → 'YYYY-MM-DD HH:mm' (Asia/Shanghai). */
export function instantLabel(iso: string | undefined): string {
  if (!iso) return ''
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return iso
  const local = new Date(t.getTime() + 8 * 3_600_000).toISOString()
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`
}

/** Calendar days from `from` to `to` (both 'YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** An open item whose promised end is within three days: shown in amber before it turns late. */
export function dueSoon(item: ProjectItemView, asOf: string): boolean {
  if (item.late || item.status === 'done' || item.status === 'paused') return false
  if (item.status !== 'in_progress' && !item.ready) return false
  const left = daysBetween(asOf, item.plannedEnd)
  return left >= 0 && left <= 3
}

export type ItemTone = 'late' | 'soon' | 'paused' | 'done' | 'in_progress' | 'idle'

export function itemTone(item: ProjectItemView, asOf: string): ItemTone {
  if (item.late) return 'late'
  if (item.status === 'done') return 'done'
  if (item.status === 'paused') return 'paused'
  if (dueSoon(item, asOf)) return 'soon'
  return item.status === 'in_progress' ? 'in_progress' : 'idle'
}

/** What to do next: items in progress or ready to start, the earliest promised end first. */
export function nextItems(p: ProjectDetail): ProjectItemView[] {
  return p.items
    .filter((i) => i.status === 'in_progress' || (i.status === 'not_started' && i.ready))
    .sort((a, b) => a.plannedEnd.localeCompare(b.plannedEnd))
}

/** Late items, most late first. */
export function lateItems(p: ProjectDetail): ProjectItemView[] {
  return p.items.filter((i) => i.late).sort((a, b) => b.lateWorkingDays - a.lateWorkingDays)
}

/** Items that are about to be late. */
export function soonItems(p: ProjectDetail): ProjectItemView[] {
  return p.items.filter((i) => dueSoon(i, p.asOf))
}

/** Commitments (告知承诺制) not verified in time. */
export function overdueCommitmentItems(p: ProjectDetail): ProjectItemView[] {
  return p.items.filter((i) => i.commitment?.overdue)
}

export function progressPercent(done: number, total: number): number {
  return total > 0 ? Math.round((done / total) * 100) : 0
}

export function itemNames(p: Pick<ProjectDetail, 'items'>, keys: readonly string[]): string {
  const names = new Map(p.items.map((i) => [i.key, i.name]))
  return keys.map((k) => names.get(k) ?? k).join('、')
}

/** Today plus `n` days, for default form dates. */
export function shiftDate(date: string, n: number): string {
  return addDays(date, n)
}

/**
 * The server's field messages of a VALIDATION_FAILED answer by their full dotted path ('enterprise.creditCode',
 * 'items.3.promisedDays'), plus the message for the whole form under '' (the server's own reason for a rule
 * violation or a conflict; the shared table for network and server failures).
 */
export function formErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (err instanceof ApiError) {
    // a rule violation about one field: {details: {field: 'on'}}
    const field = (err.details as { field?: unknown } | undefined)?.field
    if (typeof field === 'string' && field) out[field] = err.message
    const issues = (err.details as { issues?: { path?: unknown; message?: unknown }[] } | undefined)?.issues
    if (Array.isArray(issues)) {
      for (const issue of issues) {
        const path = Array.isArray(issue.path) ? issue.path.join('.') : typeof issue.path === 'string' ? issue.path : ''
        if (typeof issue.message === 'string' && !out[path]) out[path] = issue.message
      }
    }
  }
  if (!out['']) out[''] = errorMessage(err)
  return out
}

/** The message for one field: its own path, or the first issue under it ('items.3' covers 'items.3.name'). */
export function fieldError(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path]
  const nested = Object.keys(errors).find((k) => k.startsWith(`${path}.`))
  return nested ? errors[nested] : undefined
}
