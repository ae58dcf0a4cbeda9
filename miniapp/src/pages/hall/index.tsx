import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { HALL_TYPE_LABELS, localTime, type HallDetail, type TimeRange } from '@xz/shared'
import { DemoBadge, MISSING, StateView } from '@/components/StateView'
import { useHall } from '@/hooks/useHalls'
import { useElderMode } from '@/stores/elder'
import { DAY_TYPE_LABELS, dateLabel } from '@/utils/format'
import { amapMarkerUrl, callPhone, isH5, openMap } from '@/utils/hall-links'
import './index.scss'

const ranges = (list: TimeRange[]) => (list.length ? list.map((r) => `${r.start}–${r.end}`).join('、') : '休息')

/** 营业中 with why (regular hours, an off-hours session, 7×24) or 已休息. */
function OpenState({ hall }: { hall: HallDetail }) {
  const hm = localTime(new Date())
  // the server decides open/closed; the session shown is the one running on this device's clock
  const current = hall.today.sessions.find((s) => s.start <= hm && hm < s.end) ?? hall.today.sessions[0]
  const text = !hall.openNow
    ? '已休息'
    : hall.openBy === 'always'
      ? '营业中 · 24小时'
      : hall.openBy === 'offHours' && current
        ? `营业中 · ${current.label} ${current.start}–${current.end}`
        : '营业中'
  return (
    <Text className={`badge ${hall.openNow ? 'badge--green' : 'badge--grey'} hall__open`} data-testid='hall-open'>
      {text}
    </Text>
  )
}

function Actions({ hall }: { hall: HallDetail }) {
  const map = amapMarkerUrl(hall)
  return (
    <View className='hall__actions'>
      {hall.phone &&
        (isH5() ? (
          <a className='hall__action' href={`tel:${hall.phone}`} data-testid='hall-phone'>
            拨打电话 {hall.phone}
          </a>
        ) : (
          <Text className='hall__action' data-testid='hall-phone' onClick={() => callPhone(hall.phone)}>
            拨打电话 {hall.phone}
          </Text>
        ))}
      {isH5() ? (
        <a className='hall__action' href={map} target='_blank' rel='noopener noreferrer' data-testid='hall-navigate'>
          导航到这里
        </a>
      ) : (
        <Text className='hall__action' data-testid='hall-navigate' onClick={() => openMap(hall)}>
          导航到这里
        </Text>
      )}
    </View>
  )
}

const SHOWN_ITEMS = 8

function Items({ hall }: { hall: HallDetail }) {
  const [all, setAll] = useState(false)
  const bookable = new Set(hall.bookableServiceIds)
  const sorted = [...hall.services].sort((a, b) => Number(bookable.has(b.id)) - Number(bookable.has(a.id)))
  const shown = all ? sorted : sorted.slice(0, SHOWN_ITEMS)
  return (
    <View className='section' data-testid='hall-items'>
      <View className='section__title'>
        <Text className='section__title-text'>可办事项（{hall.services.length}）</Text>
      </View>
      {hall.services.length === 0 && <Text className='muted'>暂无登记的可办事项</Text>}
      {shown.map((s) => (
        <View key={s.id} className='hall__item'>
          <Text className='hall__item-name' onClick={() => void Taro.navigateTo({ url: `/pages/service/index?id=${s.id}` })}>
            {s.name}
          </Text>
          {bookable.has(s.id) ? (
            <Text
              className='hall__book'
              data-testid='hall-book'
              onClick={() => void Taro.navigateTo({ url: `/pages/book/index?serviceId=${s.id}&hallId=${hall.id}` })}
            >
              预约
            </Text>
          ) : (
            <Text className='hall__guide' onClick={() => void Taro.navigateTo({ url: `/pages/service/index?id=${s.id}` })}>
              指南
            </Text>
          )}
        </View>
      ))}
      {sorted.length > SHOWN_ITEMS && (
        <Text className='hall__more' data-testid='hall-items-more' onClick={() => setAll(!all)}>
          {all ? '收起' : `展开全部 ${sorted.length} 项`}
        </Text>
      )}
    </View>
  )
}

/** 网点详情: today's hours and off-hours sessions, open now, phone, navigation, and its bookable items. */
export default function HallPage() {
  const { params } = useRouter()
  const { elderClass } = useElderMode()
  const hall = useHall(params.id)
  const h = hall.data
  return (
    <View className={`page hall ${elderClass}`}>
      <StateView loading={hall.loading} error={params.id ? hall.error : MISSING} onRetry={hall.reload}>
        {h && (
          <View>
            <View className='section hall__head'>
              <Text className='hall__name' data-testid='hall-name'>
                {h.name}
              </Text>
              <View className='hall__badges'>
                <Text className='badge badge--blue'>{HALL_TYPE_LABELS[h.type]}</Text>
                <OpenState hall={h} />
                {h.bookableServiceIds.length > 0 && <Text className='badge badge--orange'>非工作时间可约</Text>}
                {h.demo && <DemoBadge />}
              </View>
              <Text className='hall__address'>
                {h.regionName ? `${h.regionName} · ` : ''}
                {h.address}
              </Text>
              <Actions hall={h} />
            </View>

            <View className='section' data-testid='hall-today'>
              <View className='section__title'>
                <Text className='section__title-text'>
                  今天 {dateLabel(h.today.date)} · {DAY_TYPE_LABELS[h.today.dayType]}
                </Text>
              </View>
              {h.open24h || h.type === 'selfservice' ? (
                <Text className='hall__line'>7×24小时自助服务</Text>
              ) : (
                <Text className='hall__line'>常规时间：{ranges(h.today.regularHours)}</Text>
              )}
              {h.today.sessions.map((s) => (
                <View key={`${s.label}${s.start}`} className='hall__session' data-testid='hall-session'>
                  <Text className='badge badge--orange'>{s.label}</Text>
                  <Text className='hall__line'>
                    {s.start}–{s.end}
                  </Text>
                </View>
              ))}
              {h.today.sessions.length === 0 && <Text className='muted hall__line'>今天没有非工作时间场次</Text>}
            </View>

            <View className='section'>
              <View className='section__title'>
                <Text className='section__title-text'>常规营业时间</Text>
              </View>
              <Text className='hall__line'>工作日：{ranges(h.regularHours)}</Text>
              <Text className='hall__line'>双休日：{ranges(h.weekendHours)}</Text>
              <Text className='hall__line'>节假日：{ranges(h.holidayHours)}</Text>
            </View>

            <Items hall={h} />

            {h.windows.length > 0 && (
              <View className='section'>
                <View className='section__title'>
                  <Text className='section__title-text'>服务窗口</Text>
                </View>
                {h.windows.map((w) => (
                  <Text key={w.number} className='hall__line'>
                    {w.number} 号窗口 · {w.name}
                    {w.staffed ? '' : '（暂未开放）'}
                  </Text>
                ))}
              </View>
            )}
          </View>
        )}
      </StateView>
    </View>
  )
}
