import { Text, View } from '@tarojs/components'
import type { BookingDay } from '@/hooks/useBookings'
import { dateLabel, offHoursMark } from '@/utils/format'
import './SlotDayList.scss'

/** Part of the day a slot starts in, as people say it. */
export function dayPart(start: string): string {
  if (start < '12:00') return '上午'
  if (start < '14:00') return '中午'
  if (start < '17:30') return '下午'
  return '晚间'
}

/** Seats left per part of the day, in the order of the day: [['上午', 48], ['下午', 20]]. */
export function seatsByPart(day: BookingDay): [string, number][] {
  const parts = new Map<string, number>()
  for (const s of [...day.slots].sort((a, b) => a.start.localeCompare(b.start))) {
    const part = dayPart(s.start)
    parts.set(part, (parts.get(part) ?? 0) + Math.max(0, s.remaining))
  }
  return [...parts.entries()]
}

interface Props {
  days: BookingDay[]
  activeDate?: string
  onSelect: (date: string) => void
}

/**
 * The booking calendar of 长辈版: one full-width row per bookable day ("12月12日 周六 双休日 · 上午 余48"), in large
 * type, instead of a grid of small cells. Days without any session are left out; full days stay, marked 已约满.
 */
export function SlotDayList({ days, activeDate, onSelect }: Props) {
  const bookable = days.filter((d) => d.slots.length > 0)
  return (
    <View className='slot-days' data-testid='calendar'>
      {bookable.map((day) => {
        const mark = day.holidayName && day.type === 'holiday' ? day.holidayName : offHoursMark(day.type, true)
        const full = day.remaining <= 0
        return (
          <View
            key={day.date}
            className={`slot-days__row ${day.date === activeDate ? 'slot-days__row--active' : ''} ${full ? 'slot-days__row--full' : ''}`}
            data-testid={`day-${day.date}`}
            data-day-type={day.type}
            onClick={() => onSelect(day.date)}
          >
            <View className='slot-days__head'>
              <Text className='slot-days__date'>{dateLabel(day.date)}</Text>
              {mark && <Text className={`slot-days__mark ${mark === '延时' ? '' : 'slot-days__mark--off'}`}>{mark}</Text>}
            </View>
            <View className='slot-days__parts'>
              {full ? (
                <Text className='slot-days__part slot-days__part--full'>已约满 · 可候补</Text>
              ) : (
                seatsByPart(day).map(([part, seats]) => (
                  <Text key={part} className={`slot-days__part ${seats === 0 ? 'slot-days__part--full' : ''}`}>
                    {part} {seats > 0 ? `余${seats}` : '满'}
                  </Text>
                ))
              )}
            </View>
          </View>
        )
      })}
    </View>
  )
}
