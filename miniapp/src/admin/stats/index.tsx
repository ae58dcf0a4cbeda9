import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { addDays } from '@xz/shared'
import { useAsync } from '@/hooks/useAsync'
import { StateView } from '@/components/StateView'
import { todayLocal } from '@/utils/format'
import { useRoleGuard } from '../../staff/lib/guard'
import { GuardPending } from '../../staff/lib/GuardPending'
import { ADMIN_ROLES } from '../lib'
import { fetchOverview } from '../api'
import { BarList, StackedBars, TrendBars } from './charts'
import { BOOKING_SERIES, RATE_SERIES, dashboardOf, percent } from './model'
import '../../staff/staff.scss'
import './index.scss'

const PERIODS = [7, 30, 90] as const

/** 统计看板: 好差评 levels, 好评率 / 主动评价好评率 per day, bookings per day by state, work orders by state. */
export default function AdminStats() {
  const me = useRoleGuard(ADMIN_ROLES)
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30)
  const to = todayLocal()
  const from = addDays(to, -(days - 1))
  const overview = useAsync(() => fetchOverview(from, to), [from, to], Boolean(me))

  if (!me) return <GuardPending />
  const board = overview.data && dashboardOf(overview.data)

  return (
    <View className='desk' data-testid='admin-stats'>
      <View className='desk__header'>
        <Text className='desk__title'>统计看板</Text>
        <Text className='desk__muted'>
          {from} 至 {to}
        </Text>
      </View>
      <View className='desk__chips'>
        {PERIODS.map((p) => (
          <Text key={p} className={`desk__chip ${days === p ? 'desk__chip--active' : ''}`} data-testid={`stats-period-${p}`} onClick={() => setDays(p)}>
            近{p}天
          </Text>
        ))}
      </View>
      <StateView loading={overview.loading && !overview.data} error={overview.error} onRetry={overview.reload}>
        {overview.data && board && (
          <>
            <View className='stats__kpis'>
              <View className='stats__kpi'>
                <Text className='stats__kpi-value' data-testid='kpi-good-rate'>
                  {percent(overview.data.ratings.goodRate)}
                </Text>
                <Text className='stats__kpi-label'>好评率</Text>
              </View>
              <View className='stats__kpi'>
                <Text className='stats__kpi-value' data-testid='kpi-active-good-rate'>
                  {percent(overview.data.ratings.activeGoodRate)}
                </Text>
                <Text className='stats__kpi-label'>主动评价好评率</Text>
              </View>
              <View className='stats__kpi'>
                <Text className='stats__kpi-value' data-testid='kpi-ratings'>
                  {overview.data.ratings.total}
                </Text>
                <Text className='stats__kpi-label'>评价总数</Text>
              </View>
              <View className='stats__kpi'>
                <Text className='stats__kpi-value' data-testid='kpi-bookings'>
                  {board.totalBookings}
                </Text>
                <Text className='stats__kpi-label'>预约总数</Text>
              </View>
            </View>

            <View className='desk__card'>
              <Text className='desk__card-title'>评价等级分布</Text>
              <BarList data={board.levels} testId='chart-levels' />
            </View>
            <View className='desk__card'>
              <Text className='desk__card-title'>好评率趋势（按日）</Text>
              <TrendBars columns={board.rates} series={RATE_SERIES} max={1} testId='chart-rates' />
            </View>
            <View className='desk__card'>
              <Text className='desk__card-title'>每日预约（按状态）</Text>
              <StackedBars columns={board.bookings} series={BOOKING_SERIES} testId='chart-bookings' />
            </View>
            <View className='desk__card'>
              <View className='desk__card-title'>
                <Text>差评工单（按状态）</Text>
                <Text className='desk__tag desk__tag--overdue' data-testid='kpi-overdue'>
                  当前超期 {overview.data.workOrders.overdue}
                </Text>
              </View>
              <BarList data={board.workOrders} testId='chart-work-orders' />
            </View>
          </>
        )}
      </StateView>
    </View>
  )
}
