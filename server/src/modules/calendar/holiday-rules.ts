import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days'
import { addDays, HOLIDAY_YEAR_MAX, HOLIDAY_YEAR_MIN } from '@xz/shared'

/**
 * The statutory holidays of a year by rule (全国年节及纪念日放假办法 as in force from 2025-01-01, SPEC §2.12):
 * 元旦 1 day, 春节 4 days (除夕 + 初一–初三), 清明 1 day (the solar term), 劳动节 5/1–5/2, 端午 1 day (lunar 5/5),
 * 中秋 1 day (lunar 8/15), 国庆 10/1–10/3 — 13 days. 调休 swaps are never guessed.
 *
 * Lunar library: `chinese-days` (already the source of the official schedule). Compared with `lunar-javascript`
 * (≈ 1 MB unpacked, one large untyped file), `lunar-typescript` (same code ported, ≈ 1 MB) and `tyme4ts` (well kept,
 * but a second calendar model to learn), chinese-days is updated every November with the State Council notice, is
 * typed, has the lunar↔solar conversion and the 24 solar terms for 1900–2100 that we need, and costs no new
 * dependency. It stays on the server: the mini-program reads day types from the API, so nothing lunar is bundled.
 */
export interface StatutoryDay {
  date: string
  /** Same names as the official data (元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆节). */
  name: string
}

const cache = new Map<number, StatutoryDay[]>()

export function statutoryHolidays(year: number): StatutoryDay[] {
  if (!Number.isInteger(year) || year < HOLIDAY_YEAR_MIN || year > HOLIDAY_YEAR_MAX) {
    throw new RangeError(`year must be ${HOLIDAY_YEAR_MIN}–${HOLIDAY_YEAR_MAX}`)
  }
  const hit = cache.get(year)
  if (hit) return hit
  const pad = (n: number) => String(n).padStart(2, '0')
  // the non-leap month of lunar year `year` (a 闰五月/闰八月 comes after the regular month)
  const lunar = (m: number, d: number) => getSolarDateFromLunar(`${year}-${pad(m)}-${pad(d)}`).date
  const newYear = lunar(1, 1)
  const days: StatutoryDay[] = [
    { date: `${year}-01-01`, name: '元旦' },
    { date: addDays(newYear, -1), name: '春节' }, // 除夕: the last day of the lunar year, whether 29th or 30th
    { date: newYear, name: '春节' },
    { date: addDays(newYear, 1), name: '春节' },
    { date: addDays(newYear, 2), name: '春节' },
    { date: getSolarTermDate(year, 4, 'pure_brightness'), name: '清明' },
    { date: `${year}-05-01`, name: '劳动节' },
    { date: `${year}-05-02`, name: '劳动节' },
    { date: lunar(5, 5), name: '端午' },
    { date: lunar(8, 15), name: '中秋' },
    { date: `${year}-10-01`, name: '国庆节' },
    { date: `${year}-10-02`, name: '国庆节' },
    { date: `${year}-10-03`, name: '国庆节' },
  ]
  // 中秋 can fall on 10/1–10/3 (e.g. 2028-10-03): one holiday day, both names
  const byDate = new Map<string, StatutoryDay>()
  for (const d of days) {
    const prev = byDate.get(d.date)
    byDate.set(d.date, prev && prev.name !== d.name ? { date: d.date, name: `${prev.name}、${d.name}` } : d)
  }
  const list = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1))
  cache.set(year, list)
  return list
}
