import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { KNOWLEDGE_TYPES, type KnowledgeType, type Ticket } from '@xz/shared'
import { ticketToKnowledge } from '@/api/knowledge'
import { ActionButton } from '../../staff/lib/ActionButton'
import { useFormErrors } from '@/hooks/useFormErrors'

const split = (s: string, sep: RegExp) =>
  s
    .split(sep)
    .map((x) => x.trim())
    .filter(Boolean)

/** 「转为知识条目」: the reply of an answered 咨询 becomes a knowledge entry of the department in one step. */
export function ToKnowledge({ ticket, onDone }: { ticket: Ticket; onDone: (message: string) => void }) {
  const [open, setOpen] = useState(false)
  const [title, setTitle] = useState(ticket.description.slice(0, 128))
  const [category, setCategory] = useState(ticket.categoryName)
  const [keywords, setKeywords] = useState('')
  const [type, setType] = useState<KnowledgeType>('日常咨询')
  const { saving, run, fieldError } = useFormErrors('to-knowledge')

  if (!open) {
    return (
      <View className='desk__actions'>
        <ActionButton variant='plain' testId='to-knowledge-open' onClick={() => setOpen(true)}>
          转为知识条目
        </ActionButton>
      </View>
    )
  }
  const submit = () =>
    run(async () => {
      const entry = await ticketToKnowledge(ticket.id, { title: title.trim(), categoryPath: split(category, /[/／>›]/), keywords: split(keywords, /[,，、\s]+/), type })
      setOpen(false)
      onDone(`已转为知识条目“${entry.title}”`)
    })
  return (
    <View className='desk__field' data-testid='to-knowledge-form'>
      <Text className='desk__label'>知识条目标题（不超过 128 个字）</Text>
      <Input className='desk__input' data-testid='to-knowledge-title' value={title} maxlength={128} onInput={(e) => setTitle(e.detail.value)} />
      {fieldError('title')}
      <Text className='desk__label'>分类（用“/”分级）</Text>
      <Input className='desk__input' data-testid='to-knowledge-category' value={category} onInput={(e) => setCategory(e.detail.value)} />
      {fieldError('categoryPath')}
      <Text className='desk__label'>关键词（用逗号分隔）</Text>
      <Input className='desk__input' data-testid='to-knowledge-keywords' value={keywords} onInput={(e) => setKeywords(e.detail.value)} />
      {fieldError('keywords')}
      <View className='desk__chips'>
        {KNOWLEDGE_TYPES.map((t) => (
          <Text key={t} className={`desk__chip ${type === t ? 'desk__chip--active' : ''}`} data-testid={`to-knowledge-type-${t}`} onClick={() => setType(t)}>
            {t}
          </Text>
        ))}
      </View>
      <Text className='desk__muted'>内容取自诉求和本部门的答复：{ticket.reply}</Text>
      {fieldError('_')}
      <View className='desk__actions'>
        <ActionButton variant='primary' testId='to-knowledge-submit' disabled={saving} onClick={() => void submit()}>
          {saving ? '保存中…' : '保存为知识条目'}
        </ActionButton>
        <ActionButton variant='plain' testId='to-knowledge-cancel' onClick={() => setOpen(false)}>
          取消
        </ActionButton>
      </View>
    </View>
  )
}
