import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { HALL_TYPE_LABELS, type HallSummary } from '@xz/shared'
import { distanceLabel } from '@/utils/format'
import './HallCard.scss'

/** A map page marking the point (AMap's public marker link; coordinates in GCJ-02, as stored). */
export function mapLinkOf(hall: Pick<HallSummary, 'name' | 'location'>): string {
  const q = `position=${hall.location.lng},${hall.location.lat}&name=${encodeURIComponent(hall.name)}&src=xzwyb&coordinate=gaode&callnative=1`
  return `https://uri.amap.com/marker?${q}`
}

/** Opens a map at the point: WeChat's map with Taro.openLocation; on H5 a map page in a new tab (a link, not a request). */
export function navigateToHall(hall: Pick<HallSummary, 'name' | 'address' | 'location'>) {
  if (process.env.TARO_ENV === 'h5') {
    // ('noopener' as a window feature would make open() return null, so the opener is cut by hand)
    const opened = window.open(mapLinkOf(hall), '_blank')
    if (opened) opened.opener = null
    else window.location.assign(mapLinkOf(hall))
    return
  }
  Promise.resolve()
    .then(() =>
      Taro.openLocation({ latitude: hall.location.lat, longitude: hall.location.lng, name: hall.name, address: hall.address, scale: 16 })
    )
    .catch(() => Taro.showToast({ title: '无法打开地图', icon: 'none' }))
}

interface Props {
  hall: HallSummary
  onClick?: () => void
  action?: string
}

export function HallCard({ hall, onClick, action }: Props) {
  return (
    <View
      className='hall-card'
      data-testid='hall-card'
      // without a caller's action, a tap opens the point's page (hours, sessions, items)
      onClick={onClick ?? (() => void Taro.navigateTo({ url: `/pages/hall/index?id=${hall.id}` }))}
    >
      <View className='hall-card__head'>
        <Text className='hall-card__name'>{hall.name}</Text>
        {hall.distanceKm !== undefined && <Text className='hall-card__distance'>{distanceLabel(hall.distanceKm)}</Text>}
      </View>
      <View className='hall-card__badges'>
        <Text className='badge badge--blue'>{HALL_TYPE_LABELS[hall.type]}</Text>
        {hall.open24h && <Text className='badge badge--red'>24小时</Text>}
        <Text className={`badge ${hall.openNow ? 'badge--green' : 'badge--grey'}`}>{hall.openNow ? '营业中' : '已休息'}</Text>
        {hall.hasOffHours && <Text className='badge badge--orange'>非工作时间可约</Text>}
      </View>
      <Text className='hall-card__address'>{hall.address}</Text>
      <View className='hall-card__actions'>
        <Text
          className='hall-card__link'
          data-testid='hall-navigate'
          onClick={(e) => {
            e.stopPropagation()
            navigateToHall(hall)
          }}
        >
          导航
        </Text>
        {hall.phone && (
          <Text
            className='hall-card__link'
            onClick={(e) => {
              e.stopPropagation()
              void Taro.makePhoneCall({ phoneNumber: hall.phone }).catch(() => undefined)
            }}
          >
            电话 {hall.phone}
          </Text>
        )}
        {action && <Text className='hall-card__link hall-card__link--primary'>{action}</Text>}
      </View>
    </View>
  )
}
