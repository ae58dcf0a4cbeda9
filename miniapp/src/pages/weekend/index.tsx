import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { HALL_TYPE_LABELS, type WeekendDay } from '@xz/shared'
import { StateView } from '@/components/StateView'
import { useNonWorkingDays, useWeekendDay } from '@/hooks/useWeekend'
import { useElderMode } from '@/stores/elder'
import { dateLabel } from '@/utils/format'
import './index.scss'

type View_ = 'items' | 'halls'

function Items({ day }: { day: WeekendDay }) {
  const hallName = new Map(day.halls.map((h) => [h.id, h.name]))
  return (
    <View>
      {day.services.map((s) => (
        <View
          key={s.id}
          className='weekend__row'
          data-testid='weekend-item'
          onClick={() =>
            void Taro.navigateTo({
              url: `/pages/book/index?serviceId=${s.id}${s.hallIds.length === 1 ? `&hallId=${s.hallIds[0]}` : ''}&date=${day.date}`
            })
          }
        >
          <View className='weekend__main'>
            <Text className='weekend__name'>{s.name}</Text>
            <Text className='weekend__sub'>
              {s.hallIds.length === 1 ? hallName.get(s.hallIds[0]) : `${s.hallIds.length} 个网点可办`}
            </Text>
          </View>
          <Text className='weekend__seats' data-testid='weekend-item-seats'>
            余 {s.remaining}
          </Text>
        </View>
      ))}
    </View>
  )
}

function Halls({ day }: { day: WeekendDay }) {
  return (
    <View>
      {day.halls.map((h) => (
        <View
          key={h.id}
          className='weekend__row'
          data-testid='weekend-hall'
          onClick={() => void Taro.navigateTo({ url: `/pages/hall/index?id=${h.id}` })}
        >
          <View className='weekend__main'>
            <Text className='weekend__name'>{h.name}</Text>
            <Text className='weekend__sub'>
              {HALL_TYPE_LABELS[h.type]} · {h.address}
            </Text>
            {h.sessions.map((s) => (
              <Text key={`${s.label}${s.start}`} className='weekend__sub'>
                {s.label} {s.start}–{s.end} · 余 {s.remaining}/{s.capacity}
              </Text>
            ))}
          </View>
          <Text className={`weekend__seats ${h.remaining === 0 ? 'weekend__seats--full' : ''}`}>{h.remaining ? `余 ${h.remaining}` : '约满'}</Text>
        </View>
      ))}
    </View>
  )
}

/** 周末办: pick a Saturday, Sunday or holiday first, then see which items and points have seats that day. */
export default function WeekendPage() {
  const { params } = useRouter()
  const { elderClass } = useElderMode()
  const days = useNonWorkingDays()
  const [picked, setPicked] = useState<string | undefined>(params.date)
  const date = picked ?? days.data?.[0]?.date
  const day = useWeekendDay(date)
  const [view, setView] = useState<View_>('items')

  return (
    <View className={`page weekend ${elderClass}`}>
      <View className='section weekend__head'>
        <Text className='weekend__title'>周末办 · 先选日期</Text>
        <Text className='muted'>双休日、节假日有值班场次的网点和可预约事项</Text>
      </View>

      <View className='section'>
        <StateView loading={days.loading} error={days.error} onRetry={days.reload} empty={(days.data ?? []).length === 0} emptyText='近14天没有双休日或节假日'>
          <View className='weekend__dates'>
            {(days.data ?? []).map((d) => (
              <Text
                key={d.date}
                className={`weekend__date ${d.date === date ? 'weekend__date--active' : ''}`}
                data-testid='weekend-date'
                data-date={d.date}
                onClick={() => setPicked(d.date)}
              >
                {dateLabel(d.date)}
                {d.type === 'holiday' ? ` ${d.name ?? '节假日'}` : ''}
              </Text>
            ))}
          </View>
        </StateView>
      </View>

      {date && (
        <View className='section' data-testid='weekend-day'>
          <StateView loading={day.loading} error={day.error} onRetry={day.reload}>
            {day.data && (
              <View>
                <Text className='weekend__summary' data-testid='weekend-summary'>
                  {dateLabel(day.data.date)}
                  {day.data.dayName ? ` ${day.data.dayName}` : ''}：{day.data.halls.length} 个网点值班，
                  {day.data.services.length} 个事项可约
                </Text>
                <View className='weekend__tabs'>
                  <Text className={`weekend__tab ${view === 'items' ? 'weekend__tab--active' : ''}`} data-testid='weekend-tab-items' onClick={() => setView('items')}>
                    按事项
                  </Text>
                  <Text className={`weekend__tab ${view === 'halls' ? 'weekend__tab--active' : ''}`} data-testid='weekend-tab-halls' onClick={() => setView('halls')}>
                    按网点
                  </Text>
                </View>
                {day.data.halls.length === 0 ? (
                  <Text className='muted weekend__empty'>{day.data.inHorizon ? '当天没有可预约的场次，请换一天' : '只能预约14天内的场次'}</Text>
                ) : view === 'items' ? (
                  <Items day={day.data} />
                ) : (
                  <Halls day={day.data} />
                )}
              </View>
            )}
          </StateView>
        </View>
      )}
    </View>
  )
}
