import type { HolidayScheduleInput } from './schemas/holidays'
import { dateRange, daysBetween, isValidDate, weekday } from './time'

/**
 * Pure rules of a published holiday schedule (SPEC §2.12): the text/CSV paste format administrators import,
 * the checks both the form and the import go through, and the expansion into single days. Runs in the
 * mini-program (preview) and on the server (authoritative).
 */
export interface ScheduleIssue {
  /** `holidays.0.to`, `workdays.1.date` for the form; `line3.from` for the pasted text. */
  path: string
  message: string
}

export const MAX_HOLIDAY_RANGE_DAYS = 15
export const MAKEUP_WORKDAY_NAME = '调休上班'

const HOLIDAY_WORDS = new Set(['假期', '放假', '休', 'holiday'])
const WORKDAY_WORDS = new Set(['上班', '调休上班', '班', 'workday'])

/** Accepts 2027-2-5, 2027/02/05 and 2027.2.5 as well as 2027-02-05 (as a notice is typed); undefined when not a date. */
export function normalizeDate(raw: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw.trim())
  if (!m) return undefined
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`
  return isValidDate(date) ? date : undefined
}

/**
 * Parses the paste format, one entry a line (comma, Chinese comma or tab between the columns):
 *   假期,春节,2027-02-05,2027-02-11   (a holiday range; the end date may be left out for one day)
 *   上班,春节,2027-02-14              (a 调休上班 day)
 * Blank lines, lines starting with `#` and a header line starting with 类型 are ignored.
 */
export function parseHolidayScheduleText(
  text: string,
): { ok: true; schedule: HolidayScheduleInput; lines: ScheduleLines } | { ok: false; issues: ScheduleIssue[] } {
  const issues: ScheduleIssue[] = []
  const schedule: HolidayScheduleInput = { holidays: [], workdays: [] }
  const lines: ScheduleLines = { holidays: [], workdays: [] }
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim()
    const n = i + 1
    if (!line || line.startsWith('#')) return
    const cols = line.split(/[,，\t]/).map((c) => c.trim())
    const kind = cols[0] ?? ''
    if (kind === '类型' || kind.toLowerCase() === 'type') return
    const at = (field: string, message: string) => issues.push({ path: `line${n}.${field}`, message: `第 ${n} 行${message}` })
    const name = cols[1] ?? ''
    if (name.length < 2 || name.length > 20) at('name', '：名称应为 2–20 个字')
    if (HOLIDAY_WORDS.has(kind.toLowerCase())) {
      if (cols.length > 4) return at('columns', '：列数过多（类型,名称,开始日期,结束日期）')
      const from = normalizeDate(cols[2] ?? '')
      const to = cols[3] ? normalizeDate(cols[3]) : from
      if (!from) return at('from', `：开始日期“${cols[2] ?? ''}”无效，应为 YYYY-MM-DD`)
      if (!to) return at('to', `：结束日期“${cols[3] ?? ''}”无效，应为 YYYY-MM-DD`)
      schedule.holidays.push({ name, from, to })
      lines.holidays.push(n)
    } else if (WORKDAY_WORDS.has(kind.toLowerCase())) {
      if (cols.length > 3) return at('columns', '：列数过多（上班,名称,日期）')
      const date = normalizeDate(cols[2] ?? '')
      if (!date) return at('date', `：日期“${cols[2] ?? ''}”无效，应为 YYYY-MM-DD`)
      schedule.workdays.push({ date, name })
      lines.workdays.push(n)
    } else {
      at('type', `：类型“${kind}”应为“假期”或“上班”`)
    }
  })
  if (issues.length) return { ok: false, issues }
  if (schedule.holidays.length === 0) return { ok: false, issues: [{ path: 'text', message: '没有找到任何假期行' }] }
  return { ok: true, schedule, lines }
}

/** Line numbers of the parsed entries, to name the line of a rule violation found after parsing. */
export interface ScheduleLines {
  holidays: number[]
  workdays: number[]
}

/** Rewrites `holidays.2.to` into `line5.to` (with "第 5 行" in the message) for issues of a pasted schedule. */
export function issuesOnLines(issues: ScheduleIssue[], lines: ScheduleLines): ScheduleIssue[] {
  return issues.map((i) => {
    const m = /^(holidays|workdays)\.(\d+)\.(\w+)$/.exec(i.path)
    const n = m ? lines[m[1] as keyof ScheduleLines][Number(m[2])] : undefined
    return n === undefined ? i : { path: `line${n}.${m![3]}`, message: `第 ${n} 行：${i.message}` }
  })
}

/**
 * Checks a schedule for `year`: dates near the year (元旦 ranges may start in late December of the year before),
 * ranges forward and at most 15 days, no date twice, 调休上班 days on a weekend.
 */
export function checkHolidaySchedule(year: number, s: HolidayScheduleInput): ScheduleIssue[] {
  const issues: ScheduleIssue[] = []
  const first = `${year - 1}-12-01`
  const last = `${year}-12-31`
  const seen = new Map<string, string>()
  const inYear = (d: string) => d >= first && d <= last
  const claim = (date: string, path: string) => {
    const prev = seen.get(date)
    if (prev) issues.push({ path, message: `${date} 重复（已在 ${prev}）` })
    else seen.set(date, path)
  }
  s.holidays.forEach((h, i) => {
    const p = `holidays.${i}`
    if (!inYear(h.from)) return issues.push({ path: `${p}.from`, message: `${h.from} 不属于 ${year} 年的安排` })
    if (!inYear(h.to)) return issues.push({ path: `${p}.to`, message: `${h.to} 不属于 ${year} 年的安排` })
    if (h.to < h.from) return issues.push({ path: `${p}.to`, message: '结束日期不能早于开始日期' })
    if (daysBetween(h.from, h.to) >= MAX_HOLIDAY_RANGE_DAYS) {
      return issues.push({ path: `${p}.to`, message: `一段假期不能超过 ${MAX_HOLIDAY_RANGE_DAYS} 天` })
    }
    for (const d of dateRange(h.from, h.to)) claim(d, `${p}.from`)
  })
  s.workdays.forEach((w, i) => {
    const p = `workdays.${i}.date`
    if (!inYear(w.date)) return issues.push({ path: p, message: `${w.date} 不属于 ${year} 年的安排` })
    const wd = weekday(w.date)
    if (wd !== 0 && wd !== 6) return issues.push({ path: p, message: `${w.date} 不是周末，不需要调休上班` })
    claim(w.date, p)
  })
  return issues
}

/** The single days of a schedule (holiday ranges expanded; 调休 days named "<节日>调休上班"). */
export function expandHolidaySchedule(s: HolidayScheduleInput): {
  holidays: { date: string; name: string }[]
  workdays: { date: string; name: string }[]
} {
  const holidays = s.holidays.flatMap((h) => dateRange(h.from, h.to).map((date) => ({ date, name: h.name })))
  const workdays = s.workdays.map((w) => ({
    date: w.date,
    name: w.name ? (w.name.endsWith(MAKEUP_WORKDAY_NAME) ? w.name : `${w.name}${MAKEUP_WORKDAY_NAME}`) : MAKEUP_WORKDAY_NAME,
  }))
  return { holidays: holidays.sort(byDate), workdays: workdays.sort(byDate) }
}

const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)

/** The year after `date` (for the November notice). */
export const nextYearOf = (date: string) => Number(date.slice(0, 4)) + 1
