import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ServiceSummary } from '@xz/shared'
import { limitLabel } from '@/utils/format'
import './ServiceCard.scss'

export function openService(id: string) {
  void Taro.navigateTo({ url: `/pages/service/index?id=${encodeURIComponent(id)}` })
}

/** One item in a list of service guides. */
export function ServiceCard({ service }: { service: ServiceSummary }) {
  return (
    <View className='service-card' data-testid='service-card' onClick={() => openService(service.id)}>
      <Text className='service-card__name'>{service.name}</Text>
      <View className='service-card__meta'>
        {service.departmentName && <Text className='service-card__dept'>{service.departmentName}</Text>}
        <Text>承诺时限 {limitLabel(service.promisedLimitDays)}</Text>
        <Text>跑动 {service.visits} 次</Text>
      </View>
      <View className='service-card__badges'>
        {service.audiences.map((a) => (
          <Text key={a} className='badge badge--blue'>{a}</Text>
        ))}
        {service.offHoursWeekend && <Text className='badge badge--red' data-testid='badge-weekend'>周末/节假日可约</Text>}
        {service.offHoursExtended && <Text className='badge badge--orange' data-testid='badge-extended'>午间/延时可约</Text>}
        {service.instantApproval && <Text className='badge badge--green'>秒批</Text>}
        {service.commitment && <Text className='badge badge--orange'>告知承诺</Text>}
      </View>
    </View>
  )
}
