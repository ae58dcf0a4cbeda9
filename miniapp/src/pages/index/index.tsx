import { Text, View } from '@tarojs/components'
import { Service } from '@nutui/icons-react-taro'
import { useHealth, type HealthState } from '@/hooks/useHealth'
import './index.scss'

const HEALTH_LABELS: Record<HealthState, string> = {
  loading: '正在连接服务…',
  up: '服务正常',
  down: '服务暂不可用'
}

export default function Index() {
  const health = useHealth()

  return (
    <View className='home'>
      <View className='home__banner'>
        <Text className='home__title'>忻州政务·无忧办</Text>
        <Text className='home__subtitle'>非工作时间预约 · 办事指南 · 好差评</Text>
      </View>
      <View className='home__card'>
        <Service className='home__icon' size={18} />
        <Text className={`home__health home__health--${health}`} data-testid='health-status'>
          {HEALTH_LABELS[health]}
        </Text>
      </View>
    </View>
  )
}
