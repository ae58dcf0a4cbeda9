import { Text, View } from '@tarojs/components'

/** Shown while useRoleGuard checks the account (or while it redirects to the login page). */
export function GuardPending() {
  return (
    <View className='desk' data-testid='guard-pending'>
      <Text className='desk__muted'>正在验证工作人员身份…</Text>
    </View>
  )
}
