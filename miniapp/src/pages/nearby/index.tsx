import { useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import { HALL_TYPES, HALL_TYPE_LABELS, type HallType } from '@xz/shared'
import { HallCard } from '@/components/HallCard'
import { DemoBadge, StateView } from '@/components/StateView'
import { useCounties, useNearbyHalls } from '@/hooks/useHalls'
import { useLocation } from '@/hooks/useLocation'
import { useElderMode } from '@/stores/elder'
import './index.scss'

const TYPE_SHORT: Record<HallType, string> = {
  center: '政务中心',
  township: '乡镇',
  village: '村(社区)',
  bank: '银行网点',
  selfservice: '24小时自助'
}

export default function NearbyPage() {
  const { elderClass } = useElderMode()
  const location = useLocation()
  const [type, setType] = useState<HallType | undefined>(undefined)
  const [openNow, setOpenNow] = useState(false)
  const halls = useNearbyHalls(location.state, location.regionCode, type, undefined, openNow)
  const counties = useCounties()
  const denied = location.state.status === 'denied'
  const countyName = (counties.data ?? []).find((c) => c.code === location.regionCode)?.name

  return (
    <View className={`page nearby ${elderClass}`}>
      <View className='nearby__head'>
        <Text className='nearby__title'>15分钟政务服务圈</Text>
        <Text className='nearby__where' data-testid='nearby-where'>
          {location.state.status === 'locating' && '正在定位…'}
          {location.state.status === 'located' && '已按距离由近到远排列'}
          {denied && (countyName ? `未获取定位，当前显示：${countyName}` : '未获取定位，请选择所在县（市、区）')}
        </Text>
        {denied && (
          <Text className='nearby__retry' onClick={location.retry}>
            重新定位
          </Text>
        )}
      </View>

      {denied && (
        <View className='section' data-testid='county-picker'>
          <View className='section__title'>
            <Text className='section__title-text'>选择县（市、区）</Text>
          </View>
          <StateView loading={counties.loading} error={counties.error} onRetry={counties.reload}>
            <View className='chips'>
              <Text className={`chip ${!location.regionCode ? 'chip--active' : ''}`} onClick={() => location.chooseRegion('')}>
                全市
              </Text>
              {(counties.data ?? []).map((c) => (
                <Text
                  key={c.code}
                  className={`chip ${location.regionCode === c.code ? 'chip--active' : ''}`}
                  data-testid='county-chip'
                  onClick={() => location.chooseRegion(c.code)}
                >
                  {c.name}
                </Text>
              ))}
            </View>
          </StateView>
        </View>
      )}

      <ScrollView scrollX className='nearby__types'>
        <View className='nearby__types-row'>
          <Text className={`chip ${!type ? 'chip--active' : ''}`} onClick={() => setType(undefined)}>
            全部
          </Text>
          {HALL_TYPES.map((t) => (
            <Text
              key={t}
              className={`chip ${type === t ? 'chip--active' : ''}`}
              data-testid={`type-${t}`}
              onClick={() => setType(t)}
            >
              {TYPE_SHORT[t]}
            </Text>
          ))}
          <Text className={`chip nearby__open-now ${openNow ? 'chip--active' : ''}`} data-testid='filter-open-now' onClick={() => setOpenNow(!openNow)}>
            营业中
          </Text>
        </View>
      </ScrollView>

      <View className='nearby__list'>
        <Text className='muted'>
          {type ? HALL_TYPE_LABELS[type] : '全部网点'}
          {openNow ? ' · 营业中（含值班场次）' : ''}
          {(halls.data ?? []).some((h) => h.demo) && <DemoBadge />}
        </Text>
        <StateView
          loading={location.state.status === 'locating' || halls.loading}
          error={halls.error}
          onRetry={halls.reload}
          empty={(halls.data ?? []).length === 0}
          emptyText={openNow ? '该范围内暂无营业中的网点' : '该范围内暂无网点'}
        >
          {(halls.data ?? []).map((hall) => (
            <HallCard key={hall.id} hall={hall} />
          ))}
        </StateView>
      </View>
    </View>
  )
}
