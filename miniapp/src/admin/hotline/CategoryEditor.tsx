import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { DEFAULT_REPLY_WORKING_DAYS, TICKET_LIMIT_CLASSES, type Department, type TicketCategory, type TicketCategoryInput } from '@xz/shared'
import { ActionButton } from '../../staff/lib/ActionButton'
import { useFormErrors } from '@/hooks/useFormErrors'
import { createCategory, updateCategory } from './api'

type LimitClass = (typeof TICKET_LIMIT_CLASSES)[number]

interface Props {
  category?: TicketCategory
  departments: Department[]
  onSaved: (c: TicketCategory) => void
  onCancel: () => void
}

/** Create or change a category of the 派单目录: name, parent, responsible department, time limit, active. */
export function CategoryEditor({ category, departments, onSaved, onCancel }: Props) {
  const [name, setName] = useState(category?.name ?? '')
  const [parent, setParent] = useState(category?.parent ?? '')
  const [departmentId, setDepartmentId] = useState(category?.departmentId ?? '')
  const [filter, setFilter] = useState('')
  const [limitClass, setLimitClass] = useState<LimitClass>(category?.limitClass ?? '一般')
  const [replyDays, setReplyDays] = useState(category ? String(category.replyDays) : '')
  const [active, setActive] = useState(category?.active ?? true)
  const { setErrors, saving, run, fieldError } = useFormErrors('category')

  const save = async () => {
    setErrors({})
    if (!departmentId) {
      setErrors({ departmentId: '请选择承办部门' })
      return
    }
    const days = replyDays.trim()
    if (days && !/^\d+$/.test(days)) {
      setErrors({ replyDays: '办理时限应为整数个工作日' })
      return
    }
    const input: TicketCategoryInput = {
      name: name.trim(),
      ...(parent.trim() ? { parent: parent.trim() } : {}),
      departmentId,
      limitClass,
      ...(days ? { replyDays: Number(days) } : {}),
      active,
    }
    await run(async () => onSaved(category ? await updateCategory(category.id, input) : await createCategory(input)))
  }
  const chosen = departments.find((d) => d.id === departmentId)
  const shown = departments.filter((d) => d.id === departmentId || (filter.trim() && d.name.includes(filter.trim()))).slice(0, 8)

  return (
    <View className='desk__field' data-testid='category-editor'>
      <Text className='desk__label'>分类名称</Text>
      <Input className='desk__input' data-testid='category-name' value={name} maxlength={40} placeholder='例如：社保卡补换' onInput={(e) => setName(e.detail.value)} />
      {fieldError('name')}
      <Text className='desk__label'>上级分类（可不填）</Text>
      <Input className='desk__input' data-testid='category-parent' value={parent} maxlength={40} placeholder='例如：社会保障' onInput={(e) => setParent(e.detail.value)} />
      {fieldError('parent')}
      <Text className='desk__label'>承办部门{chosen ? `：${chosen.name}` : ''}</Text>
      <Input className='desk__input' data-testid='category-department-filter' value={filter} placeholder='输入部门名称查找' onInput={(e) => setFilter(e.detail.value)} />
      <View className='desk__chips'>
        {shown.map((d) => (
          <Text key={d.id} className={`desk__chip ${departmentId === d.id ? 'desk__chip--active' : ''}`} data-testid='category-department' onClick={() => setDepartmentId(d.id)}>
            {d.name}
          </Text>
        ))}
      </View>
      {fieldError('departmentId')}
      <Text className='desk__label'>时限类别</Text>
      <View className='desk__chips'>
        {TICKET_LIMIT_CLASSES.map((c) => (
          <Text key={c} className={`desk__chip ${limitClass === c ? 'desk__chip--active' : ''}`} data-testid={`category-limit-${c}`} onClick={() => setLimitClass(c)}>
            {c}（默认 {DEFAULT_REPLY_WORKING_DAYS[c]} 个工作日）
          </Text>
        ))}
      </View>
      <Text className='desk__label'>答复时限（工作日，不填按类别默认）</Text>
      <Input className='desk__input' data-testid='category-days' type='number' value={replyDays} onInput={(e) => setReplyDays(e.detail.value)} />
      {fieldError('replyDays')}
      <View className='desk__chips'>
        <Text className={`desk__chip ${active ? 'desk__chip--active' : ''}`} data-testid='category-active' onClick={() => setActive(true)}>
          启用
        </Text>
        <Text className={`desk__chip ${!active ? 'desk__chip--active' : ''}`} data-testid='category-inactive' onClick={() => setActive(false)}>
          停用
        </Text>
      </View>
      {fieldError('_')}
      <View className='desk__actions'>
        <ActionButton variant='primary' testId='category-save' disabled={saving} onClick={() => void save()}>
          {saving ? '保存中…' : '保存'}
        </ActionButton>
        <ActionButton variant='plain' testId='category-cancel' onClick={onCancel}>
          取消
        </ActionButton>
      </View>
    </View>
  )
}
