import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { WEEKDAY_LABELS, addDays, weekday, type CalendarDay, type DayType } from '@xz/shared'
import { fetchCalendar } from '@/api/calendar'
import { useAsync } from '@/hooks/useAsync'
import { useElderMode } from '@/stores/elder'
import { DAY_TYPE_LABELS, dateLabel, todayLocal } from '@/utils/format'
import { ActionButton } from '../../staff/lib/ActionButton'
import './calendar.scss'

/** One-character mark of a day type in a month cell. */
export const DAY_MARKS: Record<DayType, string> = { workday: '班', weekend: '休', holiday: '节', makeup_workday: '调' }

/** 'YYYY-MM' → first and last date of that month. */
export function monthRange(month: string): { first: string; last: string } {
  const first = `${month}-01`
  const [y, m] = month.split('-').map(Number)
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
  return { first, last: addDays(next, -1) }
}

export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number)
  const index = y * 12 + (m - 1) + delta
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** Cells of a month grid starting on Monday: leading blanks (null), then the month's days. */
export function monthCells(days: CalendarDay[]): (CalendarDay | null)[] {
  if (days.length === 0) return []
  const lead = (weekday(days[0].date) + 6) % 7
  return [...Array.from({ length: lead }, () => null), ...days]
}

interface Props {
  selected?: string
  onSelect: (day: CalendarDay) => void
  /** Changes whenever overrides change, to reload the month. */
  version: number
}

/** 月历: days coloured by type (workday / weekend / holiday / 调休), overrides marked; tap a day to choose it. */
export function MonthView({ selected, onSelect, version }: Props) {
  const [month, setMonth] = useState(() => todayLocal().slice(0, 7))
  const range = monthRange(month)
  const days = useAsync(() => fetchCalendar(range.first, range.last), [month, version])
  const [y, m] = month.split('-').map(Number)
  // 长辈版: the grid becomes a list (one day per row) rather than squeezing large text into 7 columns
  const { elder } = useElderMode()
  // a day as a list row (长辈版) or a grid cell: the same state classes, test hooks and tap
  const dayProps = (day: CalendarDay, layout: 'cal__row' | 'cal__day') => ({
    className: `${layout} cal__day--${day.type} ${day.override ? 'cal__day--override' : ''} ${day.date === selected ? 'cal__day--selected' : ''}`,
    'data-testid': 'calendar-day',
    'data-date': day.date,
    'data-type': day.type,
    'data-override': day.override ? '1' : '0',
    onClick: () => onSelect(day),
  })
  return (
    <View className='desk__card cal' data-testid='calendar-month'>
      <View className='cal__bar'>
        <ActionButton small variant='plain' testId='month-prev' onClick={() => setMonth(shiftMonth(month, -1))}>
          上月
        </ActionButton>
        <Text className='cal__month' data-testid='month-title'>
          {y}年{m}月
        </Text>
        <ActionButton small variant='plain' testId='month-next' onClick={() => setMonth(shiftMonth(month, 1))}>
          下月
        </ActionButton>
      </View>
      {elder ? (
        <View className='cal__list'>
          {(days.data ?? []).map((day) => (
            <View key={day.date} {...dayProps(day, 'cal__row')}>
              <Text>{dateLabel(day.date)}</Text>
              <Text>
                {DAY_TYPE_LABELS[day.type]}
                {day.name && (day.type === 'holiday' || day.override) ? ` ${day.name}` : ''}
              </Text>
            </View>
          ))}
        </View>
      ) : (
      <View className='cal__grid'>
        {[1, 2, 3, 4, 5, 6, 0].map((d) => (
          <Text key={d} className='cal__head'>
            {WEEKDAY_LABELS[d].slice(1)}
          </Text>
        ))}
        {monthCells(days.data ?? []).map((day, i) =>
          day ? (
            <View key={day.date} {...dayProps(day, 'cal__day')}>
              <Text className='cal__num'>{Number(day.date.slice(8))}</Text>
              <Text className='cal__mark'>{DAY_MARKS[day.type]}</Text>
            </View>
          ) : (
            <View key={`blank${i}`} className='cal__blank' />
          )
        )}
      </View>
      )}
      <View className='cal__legend'>
        <Text className='cal__key cal__key--workday'>班 工作日</Text>
        <Text className='cal__key cal__key--weekend'>休 双休日</Text>
        <Text className='cal__key cal__key--holiday'>节 节假日</Text>
        <Text className='cal__key cal__key--makeup_workday'>调 调休上班</Text>
        <Text className='cal__key cal__key--override'>框 已调整</Text>
      </View>
      {days.error && <Text className='desk__error'>{days.error}</Text>}
    </View>
  )
}
