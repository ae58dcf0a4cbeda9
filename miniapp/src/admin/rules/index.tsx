import { Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { SessionRule, SessionRuleInput } from '@xz/shared'
import { useAsync } from '@/hooks/useAsync'
import { useRoleGuard } from '../../staff/lib/guard'
import { DeskState } from '../../staff/lib/DeskState'
import { GuardPending } from '../../staff/lib/GuardPending'
import { useHallChoice } from '../../staff/lib/halls'
import { ActionButton } from '../../staff/lib/ActionButton'
import { ADMIN_ROLES } from '../lib'
import { createSessionRule, fetchSessionRules, updateSessionRule } from '../api'
import { RuleForm, SESSION_DAY_TYPE_LABELS } from './RuleForm'
import '../../staff/staff.scss'

type Editing = { mode: 'create' } | { mode: 'edit'; rule: SessionRule } | null

function RuleCard({ rule, onEdit, onToggle }: { rule: SessionRule; onEdit: () => void; onToggle: () => void }) {
  const archived = rule.status === 'archived'
  return (
    <View className='desk__card' data-testid='rule-item'>
      <View className='desk__card-title'>
        <Text>
          {rule.label} {rule.start}–{rule.end}
        </Text>
        <Text className={`desk__tag ${archived ? '' : 'desk__tag--served'}`}>{archived ? '已停用' : '启用中'}</Text>
      </View>
      <Text className='desk__muted'>
        {rule.dayTypes.map((t) => SESSION_DAY_TYPE_LABELS[t]).join('、')} · 每 {rule.slotMinutes} 分钟 · 每号段 {rule.capacity} 人
        {rule.capacityIsDefault ? '（默认）' : ''}
      </Text>
      {(rule.effectiveFrom || rule.effectiveTo) && (
        <Text className='desk__muted'>
          有效期 {rule.effectiveFrom ?? '—'} 至 {rule.effectiveTo ?? '长期'}
        </Text>
      )}
      {rule.demo && <Text className='desk__muted'>示例数据</Text>}
      <View className='desk__actions'>
        <ActionButton variant='plain' small testId='rule-edit' onClick={onEdit}>
          修改
        </ActionButton>
        <ActionButton variant={archived ? 'plain' : 'danger'} small testId='rule-toggle' onClick={onToggle}>
          {archived ? '启用' : '停用'}
        </ActionButton>
      </View>
    </View>
  )
}

/** 场次规则: a point's off-hours session rules — list, create, edit, archive. */
export default function AdminRules() {
  const me = useRoleGuard(ADMIN_ROLES)
  const { halls, hall, choose, loading: hallsLoading } = useHallChoice(me)
  const rules = useAsync(() => fetchSessionRules(hall!.id), [hall?.id], Boolean(hall))
  const [editing, setEditing] = useState<Editing>(null)
  const [message, setMessage] = useState('')

  if (!me) return <GuardPending />

  const save = async (input: SessionRuleInput) => {
    if (editing?.mode === 'edit') {
      const { hallId: _hallId, ...patch } = input
      await updateSessionRule(editing.rule.id, {
        ...patch,
        // cleared optional fields go back to their defaults
        capacity: patch.capacity ?? null,
        effectiveFrom: patch.effectiveFrom ?? null,
        effectiveTo: patch.effectiveTo ?? null
      })
      setMessage('场次规则已修改')
    } else {
      await createSessionRule(input)
      setMessage('场次规则已创建，群众可预约新的时段')
    }
    setEditing(null)
    rules.reload()
  }

  const toggle = async (rule: SessionRule) => {
    try {
      await updateSessionRule(rule.id, { status: rule.status === 'archived' ? 'active' : 'archived' })
      setMessage(rule.status === 'archived' ? '已启用' : '已停用')
    } catch {
      setMessage('操作失败，请重试')
    }
    rules.reload()
  }

  return (
    <View className='desk' data-testid='admin-rules'>
      <View className='desk__header'>
        <Text className='desk__title'>场次规则</Text>
        {!editing && hall && (
          <ActionButton small variant='primary' testId='rule-new' onClick={() => setEditing({ mode: 'create' })}>
            新建
          </ActionButton>
        )}
      </View>
      <Picker mode='selector' range={halls.map((h) => h.name)} onChange={(e) => choose(halls[Number(e.detail.value)].id)}>
        <View className='desk__card' data-testid='hall-picker'>
          <Text>{hall ? `网点：${hall.name} ▾` : hallsLoading ? '正在加载网点…' : '管辖区域内没有网点'}</Text>
        </View>
      </Picker>
      {message && (
        <Text className='desk__notice' data-testid='rule-message'>
          {message}
        </Text>
      )}
      {editing && hall && (
        <RuleForm
          key={editing.mode === 'edit' ? editing.rule.id : 'new'}
          hallId={hall.id}
          rule={editing.mode === 'edit' ? editing.rule : undefined}
          onSubmit={save}
          onCancel={() => setEditing(null)}
        />
      )}
      {hall && (
        <DeskState
          loading={rules.loading && !rules.data}
          error={rules.error}
          onRetry={rules.reload}
          empty={rules.data?.length === 0}
          emptyText='该网点还没有场次规则'
        >
          {rules.data?.map((rule) => (
            <RuleCard key={rule.id} rule={rule} onEdit={() => setEditing({ mode: 'edit', rule })} onToggle={() => void toggle(rule)} />
          ))}
        </DeskState>
      )}
    </View>
  )
}
