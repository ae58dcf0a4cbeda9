import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useElderMode } from '@/stores/elder'
import './index.scss'

/** Shown for an unknown route (a mistyped or outdated link): says so and leads home. */
export default function NotFoundPage() {
  const { elderClass } = useElderMode()
  return (
    <View className={`page not-found ${elderClass}`} data-testid='not-found'>
      <Text className='not-found__title'>页面不存在</Text>
      <Text className='not-found__text'>链接可能已失效或输入有误，请返回首页继续办事。</Text>
      <Button type='primary' block className='not-found__home' data-testid='not-found-home' onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
        返回首页
      </Button>
    </View>
  )
}
