import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Search } from '@nutui/icons-react-taro'
import { BookingCard } from '@/components/BookingCard'
import { HallCard } from '@/components/HallCard'
import { DemoBadge, StateView } from '@/components/StateView'
import { useBundles } from '@/hooks/useCatalogue'
import { useHealth, type HealthState } from '@/hooks/useHealth'
import { useLocation } from '@/hooks/useLocation'
import { useNearbyHalls } from '@/hooks/useHalls'
import { useNextBooking } from '@/hooks/useNextBooking'
import { usePendingRatings } from '@/hooks/useFollowups'
import { PendingRatingsCard } from '@/components/PendingRatings'
import { ElderHome, ElderSwitch } from '@/components/elder'
import { useElderMode } from '@/stores/elder'
import './index.scss'

const HEALTH_LABELS: Record<HealthState, string> = {
  loading: '正在连接服务…',
  up: '服务正常',
  down: '服务暂不可用'
}

/** The theme grid of the home page (SPEC §2.2 themes). */
export const HOME_THEMES = ['企业开办', '工程建设', '不动产', '社保', '医保', '税务', '公积金', '户籍'] as const

function go(url: string) {
  void Taro.navigateTo({ url })
}

function RegularHome() {
  const { elderClass } = useElderMode()
  const health = useHealth()
  const [shown, setShown] = useState(0)
  useDidShow(() => setShown((n) => n + 1))
  const next = useNextBooking(shown)
  const toRate = usePendingRatings(shown)
  const bundles = useBundles()
  const location = useLocation()
  const halls = useNearbyHalls(location.state, location.regionCode)

  return (
    <View className={`page home ${elderClass}`}>
      <View className='home__banner'>
        <Text className='home__title'>忻州政务·无忧办</Text>
        <Text className='home__subtitle'>非工作时间预约 · 办事指南 · 好差评</Text>
        <View className='home__search' data-testid='home-search' onClick={() => go('/pages/search/index')}>
          <Search size={16} />
          <Text className='home__search-text'>搜索事项，如：营业执照、社保卡</Text>
        </View>
      </View>

      <View className='home__themes'>
        {HOME_THEMES.map((theme) => (
          <View
            key={theme}
            className='home__theme'
            data-testid='home-theme'
            onClick={() => go(`/pages/search/index?theme=${encodeURIComponent(theme)}`)}
          >
            <Text className='home__theme-icon'>{theme.slice(0, 1)}</Text>
            <Text className='home__theme-name'>{theme}</Text>
          </View>
        ))}
      </View>

      <View className='home__offhours' data-testid='home-offhours' onClick={() => go('/pages/search/index?offHours=1')}>
        <View>
          <Text className='home__offhours-title'>非工作时间可预约</Text>
          <Text className='home__offhours-sub'>双休日值班 · 节假日预约 · 午间不断档 · 延时服务</Text>
        </View>
        <Text className='home__offhours-go'>去预约</Text>
      </View>

      <View className='home__offhours home__weekend' data-testid='home-weekend' onClick={() => go('/pages/weekend/index')}>
        <View>
          <Text className='home__offhours-title'>周末办 · 先选日期</Text>
          <Text className='home__offhours-sub'>选一个周六、周日或节假日，看哪些事项和网点有号</Text>
        </View>
        <Text className='home__offhours-go'>选日期</Text>
      </View>

      <PendingRatingsCard items={toRate.data} />

      <View className='home__offhours' data-testid='home-policies' onClick={() => go('/enterprise/policies/index')}>
        <View>
          <Text className='home__offhours-title'>惠企政策 · 为你推荐</Text>
          <Text className='home__offhours-sub'>按企业画像逐条匹配 · 免申即享 · 快申快享</Text>
        </View>
        <Text className='home__offhours-go'>去看看</Text>
      </View>

      <View className='home__offhours' data-testid='home-projects' onClick={() => go('/projects/mine/index')}>
        <View>
          <Text className='home__offhours-title'>我的项目 · 全代办</Text>
          <Text className='home__offhours-sub'>审批进度一屏看清 · 下一步 · 逾期提醒 · 项目长电话</Text>
        </View>
        <Text className='home__offhours-go'>查看</Text>
      </View>

      {next.data && (
        <View className='section'>
          <View className='section__title'>
            <Text className='section__title-text'>我的下一个预约</Text>
          </View>
          <BookingCard booking={next.data} />
        </View>
      )}

      <View className='section'>
        <View className='section__title'>
          <Text className='section__title-text'>
            附近网点
            {(halls.data ?? []).some((h) => h.demo) && <DemoBadge />}
          </Text>
          <Text className='section__more' onClick={() => Taro.switchTab({ url: '/pages/nearby/index' })}>
            更多
          </Text>
        </View>
        {location.state.status === 'locating' ? (
          <Text className='muted'>正在定位…</Text>
        ) : (
          <StateView
            loading={halls.loading}
            error={halls.error}
            onRetry={halls.reload}
            empty={(halls.data ?? []).length === 0}
            emptyText='附近暂无服务网点'
          >
            {(halls.data ?? []).slice(0, 3).map((hall) => (
              <HallCard key={hall.id} hall={hall} />
            ))}
          </StateView>
        )}
      </View>

      <View className='section'>
        <View className='section__title'>
          <Text className='section__title-text'>
            一件事一次办
            {(bundles.data ?? []).some((b) => b.demo) && <DemoBadge />}
          </Text>
        </View>
        <StateView
          loading={bundles.loading}
          error={bundles.error}
          onRetry={bundles.reload}
          empty={(bundles.data ?? []).length === 0}
          emptyText='暂无一件事套餐'
        >
          {(bundles.data ?? []).map((bundle) => (
            <View
              key={bundle.id}
              className='home__bundle'
              data-testid='bundle-card'
              onClick={() => go(`/pages/bundle/index?id=${encodeURIComponent(bundle.id)}`)}
            >
              <Text className='home__bundle-name'>{bundle.name}</Text>
              <Text className='home__bundle-desc'>{bundle.description}</Text>
            </View>
          ))}
        </StateView>
      </View>

      <View className='section'>
        <ElderSwitch />
      </View>

      <View className='home__health-row'>
        <Text className={`home__health home__health--${health}`} data-testid='health-status'>
          {HEALTH_LABELS[health]}
        </Text>
      </View>
    </View>
  )
}

/** 长辈版 (elder-friendly mode, components/elder): large type and only the four common actions, no location prompt. */
export default function Index() {
  const { elder, elderClass } = useElderMode()
  if (!elder) return <RegularHome />
  return (
    <View className={`page home ${elderClass}`} data-testid='home-elder'>
      <ElderHome />
      <View className='section'>
        <ElderSwitch />
      </View>
    </View>
  )
}
