import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PROJECT_STAGES, PROJECT_STAGE_LABELS, type ProjectChecklistChange, type ProjectDetail, type ProjectItemView, type ProjectStage } from '@xz/shared'
import { changeChecklist } from '@/api/projects'
import { scrollToAnchor } from '@/utils/scroll'
import { fieldError, formErrors } from '../lib/format'
import { Area, Btn, Chips, Field, FormError, Toggle } from '../lib/ui'

type Saved = (next: ProjectDetail, message: string) => void

const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v))

/** Client-side check of a working-day count, so that the server never gets NaN (sent as null). */
function daysErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [path, v] of Object.entries(fields)) if (!/^\d{1,3}$/.test(v.trim())) out[path] = '请填写 0–365 的整数（工作日）'
  if (Object.keys(out).length) out[''] = '请检查时限'
  return out
}

async function submit(p: ProjectDetail, change: ProjectChecklistChange, anchor: string, setErrors: (e: Record<string, string>) => void, onSaved: Saved, message: string) {
  setErrors({})
  try {
    onSaved(await changeChecklist(p.id, change), message)
    return true
  } catch (err) {
    setErrors(formErrors(err))
    scrollToAnchor(anchor)
    return false
  }
}

/** The 项目长 changes one item's limits, department or dependencies, or removes it, always with a reason. */
export function ItemAdjust({ p, item, onSaved }: { p: ProjectDetail; item: ProjectItemView; onSaved: Saved }) {
  const [open, setOpen] = useState(false)
  const [promised, setPromised] = useState(String(item.promisedDays))
  const [legal, setLegal] = useState(String(item.legalDays))
  const [dept, setDept] = useState(item.departmentName)
  const [deps, setDeps] = useState<string[]>(item.dependsOn)
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const anchor = `adjust-${item.key}`
  if (item.status === 'done') return null

  const changes = () => {
    const c: Record<string, unknown> = {}
    if (num(promised) !== item.promisedDays) c.promisedDays = num(promised)
    if (num(legal) !== item.legalDays) c.legalDays = num(legal)
    if (dept.trim() !== item.departmentName) c.departmentName = dept.trim()
    if (deps.join() !== item.dependsOn.join()) c.dependsOn = deps
    return c
  }
  const others = p.items.filter((i) => i.key !== item.key)

  return (
    <View className='prj__panel' id={anchor} data-testid='item-adjust'>
      {!open ? (
        <View className='prj__actions'>
          <Btn variant='plain' testId='item-adjust-open' onClick={() => setOpen(true)}>
            调整清单中的此事项
          </Btn>
        </View>
      ) : (
        <View>
          <Field label='承诺时限（工作日）' testId='adjust-promised' type='number' value={promised} onInput={setPromised} error={fieldError(errors, 'changes.promisedDays')} />
          <Field label='法定时限（工作日）' testId='adjust-legal' type='number' value={legal} onInput={setLegal} error={fieldError(errors, 'changes.legalDays')} />
          <Field label='承办部门' testId='adjust-dept' value={dept} onInput={setDept} error={fieldError(errors, 'changes.departmentName')} maxlength={40} />
          <Text className='prj__label'>前置事项</Text>
          <View className='prj__chips'>
            {others.map((o) => (
              <Text key={o.key} className={`prj__chip ${deps.includes(o.key) ? 'prj__chip--active' : ''}`} onClick={() => setDeps(deps.includes(o.key) ? deps.filter((d) => d !== o.key) : [...deps, o.key])}>
                {o.name}
              </Text>
            ))}
          </View>
          {fieldError(errors, 'changes.dependsOn') && <Text className='prj__error'>{fieldError(errors, 'changes.dependsOn')}</Text>}
          <Area label='调整原因（必填，记录在案）' testId='adjust-reason' value={reason} onInput={setReason} error={errors.reason} />
          <View className='prj__actions'>
            <Btn
              testId='adjust-save'
              variant='blue'
              onClick={() => {
                const bad = daysErrors({ 'changes.promisedDays': promised, 'changes.legalDays': legal })
                if (Object.keys(bad).length) return setErrors(bad)
                void submit(p, { op: 'update', key: item.key, changes: changes(), reason: reason.trim() }, anchor, setErrors, onSaved, `已调整：${item.name}`).then((ok) => ok && setOpen(false))
              }}
            >
              保存调整
            </Btn>
            <Btn testId='adjust-remove' variant='danger' onClick={() => void submit(p, { op: 'remove', key: item.key, reason: reason.trim() }, anchor, setErrors, onSaved, `已从清单删除：${item.name}`)}>
              从清单删除
            </Btn>
            <Btn variant='plain' onClick={() => setOpen(false)}>
              取消
            </Btn>
          </View>
          <FormError error={errors['']} testId='adjust-error' />
        </View>
      )}
    </View>
  )
}

/** The 项目长 adds an item to the project's checklist. */
export function AddItem({ p, onSaved }: { p: ProjectDetail; onSaved: Saved }) {
  const [open, setOpen] = useState(false)
  const [f, setF] = useState({ key: '', name: '', departmentName: '', legalDays: '20', promisedDays: '10', documentName: '', reason: '' })
  const [stage, setStage] = useState<ProjectStage>('construction')
  const [deps, setDeps] = useState<string[]>([])
  const [commitment, setCommitment] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v })
  const anchor = 'checklist-add'
  const e = (field: string) => fieldError(errors, `item.${field}`)

  const save = () => {
    const bad = daysErrors({ 'item.legalDays': f.legalDays, 'item.promisedDays': f.promisedDays })
    if (Object.keys(bad).length) return setErrors(bad)
    const item = {
      key: f.key.trim(),
      name: f.name.trim(),
      stage,
      departmentName: f.departmentName.trim(),
      legalDays: num(f.legalDays),
      promisedDays: num(f.promisedDays),
      dependsOn: deps,
      commitmentAllowed: commitment,
      ...(f.documentName.trim() ? { documentName: f.documentName.trim() } : {})
    }
    void submit(p, { op: 'add', item, reason: f.reason.trim() }, anchor, setErrors, onSaved, `已新增事项：${item.name}`).then((ok) => {
      if (ok) {
        setOpen(false)
        setF({ key: '', name: '', departmentName: '', legalDays: '20', promisedDays: '10', documentName: '', reason: '' })
      }
    })
  }

  return (
    <View className='section' id={anchor} data-testid='checklist-editor'>
      <View className='section__title'>
        <Text className='section__title-text'>调整审批清单</Text>
      </View>
      <Text className='prj__hint'>项目长可按项目实际增删、调整事项，每次调整都记录原因，企业可见。</Text>
      {!open ? (
        <View className='prj__actions'>
          <Btn variant='plain' testId='checklist-add-open' onClick={() => setOpen(true)}>
            新增事项
          </Btn>
        </View>
      ) : (
        <View>
          <Field label='事项编号（小写字母开头）' testId='add-key' value={f.key} onInput={set('key')} error={e('key')} placeholder='如 fire_check' maxlength={32} />
          <Field label='事项名称' testId='add-name' value={f.name} onInput={set('name')} error={e('name')} maxlength={60} />
          <Text className='prj__label'>所属阶段</Text>
          <Chips options={PROJECT_STAGES} value={stage} onChange={setStage} testId='add-stage' label={(s) => PROJECT_STAGE_LABELS[s]} />
          <Field label='承办部门' testId='add-dept' value={f.departmentName} onInput={set('departmentName')} error={e('departmentName')} maxlength={40} />
          <Field label='法定时限（工作日）' testId='add-legal' type='number' value={f.legalDays} onInput={set('legalDays')} error={e('legalDays')} />
          <Field label='承诺时限（工作日）' testId='add-promised' type='number' value={f.promisedDays} onInput={set('promisedDays')} error={e('promisedDays')} />
          <Text className='prj__label'>前置事项</Text>
          <View className='prj__chips'>
            {p.items.map((o) => (
              <Text key={o.key} className={`prj__chip ${deps.includes(o.key) ? 'prj__chip--active' : ''}`} onClick={() => setDeps(deps.includes(o.key) ? deps.filter((d) => d !== o.key) : [...deps, o.key])}>
                {o.name}
              </Text>
            ))}
          </View>
          {e('dependsOn') && <Text className='prj__error'>{e('dependsOn')}</Text>}
          <Toggle on={commitment} onChange={setCommitment} testId='add-commitment'>
            适用告知承诺制
          </Toggle>
          <Field label='产出文件（可不填）' testId='add-doc' value={f.documentName} onInput={set('documentName')} error={e('documentName')} maxlength={60} />
          <Area label='调整原因（必填）' testId='add-reason' value={f.reason} onInput={set('reason')} error={errors.reason} />
          <View className='prj__actions'>
            <Btn testId='add-save' onClick={save}>
              加入清单
            </Btn>
            <Btn variant='plain' onClick={() => setOpen(false)}>
              取消
            </Btn>
          </View>
          <FormError error={errors['']} testId='add-error' />
        </View>
      )}
    </View>
  )
}
