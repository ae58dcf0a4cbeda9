import { useEffect, useState } from 'react'
import { Input, Picker, Text, View } from '@tarojs/components'
import {
  CONDITION_OP_LABELS, POLICY_FIELDS, POLICY_FIELD_NAMES, conditionProblem, opsOfField,
  type Condition, type ConditionCounts, type ConditionNode, type ConditionOp, type PolicyField
} from '@xz/shared'
import { errorMessage } from '@/api/errors'
import { fetchConditionCounts } from '@/api/policies'
import { useDebounced } from '@/hooks/useDebounced'

export interface Row {
  field: PolicyField
  op: ConditionOp
  text: string
}

const LIST_OPS: ConditionOp[] = ['in', 'notIn', 'containsAny', 'containsAll']

/** The typed value of a row's text: numbers for number fields, lists for list operators ("C13, C14"). */
export function rowValue(r: Row): unknown {
  const def = POLICY_FIELDS[r.field]
  const parts = r.text.split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean)
  if (r.op === 'between') return def.type === 'number' ? parts.map(Number) : parts
  if (LIST_OPS.includes(r.op) || def.type === 'industry') return parts.map((p) => (def.type === 'industry' ? p.toUpperCase() : p))
  if (def.type === 'number') return r.text.trim() === '' ? '' : Number(r.text)
  return r.text.trim()
}

export function rowsToTree(rows: Row[], any: boolean): ConditionNode {
  const leaves = rows.map((r) => ({ field: r.field, op: r.op, value: rowValue(r) }) as Condition)
  return any ? { anyOf: leaves } : { allOf: leaves }
}

/** Rows of conditions (all-of, or any-of), with the live count of demo enterprises each keeps. */
export function ConditionEditor({ rows, onChange, any, onAny }: { rows: Row[]; onChange: (rows: Row[]) => void; any: boolean; onAny: (v: boolean) => void }) {
  const [counts, setCounts] = useState<ConditionCounts | null>(null)
  const [countError, setCountError] = useState<string | null>(null)
  const problems = rows.map((r) => conditionProblem({ field: r.field, op: r.op, value: rowValue(r) }))
  const tree = useDebounced(JSON.stringify(rowsToTree(rows, any)), 400)
  const valid = rows.length > 0 && problems.every((p) => p === null)

  useEffect(() => {
    if (!valid) return
    let live = true
    fetchConditionCounts(JSON.parse(tree) as ConditionNode).then(
      (c) => live && (setCounts(c), setCountError(null)),
      (err) => live && setCountError(errorMessage(err))
    )
    return () => {
      live = false
    }
  }, [tree, valid])

  const set = (i: number, patch: Partial<Row>) => onChange(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)))

  return (
    <View data-testid='condition-editor'>
      <View className='desk__chips'>
        <Text className={`desk__chip ${!any ? 'desk__chip--active' : ''}`} onClick={() => onAny(false)}>同时满足全部条件</Text>
        <Text className={`desk__chip ${any ? 'desk__chip--active' : ''}`} onClick={() => onAny(true)}>满足其一即可</Text>
      </View>
      {rows.map((r, i) => {
        const ops = opsOfField(r.field)
        const count = counts?.conditions[i]
        return (
          <View key={i} className='desk__card' data-testid='condition-row'>
            <View className='desk__chips'>
              <Picker mode='selector' range={POLICY_FIELD_NAMES.map((f) => POLICY_FIELDS[f].label)} onChange={(e) => {
                const field = POLICY_FIELD_NAMES[Number(e.detail.value)]
                set(i, { field, op: opsOfField(field)[0], text: '' })
              }}>
                <Text className='desk__chip' data-testid='condition-field'>{POLICY_FIELDS[r.field].label} ▾</Text>
              </Picker>
              <Picker mode='selector' range={ops.map((o) => CONDITION_OP_LABELS[o])} onChange={(e) => set(i, { op: ops[Number(e.detail.value)] })}>
                <Text className='desk__chip' data-testid='condition-op'>{CONDITION_OP_LABELS[r.op]} ▾</Text>
              </Picker>
              <Text className='desk__chip' data-testid='condition-remove' onClick={() => onChange(rows.filter((_, k) => k !== i))}>删除</Text>
            </View>
            <View className='desk__input' data-testid='condition-value'>
              <Input value={r.text} placeholder='取值；多个用逗号分隔' onInput={(e) => set(i, { text: e.detail.value })} />
            </View>
            {problems[i] ? (
              <Text className='desk__field-error' data-testid='condition-problem'>{problems[i]}</Text>
            ) : (
              count && (
                <Text className='desk__muted' data-testid='condition-count'>
                  保留 {count.pass} 家 · 待补充 {count.unknown} 家 · 排除 {count.fail} 家
                </Text>
              )
            )}
          </View>
        )
      })}
      <View className='desk__actions'>
        <Text className='desk__btn desk__btn--plain' data-testid='condition-add' onClick={() => onChange([...rows, { field: 'registeredRegion', op: 'startsWith', text: '1409' }])}>
          添加条件
        </Text>
      </View>
      {countError && <Text className='desk__error'>{countError}</Text>}
      {counts && valid && (
        <Text className='desk__notice' data-testid='condition-total'>
          {counts.enterprises} 家企业中：符合 {counts.eligible} 家，可能符合 {counts.possible} 家
        </Text>
      )}
    </View>
  )
}
