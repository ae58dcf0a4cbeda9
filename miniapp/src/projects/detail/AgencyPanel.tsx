import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { AGENCY_ACTION_LABELS, PROJECT_FORM_LABELS, type AgencyAction, type ProjectAgencyStep, type ProjectDetail, type ProjectForm } from '@xz/shared'
import { agencyStep } from '@/api/projects'
import { scrollToAnchor } from '@/utils/scroll'
import { fieldError, formErrors, instantLabel, itemNames } from '../lib/format'
import { Area, Btn, Field, FormError, go } from '../lib/ui'
import { AgencyHistory } from '../lib/view'

const ANCHOR = 'agency-panel'

/** Steps that need a reason (中止, 终止) and those with an optional note. */
const WITH_REASON: AgencyAction[] = ['suspend', 'terminate']

/** The entrustment form of the enterprise (委托): which items, who signs. */
function EntrustForm({ p, onSaved }: { p: ProjectDetail; onSaved: (next: ProjectDetail, message: string) => void }) {
  const open = p.items.filter((i) => i.status !== 'done')
  const [keys, setKeys] = useState<string[]>(open.map((i) => i.key))
  const [name, setName] = useState(p.contactName ?? '')
  const [mobile, setMobile] = useState(p.contactMobile ?? '')
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    setBusy(true)
    setErrors({})
    try {
      const next = await agencyStep(p.id, { action: 'entrust', itemKeys: keys, signerName: name.trim(), signerMobile: mobile.trim(), ...(note.trim() ? { note: note.trim() } : {}) })
      onSaved(next, '委托已提交，等待项目长受理')
    } catch (err) {
      setErrors(formErrors(err))
      scrollToAnchor(ANCHOR)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View data-testid='entrust-form'>
      <Text className='prj__text'>委托项目长和代办员全程帮办代办以下事项（可取消勾选）：</Text>
      <View className='prj__chips'>
        {open.map((i) => (
          <Text
            key={i.key}
            className={`prj__chip ${keys.includes(i.key) ? 'prj__chip--active' : ''}`}
            data-testid='entrust-item'
            onClick={() => setKeys(keys.includes(i.key) ? keys.filter((k) => k !== i.key) : [...keys, i.key])}
          >
            {keys.includes(i.key) ? '✓ ' : ''}
            {i.name}
          </Text>
        ))}
      </View>
      {fieldError(errors, 'itemKeys') && <Text className='prj__error'>{fieldError(errors, 'itemKeys')}</Text>}
      <Field label='委托人（签字人）' testId='entrust-name' value={name} onInput={setName} error={errors.signerName} maxlength={30} />
      <Field label='委托人手机号码' testId='entrust-mobile' type='digit' value={mobile} onInput={setMobile} error={errors.signerMobile} maxlength={11} />
      <Area label='委托说明（可不填）' testId='entrust-note' value={note} onInput={setNote} error={errors.note} />
      <View className='prj__actions'>
        <Btn testId='entrust-submit' disabled={busy} onClick={() => void submit()}>
          签署委托书
        </Btn>
      </View>
      <FormError error={errors['']} testId='agency-error' />
    </View>
  )
}

/** 代办 life cycle: status, the entrusted items, the steps the caller may take, the history, the printable forms. */
export function AgencyPanel({ p, onSaved }: { p: ProjectDetail; onSaved: (next: ProjectDetail, message: string) => void }) {
  const [text, setText] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const a = p.agency
  const steps = a.allowedActions.filter((x) => x !== 'entrust')

  const step = async (action: AgencyAction) => {
    setBusy(true)
    setErrors({})
    const t = text.trim()
    const body = (WITH_REASON.includes(action) ? { action, reason: t } : { action, ...(t ? { note: t } : {}) }) as ProjectAgencyStep
    try {
      const next = await agencyStep(p.id, body)
      setText('')
      onSaved(next, `代办已${AGENCY_ACTION_LABELS[action]}`)
    } catch (err) {
      setErrors(formErrors(err))
      scrollToAnchor(ANCHOR)
    } finally {
      setBusy(false)
    }
  }

  const forms: ProjectForm[] = []
  if (a.entrustedAt) forms.push('entrustment')
  if (a.status === 'completed') forms.push('completion')
  if (a.status === 'terminated') forms.push('termination')

  return (
    <View className='section' id={ANCHOR} data-testid='agency-section'>
      <View className='section__title'>
        <Text className='section__title-text'>全程代办</Text>
        <Text className={`prj__badge ${a.status === 'suspended' || a.status === 'terminated' ? 'prj__badge--paused' : a.status === 'completed' ? 'prj__badge--done' : 'prj__badge--in_progress'}`} data-testid='agency-status'>
          {a.statusLabel}
        </Text>
      </View>
      <Text className='prj__hint'>委托 → 受理 → 办理 → 中止 → 续办 → 办结 / 终止（DB14/T 2233—2020 帮代办服务规范）</Text>
      {a.itemKeys.length > 0 && <Text className='prj__meta'>委托事项：{itemNames(p, a.itemKeys)}</Text>}
      {a.signerName && (
        <Text className='prj__meta'>
          委托人：{a.signerName}
          {a.entrustedAt ? ` · ${instantLabel(a.entrustedAt)}` : ''}
        </Text>
      )}

      {a.allowedActions.includes('entrust') && <EntrustForm p={p} onSaved={onSaved} />}

      {steps.length > 0 && (
        <View data-testid='agency-steps'>
          <Area
            label={steps.some((s) => WITH_REASON.includes(s)) ? '说明（中止、终止时必须填写原因）' : '说明（可不填）'}
            testId='agency-text'
            value={text}
            onInput={setText}
            error={errors.reason ?? errors.note}
          />
          <View className='prj__actions'>
            {steps.map((s) => (
              <Btn key={s} testId={`agency-${s}`} variant={s === 'terminate' || s === 'suspend' ? 'danger' : undefined} disabled={busy} onClick={() => void step(s)}>
                {AGENCY_ACTION_LABELS[s]}
              </Btn>
            ))}
          </View>
          <FormError error={errors['']} testId='agency-error' />
        </View>
      )}

      {forms.length > 0 && (
        <View className='prj__actions'>
          {forms.map((f) => (
            <Btn key={f} variant='plain' testId={`form-link-${f}`} onClick={() => go(`/projects/form/index?id=${p.id}&form=${f}`)}>
              查看{PROJECT_FORM_LABELS[f]}
            </Btn>
          ))}
        </View>
      )}

      <Text className='prj__label prj__history-title'>代办记录</Text>
      <AgencyHistory p={p} />
    </View>
  )
}
