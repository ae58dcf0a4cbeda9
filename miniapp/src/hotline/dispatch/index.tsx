import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { Role, Ticket } from '@xz/shared'
import { useAsync } from '@/hooks/useAsync'
import { fetchTicketCategories, mergeTicket } from '@/api/tickets'
import { dispatch, fetchQueue, type QueueFilter } from './api'
import { useRoleGuard } from '../../staff/lib/guard'
import { GuardPending } from '../../staff/lib/GuardPending'
import { DeskState } from '../../staff/lib/DeskState'
import { useDeskUpdates } from '@/hooks/useDeskUpdates'
import { ActionButton } from '../../staff/lib/ActionButton'
import { actionError } from '../../staff/lib/format'
import { TicketCard } from '../TicketCard'
import '../../staff/staff.scss'
import './dispatch.scss'

const ROLES: Role[] = ['dispatcher']

const TABS: { key: QueueFilter; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'enterprise', label: '涉企专席' },
  { key: 'other', label: '非涉企' },
]

function QueueItem({ ticket, departments, onDone }: { ticket: Ticket; departments: { id: string; name: string }[]; onDone: (message: string) => void }) {
  const [departmentId, setDepartmentId] = useState(ticket.departmentId ?? '')
  const [mergeInto, setMergeInto] = useState('')
  const [urgent, setUrgent] = useState(ticket.urgent)
  const [error, setError] = useState('')
  const run = async (action: () => Promise<Ticket>, message: string) => {
    setError('')
    try {
      await action()
      onDone(message)
    } catch (err) {
      setError(actionError(err))
    }
  }
  const redispatch = ticket.status === 'returned'
  return (
    <TicketCard ticket={ticket}>
      <Text className='desk__label'>承办部门</Text>
      <View className='desk__chips'>
        {departments.map((d) => (
          <Text key={d.id} className={`desk__chip ${departmentId === d.id ? 'desk__chip--active' : ''}`} data-testid='dispatch-department' onClick={() => setDepartmentId(d.id)}>
            {d.name}
          </Text>
        ))}
      </View>
      <View
        className={`desk__toggle ${urgent ? 'desk__toggle--on' : ''}`}
        role='switch'
        aria-checked={urgent}
        data-testid='dispatch-urgent'
        onClick={() => setUrgent((v) => !v)}
      >
        <Text className='desk__toggle-box'>{urgent ? '✓' : ''}</Text>
        <Text>紧急（2 小时内首次响应）</Text>
      </View>
      <View className='desk__actions'>
        <ActionButton
          variant='primary'
          testId='dispatch-submit'
          onClick={() =>
            void run(
              () => dispatch(ticket.id, { ...(departmentId ? { departmentId } : {}), urgent, ...(redispatch ? { note: '退单后改派' } : {}) }),
              `${redispatch ? '已改派' : '已派单'}${urgent ? '（紧急）' : ''}`,
            )
          }
        >
          {redispatch ? '改派' : '派单'}
        </ActionButton>
      </View>
      {!redispatch && (
        <View className='desk__field'>
          <Text className='desk__label'>并单到（同一诉求人的诉求编号）</Text>
          <Input className='desk__input' data-testid='merge-into' value={mergeInto} placeholder='12345-YYYYMMDD-NNNN' onInput={(e) => setMergeInto(e.detail.value)} />
          <View className='desk__actions'>
            <ActionButton variant='plain' testId='merge-submit' onClick={() => void run(() => mergeTicket(ticket.id, mergeInto.trim()), '已并单')}>
              并单
            </ActionButton>
          </View>
        </View>
      )}
      {error && (
        <Text className='desk__error' data-testid='dispatch-error'>
          {error}
        </Text>
      )}
    </TicketCard>
  )
}

/** 12345 受理/派单: new and returned tickets of the dispatcher's region. */
export default function DispatchQueue() {
  const me = useRoleGuard(ROLES)
  const { version, message, doneWith } = useDeskUpdates()
  const [filter, setFilter] = useState<QueueFilter>('all')
  const queue = useAsync(() => fetchQueue(filter), [version, filter], Boolean(me))
  const categories = useAsync(fetchTicketCategories, [], Boolean(me))
  if (!me) return <GuardPending />
  const departments = [...new Map((categories.data?.items ?? []).map((c) => [c.departmentId, { id: c.departmentId, name: c.departmentName }])).values()]
  const items = queue.data?.items ?? []
  return (
    <View className='desk' data-testid='hotline-dispatch'>
      <View className='desk__header'>
        <Text className='desk__title'>12345 待派单</Text>
        <Text className='desk__muted'>被退回的和涉企诉求排在前面</Text>
      </View>
      <View className='desk__nav' data-testid='dispatch-tabs'>
        {TABS.map((t) => (
          <Text key={t.key} className={`desk__nav-item ${filter === t.key ? 'desk__nav-item--active' : ''}`} data-testid={`dispatch-tab-${t.key}`} onClick={() => setFilter(t.key)}>
            {t.label}
          </Text>
        ))}
      </View>
      {message && (
        <Text className='desk__success' data-testid='dispatch-message'>
          {message}
        </Text>
      )}
      <DeskState loading={queue.loading && !queue.data} error={queue.error} onRetry={queue.reload} empty={items.length === 0} emptyText={filter === 'enterprise' ? '暂无待派单的涉企诉求' : '暂无待派单诉求'}>
        {items.map((t) => (
          <QueueItem
            key={t.id}
            ticket={t}
            departments={departments}
            onDone={doneWith(t.id)}
          />
        ))}
      </DeskState>
    </View>
  )
}
