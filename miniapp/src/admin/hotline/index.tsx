import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { Role, Ticket } from '@xz/shared'
import { useAsync } from '@/hooks/useAsync'
import { decideExtension, fetchMonthlyReport, fetchPendingExtensions, fetchTicketCategories } from '@/api/tickets'
import { useRoleGuard } from '../../staff/lib/guard'
import { GuardPending } from '../../staff/lib/GuardPending'
import { DeskState } from '../../staff/lib/DeskState'
import { ActionButton } from '../../staff/lib/ActionButton'
import { actionError } from '../../staff/lib/format'
import { TicketCard } from '../../hotline/TicketCard'
import { BarList } from '../stats/charts'
import '../../staff/staff.scss'
import '../stats/index.scss'

const ROLES: Role[] = ['admin']

/** The last three months, newest first ('YYYY-MM', local time). */
function recentMonths(): string[] {
  const d = new Date(Date.now() + 8 * 3_600_000)
  const out: string[] = []
  for (let i = 0; i < 3; i++) {
    const y = d.getUTCFullYear()
    const m = d.getUTCMonth() - i
    const date = new Date(Date.UTC(y, m, 1))
    out.push(`${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`)
  }
  return out
}

const pct = (x: number | null) => (x === null ? '—' : `${(x / 10).toFixed(1)}%`)

function ExtensionItem({ ticket, onDone }: { ticket: Ticket; onDone: (m: string) => void }) {
  const [error, setError] = useState('')
  const decide = async (approve: boolean) => {
    setError('')
    try {
      await decideExtension(ticket.id, approve, approve ? '同意延期' : '不符合延期条件')
      onDone(approve ? '已同意延期' : '已驳回延期')
    } catch (err) {
      setError(actionError(err))
    }
  }
  return (
    <TicketCard ticket={ticket}>
      <View>
        <Text className='desk__muted'>
          申请延期 {ticket.extension?.days} 个工作日：{ticket.extension?.reason}
        </Text>
      </View>
      <View className='desk__actions'>
        <ActionButton variant='primary' testId='extension-approve' onClick={() => void decide(true)}>
          同意
        </ActionButton>
        <ActionButton variant='danger' testId='extension-refuse' onClick={() => void decide(false)}>
          不同意
        </ActionButton>
      </View>
      {error && <Text className='desk__error'>{error}</Text>}
    </TicketCard>
  )
}

/** 12345 for administrators: extension approvals, the 月通报 with its ranking chart, the dispatch catalogue. */
export default function AdminHotline() {
  const me = useRoleGuard(ROLES)
  const months = recentMonths()
  const [month, setMonth] = useState(months[1])
  const [version, setVersion] = useState(0)
  const [message, setMessage] = useState('')
  const extensions = useAsync(fetchPendingExtensions, [version], Boolean(me))
  const report = useAsync(() => fetchMonthlyReport(month), [month], Boolean(me))
  const categories = useAsync(fetchTicketCategories, [], Boolean(me))
  if (!me) return <GuardPending />
  const rows = report.data?.rows ?? []
  return (
    <View className='desk' data-testid='admin-hotline'>
      <View className='desk__header'>
        <Text className='desk__title'>12345 管理</Text>
      </View>
      {message && <Text className='desk__success'>{message}</Text>}

      <View className='desk__card'>
        <Text className='desk__card-title'>延期审批</Text>
      </View>
      <DeskState loading={extensions.loading && !extensions.data} error={extensions.error} onRetry={extensions.reload} empty={(extensions.data?.items ?? []).length === 0} emptyText='暂无待审批的延期申请'>
        {(extensions.data?.items ?? []).map((t) => (
          <ExtensionItem
            key={t.id}
            ticket={t}
            onDone={(m) => {
              setMessage(`${t.id} ${m}`)
              setVersion((v) => v + 1)
            }}
          />
        ))}
      </DeskState>

      <View className='desk__card' data-testid='monthly-report'>
        <Text className='desk__card-title'>月通报（部门综合得分排名）</Text>
        <View className='desk__chips'>
          {months.map((m) => (
            <Text key={m} className={`desk__chip ${month === m ? 'desk__chip--active' : ''}`} data-testid={`report-month-${m}`} onClick={() => setMonth(m)}>
              {m}
            </Text>
          ))}
        </View>
        <DeskState loading={report.loading && !report.data} error={report.error} onRetry={report.reload} empty={rows.length === 0} emptyText='该月暂无诉求'>
          <BarList testId='report-chart' unit='分' data={rows.map((r) => ({ key: r.key, label: `${r.rank}. ${r.label}`, value: r.score }))} />
          {rows.map((r) => (
            <View key={r.key} className='desk__row' data-testid='report-row'>
              <Text>
                {r.rank}. {r.label}
              </Text>
              <Text className='desk__muted'>
                受理 {r.accepted} · 按时办结 {pct(r.onTimeCloseRate)} · 满意 {pct(r.satisfactionRate)} · 退单 {pct(r.returnRate)}
              </Text>
            </View>
          ))}
        </DeskState>
      </View>

      <View className='desk__card'>
        <Text className='desk__card-title'>派单目录</Text>
        {(categories.data?.items ?? []).map((c) => (
          <View key={c.id} className='desk__row'>
            <Text>
              {c.parent ? `${c.parent} › ` : ''}
              {c.name}
            </Text>
            <Text className='desk__muted'>
              {c.departmentName} · {c.limitClass} {c.replyDays} 个工作日
            </Text>
          </View>
        ))}
      </View>
    </View>
  )
}
