import ExcelJS from 'exceljs'
import {
  CITY_REGION_CODE,
  addDays,
  type MonthlyReport,
  type MonthlyReportRow,
  type TicketMetrics,
  type TicketMetricsQuery,
  type TicketMetricsRow,
} from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { invalidField } from '../../lib/errors'
import { findOnDates } from '../../lib/day-reads'
import { adminRegionOf } from '../../lib/scope'
import { Department, Region } from '../catalogue'
import { Ticket, TicketCategory } from './ticket.model'
import { perMille } from './tickets.rules'

/** The longest period one metrics request may cover (statistics read every ticket of the period). */
export const MAX_METRICS_DAYS = 366

const FLAGS = {
  accepted: '$mAccepted',
  dispatched: '$mDispatched',
  returns: '$returns',
  responded: '$mResponded',
  respondedOnTime: '$mRespondedOnTime',
  replied: '$mReplied',
  closed: '$mClosed',
  closedOnTime: '$mClosedOnTime',
  rated: '$mRated',
  satisfied: '$mSatisfied',
  reworked: '$mReworked',
} as const
type Counts = Record<keyof typeof FLAGS, number>

const GROUP_FIELD = { department: '$departmentId', category: '$categoryId', region: '$regionCode', month: '$month' } as const

/** Tickets of the administrator's region (a city code contains every county of it: same first 4 digits). */
function regionPrefix(region: string): string {
  return region.length === 6 && region.endsWith('00') ? region.slice(0, 4) : region
}

/**
 * Counts per group from 0/1 flags kept on each ticket (no `$cond`/`$avg` needed; every rate is computed afterwards
 * from the counts). The sums are made here over a projection of the period's tickets rather than by `$group`: the
 * embedded FerretDB v1.24 computes only the first accumulator of a `$group` correctly (observed: `{a: {$sum: '$x'},
 * b: {$sum: '$y'}}` gives b = 0), and a period's tickets are a bounded read for statistics.
 */
async function countsBy(groupBy: keyof typeof GROUP_FIELD, from: string, to: string, match: Record<string, unknown>): Promise<Map<string, Counts & { returnedHere: number }>> {
  const field = GROUP_FIELD[groupBy].slice(1)
  const flagFields = Object.values(FLAGS).map((f) => f.slice(1))
  // month by month, through an equality on `month` (a `*_pushdown` index: searched in SQL on the embedded database,
  // where the period's date range would read every ticket ever submitted)
  const rows = await findOnDates<Record<string, unknown>>(Ticket, 'month', monthsOf(from, to), { date: { $gte: from, $lte: to }, ...match }, [field, 'returnedFrom', ...flagFields].join(' '))
  const empty = (): Counts & { returnedHere: number } => ({ ...(Object.fromEntries(Object.keys(FLAGS).map((k) => [k, 0])) as Counts), returnedHere: 0 })
  const out = new Map<string, Counts & { returnedHere: number }>()
  for (const r of rows) {
    const key = r[field]
    if (key !== null && key !== undefined) {
      const c = out.get(String(key)) ?? empty()
      for (const [k, f] of Object.entries(FLAGS)) c[k as keyof Counts] += Number(r[f.slice(1)] ?? 0)
      out.set(String(key), c)
    }
    // 退单 belong to the department that returned the ticket, wherever it ended up
    if (groupBy === 'department') {
      for (const d of (r.returnedFrom as string[] | undefined) ?? []) {
        const c = out.get(d) ?? empty()
        c.returnedHere++
        out.set(d, c)
      }
    }
  }
  return out
}

function rowOf(key: string, label: string, c: Counts & { returnedHere: number }, byDepartment: boolean): TicketMetricsRow {
  const returned = byDepartment ? c.returnedHere : c.returns
  const dispatches = c.dispatched + returned
  return {
    key,
    label,
    accepted: c.accepted,
    dispatches,
    responded: c.responded,
    respondedOnTime: c.respondedOnTime,
    replied: c.replied,
    closed: c.closed,
    closedOnTime: c.closedOnTime,
    rated: c.rated,
    satisfied: c.satisfied,
    reworked: c.reworked,
    returned,
    onTimeResponseRate: perMille(c.respondedOnTime, c.responded),
    closeRate: perMille(c.closed, c.accepted),
    onTimeCloseRate: perMille(c.closedOnTime, c.closed),
    satisfactionRate: perMille(c.satisfied, c.rated),
    revisitRate: perMille(c.rated, c.replied),
    reworkRate: perMille(c.reworked, c.replied),
    returnRate: perMille(returned, dispatches),
  }
}

async function labelsOf(groupBy: keyof typeof GROUP_FIELD, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0 || groupBy === 'month') return new Map(keys.map((k) => [k, k]))
  if (groupBy === 'department') return new Map((await Department.find({ _id: { $in: keys } }).select('name').lean()).map((d) => [d._id.toString(), d.name]))
  if (groupBy === 'category') return new Map((await TicketCategory.find({ _id: { $in: keys } }).select('name').lean()).map((d) => [d._id.toString(), d.name]))
  return new Map((await Region.find({ _id: { $in: keys } }).select('name').lean()).map((r) => [String(r._id), r.name]))
}

/** Metrics of SPEC §2.8 for the tickets submitted in [from, to] in the administrator's region. */
export async function ticketMetrics(auth: AuthContext, q: TicketMetricsQuery): Promise<TicketMetrics> {
  if (q.to < q.from) throw invalidField('to', '结束日期不能早于开始日期')
  if (addDays(q.from, MAX_METRICS_DAYS) <= q.to) throw invalidField('to', `统计范围不能超过 ${MAX_METRICS_DAYS} 天`)
  const region = adminRegionOf(auth)
  const counts = await countsBy(q.groupBy, q.from, q.to, { regionCode: { $regex: `^${regionPrefix(region)}` } })
  const labels = await labelsOf(q.groupBy, [...counts.keys()])
  const rows = [...counts.entries()]
    .map(([key, c]) => rowOf(key, labels.get(key) ?? key, c, q.groupBy === 'department'))
    .sort((a, b) => b.accepted - a.accepted || a.key.localeCompare(b.key))
  return { groupBy: q.groupBy, from: q.from, to: q.to, rows }
}

/**
 * 月通报 score (0–100, one decimal): 40 % 按时办结率 + 40 % 满意率 + 20 % 按时响应率, a missing rate counting as 0;
 * ranked by score, then by 受理量.
 */
export function scoreOf(r: TicketMetricsRow): number {
  const v = (x: number | null) => x ?? 0
  return Math.round((4 * v(r.onTimeCloseRate) + 4 * v(r.satisfactionRate) + 2 * v(r.onTimeResponseRate)) / 10) / 10
}

export function rankRows(rows: TicketMetricsRow[]): MonthlyReportRow[] {
  const scored = rows.map((r) => ({ ...r, score: scoreOf(r), rank: 0 }))
  scored.sort((a, b) => b.score - a.score || b.accepted - a.accepted || a.label.localeCompare(b.label))
  scored.forEach((r, i) => {
    const prev = scored[i - 1]
    r.rank = prev && prev.score === r.score && prev.accepted === r.accepted ? prev.rank : i + 1
  })
  return scored
}

/** The months ('YYYY-MM') that days from..to (local dates) fall in, oldest first. */
function monthsOf(from: string, to: string): string[] {
  const months: string[] = []
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addDays(lastDayOf(m), 1).slice(0, 7)) months.push(m)
  return months
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number)
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
  return addDays(next, -1)
}

export async function monthlyReport(auth: AuthContext, month: string): Promise<MonthlyReport> {
  const m = await ticketMetrics(auth, { groupBy: 'department', from: `${month}-01`, to: lastDayOf(month) })
  return { month, rows: rankRows(m.rows.filter((r) => r.accepted > 0 || r.dispatches > 0)) }
}

const pct = (x: number | null) => (x === null ? '—' : `${(x / 10).toFixed(1)}%`)

export const REPORT_COLUMNS: { header: string; value: (r: MonthlyReportRow) => string | number }[] = [
  { header: '排名', value: (r) => r.rank },
  { header: '承办部门', value: (r) => r.label },
  { header: '综合得分', value: (r) => r.score },
  { header: '受理量', value: (r) => r.accepted },
  { header: '派单次数', value: (r) => r.dispatches },
  { header: '按时响应率', value: (r) => pct(r.onTimeResponseRate) },
  { header: '办结量', value: (r) => r.closed },
  { header: '办结率', value: (r) => pct(r.closeRate) },
  { header: '按时办结率', value: (r) => pct(r.onTimeCloseRate) },
  { header: '满意率', value: (r) => pct(r.satisfactionRate) },
  { header: '回访率', value: (r) => pct(r.revisitRate) },
  { header: '重办率', value: (r) => pct(r.reworkRate) },
  { header: '退单率', value: (r) => pct(r.returnRate) },
]

const csvCell = (v: string | number) => {
  const s = String(v)
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** CSV with a BOM (so that Excel opens the Chinese text as UTF-8). */
export function reportCsv(report: MonthlyReport): string {
  const lines = [REPORT_COLUMNS.map((c) => c.header), ...report.rows.map((r) => REPORT_COLUMNS.map((c) => c.value(r)))]
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

export async function reportXlsx(report: MonthlyReport, regionName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '忻州政务·无忧办'
  const ws = wb.addWorksheet(`${report.month} 月通报`)
  ws.addRow([`${regionName} 12345 政务服务便民热线诉求办理情况月通报（${report.month}）`])
  ws.mergeCells(1, 1, 1, REPORT_COLUMNS.length)
  ws.getRow(1).font = { bold: true, size: 14 }
  ws.addRow(REPORT_COLUMNS.map((c) => c.header)).font = { bold: true }
  for (const r of report.rows) ws.addRow(REPORT_COLUMNS.map((c) => c.value(r)))
  ws.columns.forEach((col, i) => {
    col.width = i === 1 ? 30 : 12
  })
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export async function regionNameOf(auth: AuthContext): Promise<string> {
  const code = adminRegionOf(auth)
  const r = await Region.findById(code).select('name').lean()
  return r?.name ?? (code === CITY_REGION_CODE ? '忻州市' : code)
}
