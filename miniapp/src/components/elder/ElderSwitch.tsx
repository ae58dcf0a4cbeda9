import { Text, View } from '@tarojs/components'
import { useElderMode } from '@/stores/elder'

/** The 长辈版 switch for 我的 and the home page: large type and a simplified home, remembered across visits. */
export function ElderSwitch() {
  const { elder, setElder } = useElderMode()
  const modifier = elder ? '--on' : ''

  return (
    <View
      className='elder-switch'
      data-testid='elder-switch'
      role='switch'
      aria-checked={elder}
      aria-label='长辈版'
      onClick={() => setElder(!elder)}
    >
      <View className='elder-switch__label'>
        <Text className='elder-switch__title'>长辈版</Text>
        <Text className='elder-switch__hint'>{elder ? '已开启：大字体、简洁首页' : '字体更大，操作更简单'}</Text>
      </View>
      <View className={`elder-switch__track elder-switch__track${modifier}`}>
        <View className={`elder-switch__thumb elder-switch__thumb${modifier}`} />
      </View>
    </View>
  )
}
