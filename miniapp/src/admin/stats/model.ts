import {
  BOOKING_STATUSES,
  RATING_LEVEL_LABELS,
  WORK_ORDER_STATUSES,
  WORK_ORDER_STATUS_LABELS,
  type StatsOverview
} from '@xz/shared'
import { BOOKING_STATUS_LABELS } from '../../staff/lib/format'
import type { BarDatum, Column, Series } from './charts'

/** Level colours from 非常满意 (green) to 非常不满意 (red). */
const LEVEL_COLORS: Record<number, string> = { 5: '#1f9d55', 4: '#52b788', 3: '#f0b429', 2: '#f08c00', 1: '#c8161d' }

export const RATE_SERIES: Series[] = [
  { key: 'goodRate', label: '好评率', color: '#1d4f91' },
  { key: 'activeGoodRate', label: '主动评价好评率', color: '#c8161d' }
]

const BOOKING_COLORS: Record<string, string> = {
  booked: '#8fb3e8',
  checked_in: '#f0b429',
  served: '#1f9d55',
  cancelled: '#c9cdd4',
  no_show: '#c8161d'
}

export const BOOKING_SERIES: Series[] = BOOKING_STATUSES.map((s) => ({ key: s, label: BOOKING_STATUS_LABELS[s], color: BOOKING_COLORS[s] }))

const axisLabel = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`

export const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`)

/** The dashboard's four charts from `GET /stats/overview`. */
export function dashboardOf(overview: StatsOverview) {
  const levels: BarDatum[] = [5, 4, 3, 2, 1].map((level) => ({
    key: String(level),
    label: RATING_LEVEL_LABELS[level],
    value: overview.ratings.levels[String(level) as '1'],
    color: LEVEL_COLORS[level]
  }))
  const rates: Column[] = overview.ratingsByDay.map((d) => ({
    key: d.date,
    label: axisLabel(d.date),
    values: [d.goodRate, d.activeGoodRate]
  }))
  const bookings: Column[] = overview.bookingsByDay.map((d) => ({
    key: d.date,
    label: axisLabel(d.date),
    values: BOOKING_STATUSES.map((s) => d[s])
  }))
  const workOrders: BarDatum[] = WORK_ORDER_STATUSES.map((s) => ({
    key: s,
    label: WORK_ORDER_STATUS_LABELS[s],
    value: overview.workOrders.byStatus[s]
  }))
  const totalBookings = overview.bookingsByDay.reduce((sum, d) => sum + BOOKING_STATUSES.reduce((n, s) => n + d[s], 0), 0)
  return { levels, rates, bookings, workOrders, totalBookings }
}
