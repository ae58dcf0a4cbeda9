import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Location, Order, Search, Service } from '@nutui/icons-react-taro'
import type { ComponentType } from 'react'

export interface ElderAction {
  key: string
  label: string
  /** absolute page path of the citizen screen */
  url: string
  /** a tab page: opened with switchTab */
  tab?: boolean
  Icon: ComponentType<{ size?: string | number; className?: string }>
}

/** The four most common actions, in the order older users look for them. Paths are the citizen screens'. */
export const ELDER_ACTIONS: ElderAction[] = [
  { key: 'search', label: '搜索办事', url: '/pages/search/index', Icon: Search },
  // booking starts from an item: the search lists the items bookable off-hours
  { key: 'book', label: '预约办理', url: '/pages/search/index?offHours=true', Icon: Service },
  { key: 'bookings', label: '我的预约', url: '/pages/bookings/index', tab: true, Icon: Order },
  { key: 'nearby', label: '附近网点', url: '/pages/nearby/index', tab: true, Icon: Location }
]

interface Props {
  /** override the targets (e.g. when the citizen pages live elsewhere) */
  actions?: ElderAction[]
}

/** 长辈版 home: four big buttons and nothing else (no banners, no pop-ups). */
export function ElderHome({ actions = ELDER_ACTIONS }: Props) {
  return (
    <View className='elder-home' data-testid='elder-home'>
      <Text className='elder-home__title'>您好，请选择要办的事</Text>
      <View className='elder-home__grid'>
        {actions.map(({ key, label, url, tab, Icon }) => (
          <View
            key={key}
            className='elder-home__action'
            data-testid={`elder-action-${key}`}
            onClick={() => {
              void (tab ? Taro.switchTab({ url }) : Taro.navigateTo({ url }))
            }}
          >
            <Icon className='elder-home__icon' size={40} />
            <Text className='elder-home__label'>{label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
