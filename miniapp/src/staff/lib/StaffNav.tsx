import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Role } from '@xz/shared'
import { clearSession } from '@/api/request'

const LINKS = [
  { key: 'desk', label: '今日预约', url: '/staff/desk/index' },
  { key: 'checkin', label: '扫码核验', url: '/staff/checkin/index' },
  { key: 'queue', label: '叫号', url: '/staff/queue/index' },
  { key: 'work-orders', label: '差评工单', url: '/staff/work-orders/index' }
] as const

export type StaffScreen = (typeof LINKS)[number]['key']

/** The staff desk's screens side by side (redirectTo keeps the page stack flat). */
export function StaffNav({ current, role }: { current: StaffScreen; role?: Role }) {
  return (
    <View className='desk__nav'>
      {LINKS.filter((l) => l.key !== current).map((l) => (
        <Text key={l.key} className='desk__nav-item' data-testid={`nav-${l.key}`} onClick={() => void Taro.redirectTo({ url: l.url })}>
          {l.label}
        </Text>
      ))}
      {role === 'admin' && (
        <Text className='desk__nav-item' data-testid='nav-admin' onClick={() => void Taro.redirectTo({ url: '/admin/index/index' })}>
          管理后台
        </Text>
      )}
    </View>
  )
}

export function logout(): void {
  clearSession()
  void Taro.reLaunch({ url: '/pages/index/index' })
}
