import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ProjectAccount } from '@xz/shared'
import { createProjectAccount } from '@/api/projects'
import { scrollToAnchor } from '@/utils/scroll'
import { fieldError, formErrors } from './format'
import { Btn, Field, FormError } from './ui'

/** The 项目长 and 代办员 being chosen (a new project, a change of team). */
export function useTeamChoice() {
  const [leaderId, setLeaderId] = useState('')
  const [agentIds, setAgentIds] = useState<string[]>([])
  // the leader is not also an agent: picked as leader after being ticked as an agent, the tick is dropped on saving
  const agentsToSave = agentIds.filter((a) => a !== leaderId)
  return { leaderId, agentIds, setLeaderId, setAgentIds, agentsToSave }
}

/** 项目长 (one) and 代办员 (several) chosen from the 项目长/代办员 accounts; the server's errors of the two fields under them. */
export function TeamPicker({ accounts, team, errors }: { accounts: ProjectAccount[]; team: ReturnType<typeof useTeamChoice>; errors: Record<string, string> }) {
  const { leaderId, agentIds, setLeaderId: onLeader, setAgentIds: onAgents } = team
  const leaderError = errors.leaderId
  const agentsError = fieldError(errors, 'agentIds')
  const usable = accounts.filter((a) => !a.disabled)
  if (usable.length === 0) return <Text className='prj__warn'>还没有项目长/代办员账号，请先在下方新建</Text>
  return (
    <View data-testid='team-picker'>
      <Text className='prj__label'>项目长（负责人，单选）</Text>
      <View className='prj__chips' id='team-leader'>
        {usable.map((a) => (
          <Text key={a.id} className={`prj__chip ${leaderId === a.id ? 'prj__chip--active' : ''}`} data-testid='pick-leader' data-username={a.username} onClick={() => onLeader(leaderId === a.id ? '' : a.id)}>
            {a.name}
            {a.title ? ` · ${a.title}` : ''}
          </Text>
        ))}
      </View>
      <FormError error={leaderError} testId='pick-leader-error' />
      <Text className='prj__label'>代办员（可多选）</Text>
      <View className='prj__chips'>
        {usable
          .filter((a) => a.id !== leaderId)
          .map((a) => (
            <Text
              key={a.id}
              className={`prj__chip ${agentIds.includes(a.id) ? 'prj__chip--active' : ''}`}
              data-testid='pick-agent'
              data-username={a.username}
              onClick={() => onAgents(agentIds.includes(a.id) ? agentIds.filter((x) => x !== a.id) : [...agentIds, a.id])}
            >
              {agentIds.includes(a.id) ? '✓ ' : ''}
              {a.name}
            </Text>
          ))}
      </View>
      {agentsError && <Text className='prj__error'>{agentsError}</Text>}
    </View>
  )
}

/** 新建项目长/代办员账号: the password is shown once, to hand over. */
export function NewAccount({ regionCode, onCreated }: { regionCode: string; onCreated: (a: ProjectAccount) => void }) {
  const [open, setOpen] = useState(false)
  const [f, setF] = useState({ username: '', name: '', title: '', mobile: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null)
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v })

  const save = async () => {
    setErrors({})
    try {
      const res = await createProjectAccount({
        username: f.username.trim(),
        name: f.name.trim(),
        regionCode,
        ...(f.title.trim() ? { title: f.title.trim() } : {}),
        ...(f.mobile.trim() ? { mobile: f.mobile.trim() } : {})
      })
      setCreated({ username: res.account.username, password: res.password })
      setF({ username: '', name: '', title: '', mobile: '' })
      setOpen(false)
      onCreated(res.account)
    } catch (err) {
      setErrors(formErrors(err))
      scrollToAnchor('new-account')
    }
  }

  return (
    <View id='new-account' data-testid='new-account'>
      {created && (
        <Text className='prj__success' data-testid='new-account-password'>
          已创建账号 {created.username}，初始密码 {created.password}（仅显示一次，请转交本人）
        </Text>
      )}
      {!open ? (
        <View className='prj__actions'>
          <Btn variant='plain' testId='new-account-open' onClick={() => setOpen(true)}>
            新建项目长/代办员账号
          </Btn>
        </View>
      ) : (
        <View>
          <Field label='用户名' testId='account-username' value={f.username} onInput={set('username')} error={errors.username} placeholder='如 leader.wang' maxlength={32} />
          <Field label='姓名' testId='account-name' value={f.name} onInput={set('name')} error={errors.name} maxlength={30} />
          <Field label='职务（企业可见，可不填）' testId='account-title' value={f.title} onInput={set('title')} error={errors.title} placeholder='如 市发改委副主任' maxlength={40} />
          <Field label='手机号码（企业可拨打，可不填）' testId='account-mobile' type='digit' value={f.mobile} onInput={set('mobile')} error={errors.mobile} maxlength={11} />
          <View className='prj__actions'>
            <Btn testId='account-save' onClick={() => void save()}>
              创建账号
            </Btn>
            <Btn variant='plain' onClick={() => setOpen(false)}>
              取消
            </Btn>
          </View>
          <FormError error={errors['']} testId='account-error' />
        </View>
      )}
    </View>
  )
}
