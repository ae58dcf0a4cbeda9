import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { MATCH_STATUS_LABELS, POLICY_MODE_LABELS, type PolicySummary } from '@xz/shared'

export const go = (url: string) => void Taro.navigateTo({ url })

/** One policy in a list: title, department, benefit and, for an enterprise, how it matches. */
export function PolicyCard({ policy, testId = 'policy-item' }: { policy: PolicySummary; testId?: string }) {
  return (
    <View className='pol__card' data-testid={testId} onClick={() => go(`/enterprise/policy/index?id=${policy.id}`)}>
      <Text className='pol__title'>{policy.title}</Text>
      <Text className='pol__meta'>
        {policy.departmentName} · {policy.docNumber}
      </Text>
      <Text className='pol__text'>{policy.benefit.description}</Text>
      <View className='pol__badges'>
        <Text className='pol__badge pol__badge--mode'>{POLICY_MODE_LABELS[policy.mode]}</Text>
        {policy.match && (
          <Text className={`pol__badge pol__badge--${policy.match.status}`} data-testid='policy-match'>
            {MATCH_STATUS_LABELS[policy.match.status]}
          </Text>
        )}
        {policy.topics.map((t) => (
          <Text key={t} className='pol__badge'>{t}</Text>
        ))}
        {policy.demo && <Text className='pol__badge pol__badge--demo'>示例数据</Text>}
      </View>
    </View>
  )
}
