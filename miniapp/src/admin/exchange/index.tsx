import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { SATISFACTION_LABELS, type ExchangeKind } from '@xz/shared'
import { useAsync } from '@/hooks/useAsync'
import { useRoleGuard } from '../../staff/lib/guard'
import { DeskState } from '../../staff/lib/DeskState'
import { GuardPending } from '../../staff/lib/GuardPending'
import { ActionButton } from '../../staff/lib/ActionButton'
import { actionError, shortDateTime } from '../../staff/lib/format'
import { ADMIN_ROLES } from '../lib'
import { fetchExchange, repushRecord } from './exchange.api'
import '../../staff/staff.scss'

const KIND_LABELS: Record<ExchangeKind, string> = { rating: '评价', append: '追评', reply: '整改答复', revisit: '整改回访' }

/** 好差评数据推送: backlog, dead letters with one-tap re-push, and where the export is when no endpoint is set. */
export default function AdminExchange() {
  const me = useRoleGuard(ADMIN_ROLES)
  const overview = useAsync(fetchExchange, [], Boolean(me))
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState('')

  if (!me) return <GuardPending />

  const repush = async (id: string) => {
    setBusy(id)
    try {
      await repushRecord(id)
      setMessage('已重新加入推送队列')
      overview.reload()
    } catch (err) {
      setMessage(actionError(err))
    } finally {
      setBusy('')
    }
  }

  const o = overview.data
  return (
    <View className='desk' data-testid='admin-exchange'>
      <View className='desk__header'>
        <Text className='desk__title'>好差评数据推送</Text>
      </View>
      {message && (
        <Text className='desk__notice' data-testid='exchange-message'>
          {message}
        </Text>
      )}
      <DeskState loading={overview.loading && !o} error={overview.error} onRetry={overview.reload} empty={false}>
        {o && (
          <View className='desk__card' data-testid='exchange-status'>
            <Text className='desk__card-title'>{o.endpointConfigured ? '已连接省好差评系统' : '未配置省级接口'}</Text>
            <View>
              <Text className='desk__muted'>接口配置：{o.profile}</Text>
            </View>
            <View>
              <Text className='desk__muted' data-testid='exchange-counts'>
                {o.endpointConfigured ? `待推送 ${o.pending} 条，失败 ${o.dead.length} 条` : '未配置推送地址：请按时段导出数据文件（JSON Lines / CSV）后报送。'}
              </Text>
            </View>
          </View>
        )}
        {o?.endpointConfigured && (
          <View className='desk__card'>
            <Text className='desk__card-title'>推送失败</Text>
            <DeskState loading={false} error={null} empty={o.dead.length === 0} emptyText='没有推送失败的记录'>
              {o.dead.map((d) => (
                <View key={d.id} className='desk__row' data-testid='exchange-dead-item'>
                  <View className='desk__row-main'>
                    <Text>
                      {KIND_LABELS[d.kind]} · {SATISFACTION_LABELS[d.level]} · 办件 {d.caseNo}
                    </Text>
                    <Text className='desk__muted'>
                      {d.serviceName} · {shortDateTime(d.at)} · 已尝试 {d.attempts} 次
                    </Text>
                    {d.lastError && <Text className='desk__muted'>原因：{d.lastError}</Text>}
                  </View>
                  <ActionButton small variant='primary' testId='exchange-repush' disabled={busy === d.id} onClick={() => void repush(d.id)}>
                    重推
                  </ActionButton>
                </View>
              ))}
            </DeskState>
          </View>
        )}
      </DeskState>
    </View>
  )
}
