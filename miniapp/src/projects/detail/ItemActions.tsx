import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { isValidDate, type ProjectDetail, type ProjectItemUpdate, type ProjectItemView } from '@xz/shared'
import { checkCommitment, updateItem } from '@/api/projects'
import { scrollToAnchor } from '@/utils/scroll'
import { fieldError, formErrors } from '../lib/format'
import { Area, Btn, Field, FormError } from '../lib/ui'

type Panel = 'done' | 'pause' | 'blocker' | null

/**
 * What a 项目长/代办员 does with one item: 开始办理, 办结 with the document produced, 暂停 with a reason, 续办, the
 * current blocker, and the department's verification of a signed commitment. Errors appear under the field the
 * server names, or under the buttons, and are scrolled into view.
 */
export function ItemActions({ p, item, onSaved }: { p: ProjectDetail; item: ProjectItemView; onSaved: (next: ProjectDetail, message: string) => void }) {
  const [panel, setPanel] = useState<Panel>(null)
  const [reason, setReason] = useState('')
  const [docName, setDocName] = useState(item.documentName ?? '')
  const [docNumber, setDocNumber] = useState('')
  const [on, setOn] = useState('')
  const [blocker, setBlocker] = useState(item.blocker ?? '')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const anchor = `item-actions-${item.key}`

  const run = async (call: () => Promise<ProjectDetail>, message: string) => {
    if (busy) return
    setBusy(true)
    setErrors({})
    try {
      const next = await call()
      setPanel(null)
      onSaved(next, message)
    } catch (err) {
      setErrors(formErrors(err))
      scrollToAnchor(anchor)
    } finally {
      setBusy(false)
    }
  }
  const update = (body: ProjectItemUpdate, message: string) => run(() => updateItem(p.id, item.key, { ...body, rev: item.rev }), message)

  const finish = () => {
    if (on && !isValidDate(on)) {
      setErrors({ on: '日期格式应为 YYYY-MM-DD', '': '请检查办结日期' })
      return
    }
    const documents = docName.trim() ? [{ name: docName.trim(), ...(docNumber.trim() ? { number: docNumber.trim() } : {}) }] : undefined
    void update({ status: 'done', ...(on ? { on } : {}), ...(documents ? { documents } : {}) }, `${item.name} 已办结`)
  }

  const pending = item.commitment?.result === 'pending'
  if (item.status === 'done' && !pending) return null

  return (
    <View className='prj__panel' id={anchor} data-testid='item-actions'>
      <View className='prj__actions'>
        {item.status === 'not_started' && (
          <Btn testId='item-start' disabled={busy} onClick={() => void update({ status: 'in_progress' }, `${item.name} 已开始办理`)}>
            开始办理
          </Btn>
        )}
        {(item.status === 'in_progress' || (item.status === 'not_started' && item.ready)) && (
          <Btn testId='item-done-open' variant='blue' onClick={() => setPanel(panel === 'done' ? null : 'done')}>
            办结
          </Btn>
        )}
        {item.status === 'in_progress' && (
          <Btn testId='item-pause-open' variant='danger' onClick={() => setPanel(panel === 'pause' ? null : 'pause')}>
            暂停（中止）
          </Btn>
        )}
        {item.status === 'paused' && (
          <Btn testId='item-resume' disabled={busy} onClick={() => void update({ status: 'in_progress' }, `${item.name} 已续办`)}>
            续办
          </Btn>
        )}
        {item.status !== 'done' && (
          <Btn testId='item-blocker-open' variant='plain' onClick={() => setPanel(panel === 'blocker' ? null : 'blocker')}>
            记录卡点
          </Btn>
        )}
      </View>

      {panel === 'done' && (
        <View data-testid='item-done-panel'>
          <Field label='产出文件名称（证照、批文）' testId='item-doc-name' value={docName} onInput={setDocName} error={fieldError(errors, 'documents')} placeholder='如 建设用地规划许可证' maxlength={60} />
          <Field label='文号或证号（可不填）' testId='item-doc-number' value={docNumber} onInput={setDocNumber} placeholder='如 地字第2026012号' maxlength={60} />
          <Field label='办结日期（不填为今天）' testId='item-done-on' value={on} onInput={setOn} error={errors.on} placeholder='YYYY-MM-DD' maxlength={10} />
          <Text className='prj__hint'>办结后，企业在“我的项目”中即可看到产出文件。</Text>
          <View className='prj__actions'>
            <Btn testId='item-done' disabled={busy} onClick={finish}>
              确认办结
            </Btn>
          </View>
        </View>
      )}

      {panel === 'pause' && (
        <View data-testid='item-pause-panel'>
          <Area label='暂停原因（企业可见）' testId='item-pause-reason-input' value={reason} onInput={setReason} error={errors.reason} placeholder='如 等待企业补充环评批复' />
          <Text className='prj__hint'>暂停期间不计入承诺时限，续办后继续计时。</Text>
          <View className='prj__actions'>
            <Btn testId='item-pause' variant='danger' disabled={busy} onClick={() => void update({ status: 'paused', reason: reason.trim() }, `${item.name} 已暂停`)}>
              确认暂停
            </Btn>
          </View>
        </View>
      )}

      {panel === 'blocker' && (
        <View data-testid='item-blocker-panel'>
          <Field label='卡在哪里、等谁（企业可见，清空即解除）' testId='item-blocker' value={blocker} onInput={setBlocker} error={errors.blocker} placeholder='如 等待市自然资源局出具用地预审意见' maxlength={100} />
          <View className='prj__actions'>
            <Btn testId='item-blocker-save' variant='blue' disabled={busy} onClick={() => void update({ blocker: blocker.trim() || null }, '卡点已更新')}>
              保存卡点
            </Btn>
          </View>
        </View>
      )}

      {pending && (
        <View>
          <Text className='prj__meta'>告知承诺核查：部门核查后在此记录结果</Text>
          <View className='prj__actions'>
            <Btn testId='commitment-verified' variant='blue' disabled={busy} onClick={() => void run(() => checkCommitment(p.id, item.key, { result: 'verified' }), '承诺核查通过')}>
              核查通过
            </Btn>
            <Btn testId='commitment-failed' variant='danger' disabled={busy} onClick={() => void run(() => checkCommitment(p.id, item.key, { result: 'failed' }), '已记录核查不通过')}>
              核查不通过
            </Btn>
          </View>
        </View>
      )}

      <FormError error={errors['']} testId='item-error' />
    </View>
  )
}
