import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { PendingRating } from '@xz/shared'
import { dateLabel } from '@/utils/format'
import './PendingRatings.scss'

/** 待评价: served bookings waiting for the citizen's rating (nothing is shown when there are none). */
export function PendingRatingsCard({ items }: { items: PendingRating[] | undefined }) {
  if (!items?.length) return null
  return (
    <View className='section pending-ratings' data-testid='pending-ratings'>
      <View className='section__title'>
        <Text className='section__title-text'>待评价（{items.length}）</Text>
      </View>
      {items.slice(0, 3).map((p) => (
        <View key={p.bookingId} className='pending-ratings__row' data-testid='pending-rating'>
          <View className='pending-ratings__main'>
            <Text className='pending-ratings__name'>{p.serviceName}</Text>
            <Text className='pending-ratings__sub'>
              {p.hallName} · {dateLabel(p.date)} {p.start} 已办结
            </Text>
          </View>
          <Text
            className='pending-ratings__go'
            data-testid='pending-rating-go'
            onClick={() => void Taro.navigateTo({ url: `/pages/rate/index?bookingId=${p.bookingId}` })}
          >
            去评价
          </Text>
        </View>
      ))}
      <Text className='muted pending-ratings__hint'>办结后 7 日内可评价，逾期默认“基本满意”</Text>
    </View>
  )
}
