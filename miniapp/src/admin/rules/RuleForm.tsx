import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import {
  DEFAULT_SLOT_MINUTES,
  SESSION_DAY_TYPES,
  SESSION_LABELS,
  type SessionDayType,
  type SessionRule,
  type SessionRuleInput
} from '@xz/shared'
import { ActionButton } from '../../staff/lib/ActionButton'
import { actionError, fieldErrors } from '../../staff/lib/format'

export const SESSION_DAY_TYPE_LABELS: Record<SessionDayType, string> = {
  weekend: '双休日',
  holiday: '法定节假日',
  workday: '工作日'
}

type Label = (typeof SESSION_LABELS)[number]

interface FormState {
  label: Label
  dayTypes: SessionDayType[]
  start: string
  end: string
  slotMinutes: string
  capacity: string
  effectiveFrom: string
  effectiveTo: string
}

function initialState(rule?: SessionRule): FormState {
  return {
    label: rule?.label ?? SESSION_LABELS[0],
    dayTypes: rule?.dayTypes ?? ['weekend'],
    start: rule?.start ?? '09:00',
    end: rule?.end ?? '12:00',
    slotMinutes: String(rule?.slotMinutes ?? DEFAULT_SLOT_MINUTES),
    capacity: rule && !rule.capacityIsDefault ? String(rule.capacity) : '',
    effectiveFrom: rule?.effectiveFrom ?? '',
    effectiveTo: rule?.effectiveTo ?? ''
  }
}

/** The body sent to the server: numbers parsed, empty optional fields left out (or cleared with null on edit). */
export function toRuleInput(hallId: string, f: FormState): SessionRuleInput {
  return {
    hallId,
    label: f.label,
    dayTypes: f.dayTypes,
    start: f.start.trim(),
    end: f.end.trim(),
    slotMinutes: Number(f.slotMinutes),
    ...(f.capacity.trim() ? { capacity: Number(f.capacity) } : {}),
    ...(f.effectiveFrom.trim() ? { effectiveFrom: f.effectiveFrom.trim() } : {}),
    ...(f.effectiveTo.trim() ? { effectiveTo: f.effectiveTo.trim() } : {})
  }
}

interface Props {
  hallId: string
  rule?: SessionRule
  onSubmit: (input: SessionRuleInput) => Promise<void>
  onCancel: () => void
}

/** Create or edit a session rule; the server's validation messages are shown next to their fields. */
export function RuleForm({ hallId, rule, onSubmit, onCancel }: Props) {
  const [form, setForm] = useState(() => initialState(rule))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }))

  const toggleDayType = (t: SessionDayType) =>
    set('dayTypes', form.dayTypes.includes(t) ? form.dayTypes.filter((x) => x !== t) : [...form.dayTypes, t])

  const submit = async () => {
    setBusy(true)
    setErrors({})
    setError('')
    try {
      await onSubmit(toRuleInput(hallId, form))
    } catch (err) {
      const fields = fieldErrors(err)
      setErrors(fields)
      setError(Object.keys(fields).length > 0 ? '请按提示修改后再保存' : actionError(err))
    } finally {
      setBusy(false)
    }
  }

  const field = (key: keyof FormState, label: string, placeholder: string, type: 'text' | 'number' = 'text') => (
    <View className='desk__field'>
      <Text className='desk__label'>{label}</Text>
      <Input
        className='desk__input'
        data-testid={`rule-${key}`}
        type={type}
        value={form[key] as string}
        placeholder={placeholder}
        onInput={(e) => set(key, e.detail.value as never)}
      />
      {errors[key] && (
        <Text className='desk__field-error' data-testid={`rule-error-${key}`}>
          {errors[key]}
        </Text>
      )}
    </View>
  )

  return (
    <View className='desk__card' data-testid='rule-form'>
      <Text className='desk__card-title'>{rule ? '修改场次规则' : '新建场次规则'}</Text>
      <View className='desk__field'>
        <Text className='desk__label'>名称</Text>
        <View className='desk__chips'>
          {SESSION_LABELS.map((l) => (
            <Text key={l} className={`desk__chip ${form.label === l ? 'desk__chip--active' : ''}`} data-testid={`rule-label-${l}`} onClick={() => set('label', l)}>
              {l}
            </Text>
          ))}
        </View>
      </View>
      <View className='desk__field'>
        <Text className='desk__label'>适用日期</Text>
        <View className='desk__chips'>
          {SESSION_DAY_TYPES.map((t) => (
            <Text
              key={t}
              className={`desk__chip ${form.dayTypes.includes(t) ? 'desk__chip--active' : ''}`}
              data-testid={`rule-day-${t}`}
              onClick={() => toggleDayType(t)}
            >
              {SESSION_DAY_TYPE_LABELS[t]}
            </Text>
          ))}
        </View>
        {errors.dayTypes && (
          <Text className='desk__field-error' data-testid='rule-error-dayTypes'>
            {errors.dayTypes}
          </Text>
        )}
      </View>
      {field('start', '开始时间', 'HH:mm，如 09:00')}
      {field('end', '结束时间', 'HH:mm，如 12:00')}
      {field('slotMinutes', '每个号段（分钟）', '30', 'number')}
      {field('capacity', '每号段名额（留空 = 在岗窗口数 × 2）', '留空使用默认', 'number')}
      {field('effectiveFrom', '生效日期（可留空）', 'YYYY-MM-DD')}
      {field('effectiveTo', '截止日期（可留空）', 'YYYY-MM-DD')}
      {errors.hallId && <Text className='desk__field-error'>{errors.hallId}</Text>}
      <View className='desk__actions'>
        <ActionButton variant='plain' testId='rule-cancel' onClick={onCancel}>
          取消
        </ActionButton>
        <ActionButton variant='primary' testId='rule-save' disabled={busy} onClick={() => void submit()}>
          {busy ? '保存中…' : '保存'}
        </ActionButton>
      </View>
      {error && (
        <Text className='desk__error' data-testid='rule-error'>
          {error}
        </Text>
      )}
    </View>
  )
}
