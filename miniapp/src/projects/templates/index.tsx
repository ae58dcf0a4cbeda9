import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  PROJECT_STAGES,
  PROJECT_STAGE_LABELS,
  PROJECT_TYPES,
  type ProjectStage,
  type ProjectTemplate,
  type ProjectTemplateInput,
  type ProjectType
} from '@xz/shared'
import { createTemplate, fetchTemplates, saveTemplate } from '@/api/projects'
import { StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useElderMode } from '@/stores/elder'
import { scrollToAnchor } from '@/utils/scroll'
import { fieldError, formErrors } from '../lib/format'
import { useProjectGuard } from '../lib/guard'
import { Area, Btn, Chips, Field, FormError, GuardPending, Section, Toggle } from '../lib/ui'
import '../projects.scss'

interface DraftItem {
  key: string
  name: string
  stage: ProjectStage
  departmentName: string
  legalDays: string
  promisedDays: string
  dependsOn: string[]
  commitmentAllowed: boolean
  commitmentVerifyDays: string
  earlyStart: boolean
  earlyStartDependsOn: string[]
  documentName: string
  milestone: boolean
}

interface Draft {
  id?: string
  name: string
  type: ProjectType
  description: string
  active: boolean
  items: DraftItem[]
}

const blankItem = (n: number): DraftItem => ({
  key: `item${n}`,
  name: '',
  stage: 'land_planning',
  departmentName: '',
  legalDays: '20',
  promisedDays: '10',
  dependsOn: [],
  commitmentAllowed: false,
  commitmentVerifyDays: '20',
  earlyStart: false,
  earlyStartDependsOn: [],
  documentName: '',
  milestone: false
})

function toDraft(t: ProjectTemplate): Draft {
  return {
    id: t.id,
    name: t.name,
    type: t.type,
    description: t.description ?? '',
    active: t.active,
    items: t.items.map((i) => ({
      key: i.key,
      name: i.name,
      stage: i.stage,
      departmentName: i.departmentName,
      legalDays: String(i.legalDays),
      promisedDays: String(i.promisedDays),
      dependsOn: i.dependsOn,
      commitmentAllowed: i.commitmentAllowed,
      commitmentVerifyDays: String(i.commitmentVerifyDays),
      earlyStart: i.earlyStartDependsOn !== undefined,
      earlyStartDependsOn: i.earlyStartDependsOn ?? [],
      documentName: i.documentName ?? '',
      milestone: i.milestone
    }))
  }
}

const int = (v: string) => (/^\d{1,3}$/.test(v.trim()) ? Number(v) : Number.NaN)

function toInput(d: Draft): ProjectTemplateInput {
  return {
    name: d.name.trim(),
    type: d.type,
    ...(d.description.trim() ? { description: d.description.trim() } : {}),
    active: d.active,
    items: d.items.map((i) => ({
      key: i.key.trim(),
      name: i.name.trim(),
      stage: i.stage,
      departmentName: i.departmentName.trim(),
      legalDays: int(i.legalDays),
      promisedDays: int(i.promisedDays),
      dependsOn: i.dependsOn,
      commitmentAllowed: i.commitmentAllowed,
      commitmentVerifyDays: int(i.commitmentVerifyDays),
      ...(i.earlyStart ? { earlyStartDependsOn: i.earlyStartDependsOn } : {}),
      ...(i.documentName.trim() ? { documentName: i.documentName.trim() } : {}),
      milestone: i.milestone
    }))
  }
}

/** Number fields checked before sending (NaN would reach the server as null). */
function localErrors(d: Draft): Record<string, string> {
  const out: Record<string, string> = {}
  d.items.forEach((i, n) => {
    for (const f of ['legalDays', 'promisedDays', 'commitmentVerifyDays'] as const) if (Number.isNaN(int(i[f]))) out[`items.${n}.${f}`] = '请填写整数（工作日）'
  })
  return out
}

function ItemEditor({ item, index, all, errors, open, onOpen, onChange, onRemove }: {
  item: DraftItem
  index: number
  all: DraftItem[]
  errors: Record<string, string>
  open: boolean
  onOpen: () => void
  onChange: (next: DraftItem) => void
  onRemove: () => void
}) {
  const e = (f: string) => fieldError(errors, `items.${index}.${f}`)
  const hasError = Boolean(fieldError(errors, `items.${index}`))
  const set = <K extends keyof DraftItem>(k: K) => (v: DraftItem[K]) => onChange({ ...item, [k]: v })
  const others = all.filter((o) => o.key !== item.key)
  const toggleIn = (list: string[], key: string) => (list.includes(key) ? list.filter((k) => k !== key) : [...list, key])
  return (
    <View className={`prj__item ${hasError ? 'prj__item--late' : ''}`} id={`tpl-item-${index}`} data-testid='template-item'>
      <View className='prj__item-head'>
        <Text className='prj__item-name'>
          {index + 1}. {item.name || '（未命名事项）'}
        </Text>
        <Btn small variant='plain' testId='template-item-edit' onClick={onOpen}>
          {open ? '收起' : '编辑'}
        </Btn>
      </View>
      <Text className='prj__meta'>
        {PROJECT_STAGE_LABELS[item.stage]} · {item.departmentName || '未填部门'} · 承诺 {item.promisedDays} / 法定 {item.legalDays} 个工作日
        {item.commitmentAllowed ? ' · 告知承诺制' : ''}
        {item.milestone ? ' · 非审批环节' : ''}
      </Text>
      {hasError && !open && <Text className='prj__error'>{fieldError(errors, `items.${index}`)}</Text>}
      {open && (
        <View className='prj__panel'>
          <Field label='事项编号' testId='ti-key' value={item.key} onInput={set('key')} error={e('key')} maxlength={32} />
          <Field label='事项名称' testId='ti-name' value={item.name} onInput={set('name')} error={e('name')} maxlength={60} />
          <Text className='prj__label'>所属阶段</Text>
          <Chips options={PROJECT_STAGES} value={item.stage} onChange={set('stage')} testId='ti-stage' label={(s) => PROJECT_STAGE_LABELS[s]} />
          <Field label='承办部门' testId='ti-dept' value={item.departmentName} onInput={set('departmentName')} error={e('departmentName')} maxlength={40} />
          <Field label='法定时限（工作日）' testId='ti-legal' type='number' value={item.legalDays} onInput={set('legalDays')} error={e('legalDays')} />
          <Field label='承诺时限（工作日）' testId='ti-promised' type='number' value={item.promisedDays} onInput={set('promisedDays')} error={e('promisedDays')} />
          <Text className='prj__label'>前置事项</Text>
          <View className='prj__chips'>
            {others.map((o) => (
              <Text key={o.key} className={`prj__chip ${item.dependsOn.includes(o.key) ? 'prj__chip--active' : ''}`} onClick={() => set('dependsOn')(toggleIn(item.dependsOn, o.key))}>
                {o.name || o.key}
              </Text>
            ))}
          </View>
          {e('dependsOn') && <Text className='prj__error'>{e('dependsOn')}</Text>}
          <Toggle on={item.commitmentAllowed} onChange={set('commitmentAllowed')} testId='ti-commitment'>
            适用告知承诺制
          </Toggle>
          {item.commitmentAllowed && (
            <Field label='承诺核查期限（签署后工作日）' testId='ti-verify' type='number' value={item.commitmentVerifyDays} onInput={set('commitmentVerifyDays')} error={e('commitmentVerifyDays')} />
          )}
          <Toggle on={item.earlyStart} onChange={set('earlyStart')} testId='ti-early'>
            拿地即开工时提前办理
          </Toggle>
          {item.earlyStart && (
            <View>
              <Text className='prj__label'>拿地即开工时只需先办结</Text>
              <View className='prj__chips'>
                {others.map((o) => (
                  <Text key={o.key} className={`prj__chip ${item.earlyStartDependsOn.includes(o.key) ? 'prj__chip--active' : ''}`} onClick={() => set('earlyStartDependsOn')(toggleIn(item.earlyStartDependsOn, o.key))}>
                    {o.name || o.key}
                  </Text>
                ))}
              </View>
              {e('earlyStartDependsOn') && <Text className='prj__error'>{e('earlyStartDependsOn')}</Text>}
            </View>
          )}
          <Toggle on={item.milestone} onChange={set('milestone')} testId='ti-milestone'>
            非审批环节（企业自身建设，计入工期，不计入审批用时）
          </Toggle>
          <Field label='产出文件（可不填）' testId='ti-doc' value={item.documentName} onInput={set('documentName')} error={e('documentName')} maxlength={60} />
          <View className='prj__actions'>
            <Btn variant='danger' testId='ti-remove' onClick={onRemove}>
              删除此事项
            </Btn>
          </View>
        </View>
      )}
    </View>
  )
}

function TemplateEditor({ initial, onDone }: { initial: Draft; onDone: (saved?: ProjectTemplate) => void }) {
  const [d, setD] = useState<Draft>(initial)
  const [open, setOpen] = useState<number | null>(initial.id ? null : 0)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const showErrors = (e: Record<string, string>) => {
    setErrors(e)
    const first = Object.keys(e).find((k) => k.startsWith('items.'))
    if (first) {
      const n = Number(first.split('.')[1])
      setOpen(n)
      scrollToAnchor(`tpl-item-${n}`)
    } else scrollToAnchor(e.name ? 'tpl-head' : 'tpl-save')
  }

  const save = async () => {
    const local = localErrors(d)
    if (Object.keys(local).length) return showErrors({ ...local, '': '请按提示修改后再保存' })
    setBusy(true)
    setErrors({})
    try {
      const input = toInput(d)
      const saved = d.id ? await saveTemplate(d.id, input) : await createTemplate(input)
      void Taro.showToast({ title: '模板已保存', icon: 'success' })
      onDone(saved)
    } catch (err) {
      showErrors(formErrors(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View data-testid='template-editor'>
      <Section title={d.id ? '编辑模板' : '新建模板'} anchor='tpl-head'>
        <Field label='模板名称' testId='tpl-name' value={d.name} onInput={(v) => setD({ ...d, name: v })} error={errors.name} maxlength={60} />
        <Text className='prj__label'>项目类型</Text>
        <Chips options={PROJECT_TYPES} value={d.type} onChange={(t) => setD({ ...d, type: t })} testId='tpl-type' />
        <Area label='说明（可不填）' testId='tpl-desc' value={d.description} onInput={(v) => setD({ ...d, description: v })} error={errors.description} />
        <Toggle on={d.active} onChange={(v) => setD({ ...d, active: v })} testId='tpl-active'>
          启用（新建项目时可选）
        </Toggle>
      </Section>
      <Section title={`审批事项（${d.items.length}）`}>
        {fieldError(errors, 'items') && !Object.keys(errors).some((k) => /^items\.\d/.test(k)) && <Text className='prj__error'>{errors.items}</Text>}
        {PROJECT_STAGES.map((stage) => {
          const rows = d.items.map((item, index) => ({ item, index })).filter((r) => r.item.stage === stage)
          if (rows.length === 0) return null
          return (
            <View key={stage} className='prj__field'>
              <Text className='prj__subtitle'>{PROJECT_STAGE_LABELS[stage]}</Text>
              {rows.map(({ item, index }) => (
                <ItemEditor
                  key={index}
                  item={item}
                  index={index}
                  all={d.items}
                  errors={errors}
                  open={open === index}
                  onOpen={() => setOpen(open === index ? null : index)}
                  onChange={(next) => {
                    const items = [...d.items]
                    // a renamed key is renamed in the other items' dependencies too
                    if (next.key !== item.key) {
                      for (let i = 0; i < items.length; i++) {
                        items[i] = {
                          ...items[i],
                          dependsOn: items[i].dependsOn.map((k) => (k === item.key ? next.key : k)),
                          earlyStartDependsOn: items[i].earlyStartDependsOn.map((k) => (k === item.key ? next.key : k))
                        }
                      }
                    }
                    items[index] = next
                    setD({ ...d, items })
                  }}
                  onRemove={() => {
                    setD({
                      ...d,
                      items: d.items
                        .filter((_, i) => i !== index)
                        .map((i) => ({ ...i, dependsOn: i.dependsOn.filter((k) => k !== item.key), earlyStartDependsOn: i.earlyStartDependsOn.filter((k) => k !== item.key) }))
                    })
                    setOpen(null)
                  }}
                />
              ))}
            </View>
          )
        })}
        <View className='prj__actions'>
          <Btn
            variant='plain'
            testId='tpl-add-item'
            onClick={() => {
              setD({ ...d, items: [...d.items, blankItem(d.items.length + 1)] })
              setOpen(d.items.length)
            }}
          >
            新增事项
          </Btn>
        </View>
      </Section>
      <View className='section' id='tpl-save'>
        <View className='prj__actions'>
          <Btn testId='tpl-save' disabled={busy} onClick={() => void save()}>
            保存模板
          </Btn>
          <Btn variant='plain' testId='tpl-cancel' onClick={() => onDone()}>
            取消
          </Btn>
        </View>
        <FormError error={errors['']} testId='tpl-error' />
      </View>
    </View>
  )
}

/** 审批清单模板: one checklist per project type across the five stages (department, limits, dependencies, 承诺制). */
export default function TemplatesPage() {
  const { elderClass } = useElderMode()
  const me = useProjectGuard('admin')
  const [version, setVersion] = useState(0)
  const [editing, setEditing] = useState<Draft | null>(null)
  const [message, setMessage] = useState('')
  const list = useAsync(fetchTemplates, [version], Boolean(me))
  if (!me) return <GuardPending elderClass={elderClass} />

  if (editing) {
    return (
      <View className={`page prj-root ${elderClass}`} data-testid='project-templates'>
        <TemplateEditor
          initial={editing}
          onDone={(saved) => {
            setEditing(null)
            if (saved) {
              setMessage(`已保存模板：${saved.name}`)
              setVersion((v) => v + 1)
            }
          }}
        />
      </View>
    )
  }

  return (
    <View className={`page prj-root ${elderClass}`} data-testid='project-templates'>
      <View className='section'>
        <Text className='prj__title'>审批清单模板</Text>
        <Text className='prj__hint'>新建项目时按模板生成“一项目一方案一清单”；修改模板不影响已建项目。</Text>
        <View className='prj__actions'>
          <Btn testId='template-new' onClick={() => setEditing({ name: '', type: '一般工业项目', description: '', active: true, items: [blankItem(1)] })}>
            新建模板
          </Btn>
        </View>
        {message && (
          <Text className='prj__success' data-testid='template-message'>
            {message}
          </Text>
        )}
      </View>
      <StateView loading={list.loading && !list.data} error={list.error} onRetry={list.reload} empty={(list.data ?? []).length === 0} emptyText='还没有清单模板'>
        {(list.data ?? []).map((t) => (
          <View key={t.id} className='prj__card' data-testid='template-card'>
            <Text className='prj__subtitle'>{t.name}</Text>
            <View className='prj__badges'>
              <Text className='prj__badge prj__badge--level'>{t.type}</Text>
              <Text className={`prj__badge ${t.active ? 'prj__badge--done' : ''}`}>{t.active ? '启用' : '已停用'}</Text>
              {t.demo && <Text className='prj__badge prj__badge--demo'>示例数据</Text>}
            </View>
            <Text className='prj__meta'>
              {t.items.length} 个事项 · 承诺 {t.promisedWorkingDays} 个工作日（法定 {t.legalWorkingDays}）
              {t.landStartWorkingDays !== undefined ? ` · 拿地即开工 ${t.landStartWorkingDays} 个工作日` : ''}
            </Text>
            {PROJECT_STAGES.map((s) => {
              const n = t.items.filter((i) => i.stage === s).length
              return n ? (
                <Text key={s} className='prj__meta'>
                  {PROJECT_STAGE_LABELS[s]}：{n} 项（{t.items.filter((i) => i.stage === s && i.commitmentAllowed).length} 项可告知承诺）
                </Text>
              ) : null
            })}
            <View className='prj__actions'>
              <Btn variant='plain' testId='template-edit' onClick={() => setEditing(toDraft(t))}>
                编辑
              </Btn>
            </View>
          </View>
        ))}
      </StateView>
    </View>
  )
}
