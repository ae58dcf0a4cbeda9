import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { useAsync } from '@/hooks/useAsync'
import { WORK_ORDER_STATUS_LABELS, type WorkOrder, type WorkOrderStatus } from '@xz/shared'
import { fetchWorkOrders, STAFF_ROLES } from '../api'
import { useRoleGuard } from '../lib/guard'
import { DeskState } from '../lib/DeskState'
import { GuardPending } from '../lib/GuardPending'
import { levelStars, shortDateTime } from '../lib/format'
import { StaffNav } from '../lib/StaffNav'
import '../staff.scss'

const FILTER_STATUSES: WorkOrderStatus[] = ['pending_verification', 'rectifying', 'replied', 'rejected']
const FILTERS: { key: WorkOrderStatus | 'all'; label: string }[] = [
  { key: 'all', label: '全部' },
  ...FILTER_STATUSES.map((key) => ({ key, label: WORK_ORDER_STATUS_LABELS[key] }))
]

function deadlineOf(order: WorkOrder): { label: string; at?: string } {
  return { label: order.status === 'pending_verification' ? '核实期限' : '整改答复期限', at: order.dueAt }
}

function OrderRow({ order }: { order: WorkOrder }) {
  const deadline = deadlineOf(order)
  return (
    <View
      className='desk__card'
      data-testid='work-order'
      onClick={() => void Taro.navigateTo({ url: `/staff/work-order/index?id=${order.id}` })}
    >
      <View className='desk__card-title'>
        <Text>{order.serviceName ?? '窗口服务'}</Text>
        <Text className={`desk__tag ${order.overdue ? 'desk__tag--overdue' : ''}`} data-testid='work-order-status'>
          {order.overdue ? `已超期·${WORK_ORDER_STATUS_LABELS[order.status]}` : WORK_ORDER_STATUS_LABELS[order.status]}
        </Text>
      </View>
      <Text className='desk__muted'>
        {levelStars(order.rating.level)} {order.rating.tags.join('、')}
      </Text>
      {order.rating.comment && <Text className='desk__muted'>“{order.rating.comment}”</Text>}
      {deadline.at && (
        <Text className='desk__muted'>
          {deadline.label}：{shortDateTime(deadline.at)}
        </Text>
      )}
    </View>
  )
}

/** 差评工单: the point's rectification orders, overdue first. */
export default function StaffWorkOrders() {
  const me = useRoleGuard(STAFF_ROLES)
  const [filter, setFilter] = useState<WorkOrderStatus | 'all'>('all')
  const orders = useAsync(() => fetchWorkOrders(filter === 'all' ? undefined : filter), [filter], Boolean(me))

  if (!me) return <GuardPending />

  return (
    <View className='desk' data-testid='staff-work-orders'>
      <View className='desk__header'>
        <Text className='desk__title'>差评工单</Text>
        <Text className='desk__muted'>核实 1 个工作日内，整改回复 5 个工作日内</Text>
      </View>
      <StaffNav current='work-orders' role={me.role} />
      <View className='desk__chips'>
        {FILTERS.map((f) => (
          <Text
            key={f.key}
            className={`desk__chip ${filter === f.key ? 'desk__chip--active' : ''}`}
            data-testid={`wo-filter-${f.key}`}
            onClick={() => setFilter(f.key)}
          >
            {f.label}
          </Text>
        ))}
      </View>
      <DeskState
        loading={orders.loading && !orders.data}
        error={orders.error}
        onRetry={orders.reload}
        empty={orders.data?.length === 0}
        emptyText='暂无差评工单'
      >
        {orders.data?.map((order) => <OrderRow key={order.id} order={order} />)}
      </DeskState>
    </View>
  )
}
