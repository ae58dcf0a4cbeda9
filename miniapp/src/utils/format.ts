import { WEEKDAY_LABELS, addDays, localDate, weekday, type DayType, type Fee } from '@xz/shared'

export function todayLocal(): string {
  return localDate(new Date())
}

/** '11月28日 周六' */
export function dateLabel(date: string): string {
  const [, m, d] = date.split('-')
  return `${Number(m)}月${Number(d)}日 ${WEEKDAY_LABELS[weekday(date)]}`
}

export function shortDate(date: string): { day: string; week: string } {
  const [, m, d] = date.split('-')
  return { day: `${Number(m)}/${Number(d)}`, week: WEEKDAY_LABELS[weekday(date)] }
}

export function nextDays(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(from, i))
}

export function distanceLabel(km?: number): string {
  if (km === undefined || Number.isNaN(km)) return ''
  return km < 1 ? `${Math.round(km * 1000)}米` : `${km.toFixed(1)}公里`
}

export function feeLabel(fee: Fee): string {
  return fee.free ? '不收费' : `${(fee.amountFen / 100).toFixed(2)}元`
}

export function limitLabel(days: number): string {
  return days === 0 ? '即办件' : `${days}个工作日`
}

export const DAY_TYPE_LABELS: Record<DayType, string> = {
  workday: '工作日',
  weekend: '双休日',
  holiday: '节假日',
  makeup_workday: '调休上班'
}

/** Off-hours day marks on the booking calendar. */
export function offHoursMark(type: DayType | undefined, hasSlots: boolean): string | null {
  if (type === 'holiday') return '节假日'
  if (type === 'weekend') return '双休日'
  if (hasSlots && (type === 'workday' || type === 'makeup_workday')) return '延时'
  return null
}

export function timeAgo(iso?: string): string {
  if (!iso) return ''
  return localDate(new Date(iso))
}
