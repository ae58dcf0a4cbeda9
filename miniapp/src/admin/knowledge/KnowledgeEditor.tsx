import { useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { KNOWLEDGE_TYPES, type KnowledgeEntry, type KnowledgeInput, type KnowledgeType } from '@xz/shared'
import { useAsync } from '@/hooks/useAsync'
import { fetchDepartments } from '@/api/catalogue'
import { createKnowledge, updateKnowledge } from '@/api/knowledge'
import { scrollToAnchor } from '@/utils/scroll'
import { ActionButton } from '../../staff/lib/ActionButton'
import { useFormErrors } from '@/hooks/useFormErrors'

const split = (s: string, sep: RegExp) =>
  s
    .split(sep)
    .map((x) => x.trim())
    .filter(Boolean)

interface Props {
  /** the entry to edit; a new entry when absent */
  entry?: KnowledgeEntry
  /** a handler's own department (fixed); administrators pick one */
  departmentId?: string
  onSaved: (entry: KnowledgeEntry, created: boolean) => void
  onCancel: () => void
}

const FIELD_ORDER = ['title', 'categoryPath', 'content', 'keywords', 'type', 'departmentId', 'validFrom', 'validTo', '_']

/** Create or edit a knowledge entry; the server's message for each field is shown at that field. */
export function KnowledgeEditor({ entry, departmentId: fixedDepartment, onSaved, onCancel }: Props) {
  const [title, setTitle] = useState(entry?.title ?? '')
  const [category, setCategory] = useState((entry?.categoryPath ?? []).join(' / '))
  const [content, setContent] = useState(entry?.content ?? '')
  const [keywords, setKeywords] = useState((entry?.keywords ?? []).join('，'))
  const [type, setType] = useState<KnowledgeType>(entry?.type ?? '热点问答')
  const [validFrom, setValidFrom] = useState(entry?.validFrom ?? '')
  const [validTo, setValidTo] = useState(entry?.validTo ?? '')
  const [departmentId, setDepartmentId] = useState(entry?.departmentId ?? fixedDepartment ?? '')
  const [deptFilter, setDeptFilter] = useState('')
  const { saving, run, fieldError } = useFormErrors('kb')
  const departments = useAsync(fetchDepartments, [], !fixedDepartment)
  const prefix = entry ? `kb-edit-${entry.id}` : 'kb-new'

  const save = async () => {
    const input: KnowledgeInput = {
      title: title.trim(),
      categoryPath: split(category, /[/／>›]/),
      content: content.trim(),
      keywords: split(keywords, /[,，、\s]+/),
      type,
      departmentId,
      ...(validFrom.trim() ? { validFrom: validFrom.trim() } : {}),
      ...(validTo.trim() ? { validTo: validTo.trim() } : {}),
    }
    // a message without its own field (e.g. a duplicate title, a department outside the region) goes to the form ('_')
    await run(
      async () => onSaved(entry ? await updateKnowledge(entry.id, input) : await createKnowledge(input), !entry),
      (byField) => scrollToAnchor(`${prefix}-${FIELD_ORDER.find((f) => byField[f]) ?? '_'}`),
    )
  }

  const shownDepartments = (departments.data ?? []).filter((d) => d.id === departmentId || (deptFilter.trim() && d.name.includes(deptFilter.trim()))).slice(0, 8)
  const chosen = (departments.data ?? []).find((d) => d.id === departmentId)

  return (
    <View className='desk__card' data-testid='kb-editor'>
      <Text className='desk__card-title'>{entry ? '编辑知识条目' : '新建知识条目'}</Text>
      <View className='desk__field' id={`${prefix}-title`}>
        <Text className='desk__label'>标题（不超过 128 个字）</Text>
        <Input className='desk__input' data-testid='kb-title' value={title} maxlength={128} placeholder='例如：社保卡丢失了怎么补办？' onInput={(e) => setTitle(e.detail.value)} />
        <Text className='desk__counter'>{title.length}/128</Text>
        {fieldError('title')}
      </View>
      <View className='desk__field' id={`${prefix}-categoryPath`}>
        <Text className='desk__label'>分类（用“/”分级，如 社会保障 / 社保卡）</Text>
        <Input className='desk__input' data-testid='kb-category' value={category} placeholder='社会保障 / 社保卡' onInput={(e) => setCategory(e.detail.value)} />
        {fieldError('categoryPath')}
      </View>
      <View className='desk__field' id={`${prefix}-content`}>
        <Text className='desk__label'>内容</Text>
        <Textarea className='desk__textarea' data-testid='kb-content' value={content} maxlength={10000} placeholder='办理条件、材料、地点、时限等' onInput={(e) => setContent(e.detail.value)} />
        {fieldError('content')}
      </View>
      <View className='desk__field' id={`${prefix}-keywords`}>
        <Text className='desk__label'>关键词（用逗号分隔，最多 10 个）</Text>
        <Input className='desk__input' data-testid='kb-keywords' value={keywords} placeholder='社保卡补办，挂失' onInput={(e) => setKeywords(e.detail.value)} />
        {fieldError('keywords')}
      </View>
      <View className='desk__field' id={`${prefix}-type`}>
        <Text className='desk__label'>类型</Text>
        <View className='desk__chips'>
          {KNOWLEDGE_TYPES.map((t) => (
            <Text key={t} className={`desk__chip ${type === t ? 'desk__chip--active' : ''}`} data-testid={`kb-type-${t}`} onClick={() => setType(t)}>
              {t}
            </Text>
          ))}
        </View>
        {fieldError('type')}
      </View>
      {!fixedDepartment && (
        <View className='desk__field' id={`${prefix}-departmentId`}>
          <Text className='desk__label'>来源部门{chosen ? `：${chosen.name}` : ''}</Text>
          <Input className='desk__input' data-testid='kb-department-filter' value={deptFilter} placeholder='输入部门名称查找' onInput={(e) => setDeptFilter(e.detail.value)} />
          <View className='desk__chips'>
            {shownDepartments.map((d) => (
              <Text key={d.id} className={`desk__chip ${departmentId === d.id ? 'desk__chip--active' : ''}`} data-testid='kb-department' onClick={() => setDepartmentId(d.id)}>
                {d.name}
              </Text>
            ))}
          </View>
          {departments.error && <Text className='desk__error'>{departments.error}</Text>}
          {fieldError('departmentId')}
        </View>
      )}
      <View className='desk__field' id={`${prefix}-validFrom`}>
        <Text className='desk__label'>生效日期（可不填，YYYY-MM-DD）</Text>
        <Input className='desk__input' data-testid='kb-valid-from' value={validFrom} placeholder='2026-01-01' onInput={(e) => setValidFrom(e.detail.value)} />
        {fieldError('validFrom')}
      </View>
      <View className='desk__field' id={`${prefix}-validTo`}>
        <Text className='desk__label'>失效日期（可不填，YYYY-MM-DD）</Text>
        <Input className='desk__input' data-testid='kb-valid-to' value={validTo} placeholder='2026-12-31' onInput={(e) => setValidTo(e.detail.value)} />
        {fieldError('validTo')}
      </View>
      <View id={`${prefix}-_`}>{fieldError('_')}</View>
      <View className='desk__actions'>
        <ActionButton variant='primary' testId='kb-save' disabled={saving} onClick={() => void save()}>
          {saving ? '保存中…' : '保存'}
        </ActionButton>
        <ActionButton variant='plain' testId='kb-cancel' onClick={onCancel}>
          取消
        </ActionButton>
      </View>
    </View>
  )
}
