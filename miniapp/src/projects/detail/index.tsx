import { useEffect, useState } from 'react'
import { useShownVersion } from '@/hooks/useShownVersion'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ProjectDetail, ProjectItemView } from '@xz/shared'
import { ensureLogin } from '@/api/auth'
import { fetchProject } from '@/api/projects'
import { ApiError } from '@/api/request'
import { MISSING, StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useElderMode } from '@/stores/elder'
import { goLogin } from '@/utils/loginReturn'
import { Btn, go } from '../lib/ui'
import { Adjustments, Attention, Contacts, ProjectHeader, Timeline } from '../lib/view'
import { AgencyPanel } from './AgencyPanel'
import { AddItem, ItemAdjust } from './ChecklistEditor'
import { CommitmentSign } from './CommitmentSign'
import { ItemActions } from './ItemActions'
import '../projects.scss'

const ROLE_LABELS = { enterprise: '本企业项目', leader: '我是项目长', agent: '我是代办员', admin: '管理员查看' } as const

/**
 * One project as a timeline: where it stands, what is next, what is late and who is on it. The same page serves
 * the enterprise (委托, 告知承诺), the 项目长/代办员 (item updates, 代办 steps, checklist adjustments) and the
 * administrators (team); what each may do comes from the server (canUpdateItems, canEditChecklist, …).
 */
export default function ProjectPage() {
  const { elderClass } = useElderMode()
  const id = useRouter().params.id ?? ''
  const version = useShownVersion()
  const loaded = useAsync(
    () => (id ? ensureLogin().then(() => fetchProject(id)) : Promise.reject(new ApiError('NOT_FOUND', 404, MISSING))),
    [id, version]
  )
  const [p, setP] = useState<ProjectDetail | undefined>(undefined)
  const [message, setMessage] = useState('')
  useEffect(() => {
    if (loaded.data) setP(loaded.data)
  }, [loaded.data])

  const onSaved = (next: ProjectDetail, text: string) => {
    setP(next)
    setMessage(text)
    void Taro.showToast({ title: text.length > 14 ? '已保存' : text, icon: 'none' })
  }

  const extra = (item: ProjectItemView) => {
    if (!p) return null
    return (
      <>
        {p.canUpdateItems && <ItemActions key={`${item.key}:${item.rev}`} p={p} item={item} onSaved={onSaved} />}
        {p.canSignCommitments && item.commitmentAllowed && !item.commitment && item.status !== 'done' && <CommitmentSign p={p} item={item} onSaved={onSaved} />}
        {p.canEditChecklist && <ItemAdjust key={`adj:${item.key}:${item.rev}`} p={p} item={item} onSaved={onSaved} />}
      </>
    )
  }

  return (
    <View className={`page prj-root ${elderClass}`} data-testid='project-page'>
      <StateView
        loading={loaded.loading && !p}
        error={p ? null : loaded.error}
        onRetry={loaded.reload}
        errorAction={
          loaded.errorCode === 'UNAUTHENTICATED' ? (
            <Btn testId='project-login' onClick={() => goLogin(`/projects/detail/index?id=${id}`)}>
              去登录
            </Btn>
          ) : undefined
        }
      >
        {p && (
          <View>
            <View className='prj__badges'>
              <Text className='prj__badge prj__badge--level' data-testid='viewer-role'>
                {ROLE_LABELS[p.viewerRole]}
              </Text>
              <Text className='prj__badge'>数据截至 {p.asOf}</Text>
            </View>
            {message && (
              <Text className='prj__success' data-testid='project-message'>
                {message}
              </Text>
            )}
            <ProjectHeader p={p} />
            <Attention p={p} />
            <Contacts p={p} />
            {p.viewerRole === 'admin' && (
              <View className='section'>
                <View className='prj__actions'>
                  <Btn testId='project-team' variant='blue' onClick={() => go(`/projects/team/index?id=${p.id}`)}>
                    指定项目长和代办员
                  </Btn>
                </View>
              </View>
            )}
            <Timeline p={p} extra={extra} />
            <AgencyPanel p={p} onSaved={onSaved} />
            {p.canEditChecklist && <AddItem p={p} onSaved={onSaved} />}
            <Adjustments p={p} />
          </View>
        )}
      </StateView>
    </View>
  )
}
