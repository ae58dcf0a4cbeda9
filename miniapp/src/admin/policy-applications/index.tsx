import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { POLICY_APPLICATION_STATUS_LABELS, POLICY_MODE_LABELS, type PolicyApplication } from '@xz/shared'
import { errorMessage } from '@/api/errors'
import { applicationSteps, fetchAdminApplications, yuan } from '@/api/policies'
import { useAsync } from '@/hooks/useAsync'
import { useRoleGuard } from '../../staff/lib/guard'
import { GuardPending } from '../../staff/lib/GuardPending'
import { ADMIN_ROLES } from '../lib'
import '../../staff/staff.scss'
import '../policies/policy-admin.scss'

function ApplicationCard({ a, onChanged }: { a: PolicyApplication; onChanged: () => void }) {
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const step = async (run: () => Promise<PolicyApplication>) => {
    try {
      await run()
      void Taro.showToast({ title: '已处理', icon: 'success' })
      onChanged()
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }
  const open = a.status === 'submitted' || a.status === 'accepted' || a.status === 'reviewed'
  return (
    <View className='desk__card' data-testid='admin-application'>
      <Text className='desk__card-title'>{a.policyTitle}</Text>
      <Text className='desk__muted'>{a.enterpriseName}（{a.creditCode}）</Text>
      <Text className='desk__muted' data-testid='admin-application-status'>
        {POLICY_MODE_LABELS[a.mode]} · {POLICY_APPLICATION_STATUS_LABELS[a.status]}
        {a.dueDate ? ` · 时限 ${a.dueDate}` : ''}
        {a.overdue ? ' · 已超期' : ''}
        {a.amountFen !== undefined ? ` · ${yuan(a.amountFen)}` : ''}
      </Text>
      {a.note && <Text className='desk__muted'>企业说明：{a.note}</Text>}
      {a.status === 'submitted' && (
        <View className='desk__actions'>
          <Text className='desk__btn' data-testid='app-accept' onClick={() => void step(() => applicationSteps.accept(a.id))}>受理</Text>
        </View>
      )}
      {a.status === 'accepted' && (
        <View className='desk__actions'>
          <Text className='desk__btn' data-testid='app-review' onClick={() => void step(() => applicationSteps.review(a.id))}>审核通过</Text>
        </View>
      )}
      {a.status === 'reviewed' && (
        <View>
          <View className='desk__input' data-testid='app-amount'>
            <Input value={amount} type='digit' placeholder='兑现金额（元）' onInput={(e) => setAmount(e.detail.value)} />
          </View>
          <View className='desk__actions'>
            <Text className='desk__btn desk__btn--primary' data-testid='app-grant' onClick={() => /^\d+(\.\d{1,2})?$/.test(amount) && void step(() => applicationSteps.grant(a.id, { amountFen: Math.round(Number(amount) * 100) }))}>
              兑现
            </Text>
          </View>
        </View>
      )}
      {open && (
        <View>
          <View className='desk__input' data-testid='app-reason'>
            <Input value={reason} placeholder='不予兑现的理由' onInput={(e) => setReason(e.detail.value)} />
          </View>
          <View className='desk__actions'>
            <Text className='desk__btn desk__btn--danger' data-testid='app-reject' onClick={() => reason.trim().length >= 2 && void step(() => applicationSteps.reject(a.id, { reason }))}>
              不予兑现
            </Text>
          </View>
        </View>
      )}
    </View>
  )
}

/** 申报受理: the region's applications, open ones first, each step once (受理 → 审核 → 兑现 / 不予兑现). */
export default function AdminPolicyApplicationsPage() {
  const me = useRoleGuard(ADMIN_ROLES)
  const [version, setVersion] = useState(0)
  const list = useAsync(() => fetchAdminApplications(), [version], Boolean(me))
  if (!me) return <GuardPending />
  return (
    <View className='desk pol-admin' data-testid='admin-policy-applications'>
      <View className='desk__header'>
        <View className='desk__row-main'>
          <Text className='desk__title'>申报受理</Text>
          <Text className='desk__sub'>共 {list.data?.total ?? 0} 件</Text>
        </View>
      </View>
      {list.error && <Text className='desk__error'>{list.error}</Text>}
      {(list.data?.items ?? []).map((a) => (
        <ApplicationCard key={a.id} a={a} onChanged={() => setVersion((v) => v + 1)} />
      ))}
    </View>
  )
}
