import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ProjectDetail, ProjectItemView } from '@xz/shared'
import { signCommitment } from '@/api/projects'
import { scrollToAnchor } from '@/utils/scroll'
import { formErrors } from '../lib/format'
import { Area, Btn, Field, FormError, Toggle } from '../lib/ui'

/** The enterprise signs the 告知承诺书 of an item where 告知承诺制 applies (granted now, verified later). */
export function CommitmentSign({ p, item, onSaved }: { p: ProjectDetail; item: ProjectItemView; onSaved: (next: ProjectDetail, message: string) => void }) {
  const [open, setOpen] = useState(false)
  const [signer, setSigner] = useState(p.contactName ?? '')
  const [agree, setAgree] = useState(false)
  const [text, setText] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const anchor = `commitment-${item.key}`

  const submit = async () => {
    if (!agree) {
      setErrors({ agree: '请先确认承诺内容' })
      return
    }
    setBusy(true)
    setErrors({})
    try {
      const next = await signCommitment(p.id, item.key, { signerName: signer.trim(), agree: true, ...(text.trim() ? { text: text.trim() } : {}) })
      setOpen(false)
      onSaved(next, `已签署“${item.name}”告知承诺书`)
    } catch (err) {
      setErrors(formErrors(err))
      scrollToAnchor(anchor)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='prj__panel' id={anchor} data-testid='commitment-sign'>
      {!open ? (
        <View className='prj__actions'>
          <Btn testId='commitment-open' variant='plain' onClick={() => setOpen(true)}>
            签署告知承诺书，先行办理
          </Btn>
        </View>
      ) : (
        <View>
          <Text className='prj__text'>
            本企业承诺已符合“{item.name}”的审批条件，所作承诺真实有效；如承诺不实，愿意承担撤销审批决定等相应法律责任。
            {item.departmentName}将在签署后的规定期限内进行核查。
          </Text>
          <Field label='签署人' testId='commitment-signer' value={signer} onInput={setSigner} error={errors.signerName} maxlength={30} />
          <Area label='补充说明（可不填）' testId='commitment-text' value={text} onInput={setText} error={errors.text} placeholder='如 环评批复将于 30 日内补交' />
          <Toggle on={agree} onChange={setAgree} testId='commitment-agree'>
            我已阅读并确认上述承诺
          </Toggle>
          {errors.agree && <Text className='prj__error'>{errors.agree}</Text>}
          <View className='prj__actions'>
            <Btn testId='commitment-submit' disabled={busy} onClick={() => void submit()}>
              签署承诺
            </Btn>
            <Btn variant='plain' onClick={() => setOpen(false)}>
              取消
            </Btn>
          </View>
          <FormError error={errors['']} testId='commitment-error' />
        </View>
      )}
    </View>
  )
}
