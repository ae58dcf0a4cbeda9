import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { KnowledgeEntry, Role } from '@xz/shared'
import { useAsync } from '@/hooks/useAsync'
import { fetchKnowledge, fetchReviewDue, fetchReviewReport, reviewKnowledge } from '@/api/knowledge'
import { useRoleGuard } from '../../staff/lib/guard'
import { GuardPending } from '../../staff/lib/GuardPending'
import { DeskState } from '../../staff/lib/DeskState'
import { ActionButton } from '../../staff/lib/ActionButton'
import { actionError, shortDateTime } from '../../staff/lib/format'
import { MonthPicker, currentMonth } from '../hotline/MonthPicker'
import { KnowledgeEditor } from './KnowledgeEditor'
import '../../staff/staff.scss'
import '../hotline/hotline-admin.scss'

const ROLES: Role[] = ['admin', 'handler']

const pct = (x: number | null) => (x === null ? '—' : `${(x / 10).toFixed(1)}%`)

function EntryCard({ entry, onChanged, onEdit }: { entry: KnowledgeEntry; onChanged: (message: string) => void; onEdit: () => void }) {
  const [error, setError] = useState('')
  const [expanded, setExpanded] = useState(false)
  const review = async (action: 'valid' | 'retire') => {
    setError('')
    try {
      await reviewKnowledge(entry.id, action)
      onChanged(action === 'valid' ? `“${entry.title}”已复核，仍有效` : `“${entry.title}”已下架`)
    } catch (err) {
      setError(actionError(err))
    }
  }
  return (
    <View className='desk__card' data-testid='kb-entry' data-id={entry.id}>
      <View>
        {entry.expired && (
          <Text className='kb-badge kb-badge--expired' data-testid='kb-badge-expired'>
            已过期
          </Text>
        )}
        {entry.reviewDue && (
          <Text className='kb-badge' data-testid='kb-badge-due'>
            待复核
          </Text>
        )}
        <Text className='desk__card-title' data-testid='kb-entry-title'>
          {entry.title}
        </Text>
      </View>
      <View>
        <Text className='desk__muted'>
          {entry.type} · {entry.categoryPath.join(' › ')} · {entry.departmentName}
        </Text>
      </View>
      <View>
        <Text className='desk__muted'>
          上次复核 {shortDateTime(entry.reviewedAt)} · 下次复核 {shortDateTime(entry.reviewDueAt)}
          {entry.validTo ? ` · 有效期至 ${entry.validTo}` : ''}
        </Text>
      </View>
      <Text className='kb-content' onClick={() => setExpanded((v) => !v)}>
        {expanded || entry.content.length <= 60 ? entry.content : `${entry.content.slice(0, 60)}…（展开）`}
      </Text>
      {entry.keywords.length > 0 && <Text className='desk__muted'>关键词：{entry.keywords.join('、')}</Text>}
      <View className='desk__actions'>
        {entry.reviewDue && (
          <ActionButton variant='primary' testId='kb-review-valid' onClick={() => void review('valid')}>
            已复核，仍有效
          </ActionButton>
        )}
        <ActionButton variant='plain' testId='kb-edit' onClick={onEdit}>
          编辑
        </ActionButton>
        <ActionButton variant='danger' testId='kb-retire' onClick={() => void review('retire')}>
          下架
        </ActionButton>
      </View>
      {error && (
        <Text className='desk__error' data-testid='kb-entry-error'>
          {error}
        </Text>
      )}
    </View>
  )
}

function ReviewReport() {
  const [month, setMonth] = useState(currentMonth())
  const report = useAsync(() => fetchReviewReport(month), [month])
  const rows = report.data?.rows ?? []
  return (
    <View className='desk__card' data-testid='kb-report'>
      <Text className='desk__card-title'>月度复核报告</Text>
      <MonthPicker value={month} onChange={setMonth} testId='kb-report-month' />
      <DeskState loading={report.loading && !report.data} error={report.error} onRetry={report.reload} empty={false}>
        <View className='desk__row'>
          <Text>知识库解决率</Text>
          <Text className='desk__muted' data-testid='kb-resolution-rate'>
            {pct(report.data?.resolutionRate ?? null)}（看了知识条目不再提交 {report.data?.resolved ?? 0} 次，看后仍提交 {report.data?.submittedAfterSuggestions ?? 0} 次）
          </Text>
        </View>
        {rows.length === 0 && (
          <Text className='desk__empty' data-testid='state-empty'>
            暂无知识条目
          </Text>
        )}
        {rows.map((r) => (
          <View key={r.departmentId} className='desk__row' data-testid='kb-report-row'>
            <Text>{r.departmentName}</Text>
            <Text className='desk__muted'>
              共 {r.total} 条 · 本月已复核 {r.reviewed} · 待复核 {r.due} · 已过期 {r.expired}
            </Text>
          </View>
        ))}
      </DeskState>
    </View>
  )
}

/**
 * 知识库维护 (SPEC §2.8 按月更新): entries due for their monthly review first, search, one-tap review, edit, 下架 and
 * new entries; administrators also see the monthly review report. Handlers see their own department's entries.
 */
export default function KnowledgeAdmin() {
  const me = useRoleGuard(ROLES)
  const [version, setVersion] = useState(0)
  const [message, setMessage] = useState('')
  const [query, setQuery] = useState('')
  const [searched, setSearched] = useState('')
  const [editing, setEditing] = useState<KnowledgeEntry | 'new' | null>(null)
  const due = useAsync(fetchReviewDue, [version], Boolean(me))
  const list = useAsync(() => fetchKnowledge(searched), [searched, version], Boolean(me))
  if (!me) return <GuardPending />
  const ownDepartment = me.role === 'handler' ? me.departmentId : undefined
  const dueItems = due.data?.items ?? []
  const dueIds = new Set(dueItems.map((e) => e.id))
  const others = (list.data?.items ?? []).filter((e) => !dueIds.has(e.id) && (!ownDepartment || e.departmentId === ownDepartment))
  const changed = (m: string) => {
    setMessage(m)
    setEditing(null)
    setVersion((v) => v + 1)
  }
  const card = (e: KnowledgeEntry) =>
    editing !== 'new' && editing?.id === e.id ? (
      <KnowledgeEditor key={e.id} entry={e} departmentId={ownDepartment} onCancel={() => setEditing(null)} onSaved={(s) => changed(`“${s.title}”已保存（视为本月复核）`)} />
    ) : (
      <EntryCard key={e.id} entry={e} onChanged={changed} onEdit={() => setEditing(e)} />
    )

  return (
    <View className='desk' data-testid='admin-knowledge'>
      <View className='desk__header'>
        <View className='desk__row-main'>
          <Text className='desk__title'>知识库维护</Text>
          <Text className='desk__sub'>{ownDepartment ? '本部门的知识条目，每月复核一次' : '本辖区各部门的知识条目，每月复核一次'}</Text>
        </View>
      </View>
      {message && (
        <Text className='desk__success' data-testid='kb-message'>
          {message}
        </Text>
      )}
      {editing === 'new' ? (
        <KnowledgeEditor departmentId={ownDepartment} onCancel={() => setEditing(null)} onSaved={(s) => changed(`已新建“${s.title}”`)} />
      ) : (
        <View className='desk__actions'>
          <ActionButton variant='primary' testId='kb-new' onClick={() => setEditing('new')}>
            新建知识条目
          </ActionButton>
        </View>
      )}

      <View className='desk__card'>
        <Text className='desk__card-title'>待复核（{dueItems.length}）</Text>
        <Text className='desk__muted'>超过一个月未复核或已过有效期的条目</Text>
      </View>
      <DeskState loading={due.loading && !due.data} error={due.error} onRetry={due.reload} empty={dueItems.length === 0} emptyText='本月的条目都已复核'>
        <View data-testid='kb-due-list'>{dueItems.map(card)}</View>
      </DeskState>

      <View className='desk__card'>
        <Text className='desk__card-title'>全部条目</Text>
        <View className='desk__field'>
          <Input className='desk__input' data-testid='kb-search' value={query} placeholder='标题、关键词或拼音' confirmType='search' onInput={(e) => setQuery(e.detail.value)} onConfirm={() => setSearched(query)} />
        </View>
        <View className='desk__actions'>
          <ActionButton variant='plain' testId='kb-search-submit' onClick={() => setSearched(query)}>
            搜索
          </ActionButton>
        </View>
      </View>
      <DeskState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} empty={others.length === 0} emptyText={searched ? '没有找到匹配的条目' : '暂无其他条目'}>
        <View data-testid='kb-list'>{others.map(card)}</View>
      </DeskState>

      {me.role === 'admin' && <ReviewReport />}
    </View>
  )
}
