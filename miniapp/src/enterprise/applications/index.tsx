import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { POLICY_APPLICATION_STATUS_LABELS, POLICY_MODE_LABELS } from '@xz/shared'
import { fetchMyApplications, fetchMyEnterprise, yuan } from '@/api/policies'
import { StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useElderMode } from '@/stores/elder'
import { go } from '../lib'
import '../enterprise.scss'

/** My enterprise's 快申快享 applications and 免申即享 兑现 records, with their status. */
export default function MyApplicationsPage() {
  const { elderClass } = useElderMode()
  const [version, setVersion] = useState(0)
  useDidShow(() => setVersion((v) => v + 1))
  // without a claimed profile there is nothing to list: ask for one instead of letting the list call fail
  const apps = useAsync(async () => ((await fetchMyEnterprise()) ? fetchMyApplications() : null), [version])
  const needProfile = apps.data === null || apps.errorCode === 'ENTERPRISE_PROFILE_REQUIRED'

  return (
    <View className={`page ${elderClass}`} data-testid='applications-page'>
      {needProfile ? (
        <View className='section' data-testid='applications-need-profile'>
          <Text className='pol__text'>请先填写企业画像，认领您的企业后即可查看申报与兑现记录。</Text>
          <View className='pol__btn' onClick={() => go('/enterprise/profile/index')}>填写企业画像</View>
        </View>
      ) : (
      <StateView loading={apps.loading && !apps.data} error={apps.error} onRetry={apps.reload} empty={apps.data?.length === 0} emptyText='还没有申报或兑现记录'>
        {(apps.data ?? []).map((a) => (
          <View key={a.id} className='pol__card' data-testid='application-item' onClick={() => go(`/enterprise/policy/index?id=${a.policyId}`)}>
            <Text className='pol__title'>{a.policyTitle}</Text>
            <View className='pol__badges'>
              <Text className='pol__badge pol__badge--mode'>{POLICY_MODE_LABELS[a.mode]}</Text>
              <Text className={`pol__badge ${a.status === 'granted' ? 'pol__badge--eligible' : a.status === 'rejected' ? 'pol__badge--ineligible' : 'pol__badge--possible'}`} data-testid='application-item-status'>
                {POLICY_APPLICATION_STATUS_LABELS[a.status]}
              </Text>
              {a.overdue && <Text className='pol__badge pol__badge--possible'>已超期</Text>}
            </View>
            <Text className='pol__meta'>申报时间：{a.appliedAt.slice(0, 10)}{a.dueDate ? ` · 承诺 ${a.dueDate} 前办结` : ''}</Text>
            {a.amountFen !== undefined && <Text className='pol__text'>兑现金额：{yuan(a.amountFen)}</Text>}
            {a.rejectReason && <Text className='pol__text'>不予兑现理由：{a.rejectReason}</Text>}
          </View>
        ))}
      </StateView>
      )}
    </View>
  )
}
