import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { Role, Ticket, TicketCategory, TicketMetricsRow } from '@xz/shared'
import { useAsync } from '@/hooks/useAsync'
import { decideExtension, fetchMonthlyReport, fetchPendingExtensions } from '@/api/tickets'
import { fetchDepartments } from '@/api/catalogue'
import { downloadMonthlyReport, fetchAdminCategories, fetchMetrics, type MetricsGroup, type ReportFormat } from './api'
import { CategoryEditor } from './CategoryEditor'
import { MonthPicker, currentMonth } from './MonthPicker'
import { useRoleGuard } from '../../staff/lib/guard'
import { GuardPending } from '../../staff/lib/GuardPending'
import { DeskState } from '../../staff/lib/DeskState'
import { useDeskUpdates } from '@/hooks/useDeskUpdates'
import { ActionButton } from '../../staff/lib/ActionButton'
import { actionError } from '../../staff/lib/format'
import { TicketCard } from '../../hotline/TicketCard'
import { BarList } from '../stats/charts'
import '../../staff/staff.scss'
import '../stats/index.scss'
import './hotline-admin.scss'

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

type RateKey = 'onTimeResponseRate' | 'closeRate' | 'onTimeCloseRate' | 'satisfactionRate' | 'revisitRate' | 'reworkRate' | 'returnRate'
const METRICS: { key: 'accepted' | RateKey; label: string }[] = [
  { key: 'accepted', label: '受理量' },
  { key: 'onTimeResponseRate', label: '按时响应率' },
  { key: 'closeRate', label: '办结率' },
  { key: 'onTimeCloseRate', label: '按时办结率' },
  { key: 'satisfactionRate', label: '满意率' },
  { key: 'revisitRate', label: '回访率' },
  { key: 'reworkRate', label: '重办率' },
  { key: 'returnRate', label: '退单率' },
]
const GROUPS: { key: MetricsGroup; label: string }[] = [
  { key: 'department', label: '按部门' },
  { key: 'category', label: '按分类' },
  { key: 'region', label: '按区域' },
]
const metricText = (r: TicketMetricsRow, key: (typeof METRICS)[number]['key']) => (key === 'accepted' ? String(r.accepted) : pct(r[key]))
/** The chart's value: a count, or a rate in percent with one decimal. */
const metricValue = (r: TicketMetricsRow, key: (typeof METRICS)[number]['key']) => (key === 'accepted' ? r.accepted : Math.round(r[key] ?? 0) / 10)

/** 办理指标: the eight metrics per department (or category, region) for a month, and a bar chart of one of them. */
function MetricsView() {
  const [month, setMonth] = useState(currentMonth())
  const [group, setGroup] = useState<MetricsGroup>('department')
  const [chart, setChart] = useState<(typeof METRICS)[number]['key']>('accepted')
  const metrics = useAsync(() => fetchMetrics(month, group), [month, group])
  const rows = metrics.data?.rows ?? []
  return (
    <View className='desk__card' data-testid='hotline-metrics'>
      <Text className='desk__card-title'>办理指标</Text>
      <MonthPicker value={month} onChange={setMonth} testId='metrics-month' />
      <View className='desk__chips'>
        {GROUPS.map((g) => (
          <Text key={g.key} className={`desk__chip ${group === g.key ? 'desk__chip--active' : ''}`} data-testid={`metrics-group-${g.key}`} onClick={() => setGroup(g.key)}>
            {g.label}
          </Text>
        ))}
      </View>
      <Text className='desk__label'>图表显示</Text>
      <View className='desk__chips'>
        {METRICS.map((m) => (
          <Text key={m.key} className={`desk__chip ${chart === m.key ? 'desk__chip--active' : ''}`} data-testid={`metrics-chart-${m.key}`} onClick={() => setChart(m.key)}>
            {m.label}
          </Text>
        ))}
      </View>
      <DeskState loading={metrics.loading && !metrics.data} error={metrics.error} onRetry={metrics.reload} empty={rows.length === 0} emptyText='该月暂无诉求'>
        <BarList testId='metrics-chart' unit={chart === 'accepted' ? '件' : '%'} data={rows.map((r) => ({ key: r.key, label: r.label, value: metricValue(r, chart) }))} />
        {rows.map((r) => (
          <View key={r.key} className='metric-row' data-testid='metrics-row'>
            <Text className='metric-row__label'>{r.label}</Text>
            <View className='metric-grid'>
              {METRICS.map((m) => (
                <View key={m.key} className='metric-grid__cell'>
                  <Text className='metric-grid__value' data-testid={`metrics-${m.key}`}>
                    {metricText(r, m.key)}
                  </Text>
                  <Text className='metric-grid__label'>{m.label}</Text>
                </View>
              ))}
            </View>
          </View>
        ))}
      </DeskState>
    </View>
  )
}

/** 派单目录: every category (inactive too), editable by the city's administrators. */
function CatalogueEditor() {
  const [version, setVersion] = useState(0)
  const [editing, setEditing] = useState<TicketCategory | 'new' | null>(null)
  const [message, setMessage] = useState('')
  const categories = useAsync(fetchAdminCategories, [version])
  const departments = useAsync(fetchDepartments, [])
  const items = categories.data?.items ?? []
  const saved = (c: TicketCategory) => {
    setMessage(`已保存分类“${c.name}”`)
    setEditing(null)
    setVersion((v) => v + 1)
  }
  const editor = (c?: TicketCategory) => <CategoryEditor category={c} departments={departments.data ?? []} onSaved={saved} onCancel={() => setEditing(null)} />
  return (
    <View className='desk__card' data-testid='catalogue'>
      <Text className='desk__card-title'>派单目录</Text>
      <Text className='desk__muted'>分类 → 承办部门、答复时限（由市级管理员维护）</Text>
      {message && (
        <Text className='desk__success' data-testid='category-message'>
          {message}
        </Text>
      )}
      {editing === 'new' ? (
        editor()
      ) : (
        <View className='desk__actions'>
          <ActionButton variant='primary' testId='category-new' onClick={() => setEditing('new')}>
            新增分类
          </ActionButton>
        </View>
      )}
      <DeskState loading={categories.loading && !categories.data} error={categories.error} onRetry={categories.reload} empty={items.length === 0} emptyText='派单目录为空'>
        {items.map((c) =>
          editing !== 'new' && editing?.id === c.id ? (
            <View key={c.id}>{editor(c)}</View>
          ) : (
            <View key={c.id} className='desk__row' data-testid='category-row'>
              <View className='desk__row-main'>
                <Text data-testid='category-row-name'>
                  {c.parent ? `${c.parent} › ` : ''}
                  {c.name}
                  {c.active ? '' : '（已停用）'}
                </Text>
                <Text className='desk__muted' data-testid='category-row-detail'>
                  {c.departmentName} · {c.limitClass} {c.replyDays} 个工作日
                </Text>
              </View>
              <ActionButton variant='plain' small testId='category-edit' onClick={() => setEditing(c)}>
                编辑
              </ActionButton>
            </View>
          ),
        )}
      </DeskState>
    </View>
  )
}

/** 下载 CSV / 下载 XLSX of the 月通报 of a month. */
function ReportDownloads({ month }: { month: string }) {
  const [busy, setBusy] = useState<ReportFormat | null>(null)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const download = async (format: ReportFormat) => {
    setBusy(format)
    setResult(null)
    try {
      const text = await downloadMonthlyReport(month, format)
      setResult({ ok: true, text: process.env.TARO_ENV === 'h5' ? `已下载 ${text}` : text })
    } catch (err) {
      setResult({ ok: false, text: actionError(err) })
    } finally {
      setBusy(null)
    }
  }
  return (
    <View>
      <View className='desk__actions'>
        <ActionButton variant='plain' testId='report-download-csv' disabled={busy !== null} onClick={() => void download('csv')}>
          {busy === 'csv' ? '下载中…' : '下载 CSV'}
        </ActionButton>
        <ActionButton variant='plain' testId='report-download-xlsx' disabled={busy !== null} onClick={() => void download('xlsx')}>
          {busy === 'xlsx' ? '下载中…' : '下载 XLSX'}
        </ActionButton>
      </View>
      {result && (
        <Text className={result.ok ? 'desk__success' : 'desk__error'} data-testid='report-download-result'>
          {result.text}
        </Text>
      )}
    </View>
  )
}

/** 12345 for administrators: extension approvals, metrics, the 月通报 (ranking chart, downloads), the dispatch catalogue. */
export default function AdminHotline() {
  const me = useRoleGuard(ROLES)
  const months = recentMonths()
  const [month, setMonth] = useState(months[1])
  const { version, message, doneWith } = useDeskUpdates()
  const extensions = useAsync(fetchPendingExtensions, [version], Boolean(me))
  const report = useAsync(() => fetchMonthlyReport(month), [month], Boolean(me))
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
            onDone={doneWith(t.id)}
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
        <ReportDownloads month={month} />
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

      <MetricsView />

      <CatalogueEditor />
    </View>
  )
}
