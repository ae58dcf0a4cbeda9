import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { fetchProject, fetchProjectAccounts, saveTeam } from '@/api/projects'
import { ApiError } from '@/api/request'
import { MISSING, StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useElderMode } from '@/stores/elder'
import { scrollToAnchor } from '@/utils/scroll'
import { formErrors } from '../lib/format'
import { useProjectGuard } from '../lib/guard'
import { NewAccount, TeamPicker, useTeamChoice } from '../lib/team'
import { Btn, FormError, GuardPending, Section } from '../lib/ui'
import '../projects.scss'

/** The administrator names the 项目长 and the 代办员 of a project (项目长责任制). */
export default function ProjectTeamPage() {
  const { elderClass } = useElderMode()
  const me = useProjectGuard('admin')
  const id = useRouter().params.id ?? ''
  const [accountsVersion, setAccountsVersion] = useState(0)
  const project = useAsync(() => (id ? fetchProject(id) : Promise.reject(new ApiError('NOT_FOUND', 404, MISSING))), [id], Boolean(me))
  const accounts = useAsync(fetchProjectAccounts, [accountsVersion], Boolean(me))
  const team = useTeamChoice()
  const { leaderId, setLeaderId, setAgentIds } = team
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saved, setSaved] = useState('')
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    const p = project.data
    if (!p) return
    setLeaderId(p.leader?.id ?? '')
    setAgentIds(p.agents.map((a) => a.id))
  }, [project.data])

  if (!me) return <GuardPending elderClass={elderClass} />
  const p = project.data

  const save = async () => {
    setErrors({})
    setSaved('')
    if (!leaderId) {
      setErrors({ leaderId: '请选择项目长' })
      scrollToAnchor('team-leader')
      return
    }
    setBusy(true)
    try {
      const next = await saveTeam(id, { leaderId, agentIds: team.agentsToSave })
      setSaved(`已指定项目长 ${next.leader?.name ?? ''}${next.agents.length ? `，代办员 ${next.agents.map((a) => a.name).join('、')}` : ''}`)
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (err) {
      setErrors(formErrors(err))
      scrollToAnchor('team-save')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={`page prj-root ${elderClass}`} data-testid='project-team'>
      <StateView loading={(project.loading && !p) || (accounts.loading && !accounts.data)} error={project.error ?? accounts.error} onRetry={() => (project.reload(), accounts.reload())}>
        {p && (
          <View>
            <View className='section'>
              <Text className='prj__title'>{p.name}</Text>
              <Text className='prj__meta'>
                {p.enterpriseName} · {p.level} · {p.regionName ?? p.regionCode}
              </Text>
              <Text className='prj__meta'>
                当前项目长：{p.leader ? p.leader.name : '未指定'}
                {p.agents.length ? ` · 代办员：${p.agents.map((a) => a.name).join('、')}` : ''}
              </Text>
            </View>
            <Section title='项目长与代办员'>
              <Text className='prj__hint'>项目长对项目从立项到竣工验收、不动产登记全流程负责；代办员协助办理具体事项。</Text>
              <TeamPicker accounts={accounts.data ?? []} team={team} errors={errors} />
              <View className='prj__actions' id='team-save'>
                <Btn testId='team-save' disabled={busy} onClick={() => void save()}>
                  保存
                </Btn>
                <Btn variant='plain' testId='team-back' onClick={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: `/projects/detail/index?id=${id}` }))}>
                  返回项目
                </Btn>
              </View>
              {saved && (
                <Text className='prj__success' data-testid='team-saved'>
                  {saved}
                </Text>
              )}
              <FormError error={errors['']} testId='team-error' />
            </Section>
            <Section title='账号'>
              <NewAccount regionCode={p.regionCode} onCreated={() => setAccountsVersion((v) => v + 1)} />
            </Section>
          </View>
        )}
      </StateView>
    </View>
  )
}
