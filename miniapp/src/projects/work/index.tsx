import { useShownVersion } from '@/hooks/useShownVersion'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { fetchAgentProjects } from '@/api/projects'
import { clearSession } from '@/api/request'
import { StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useRegionName } from '@/hooks/useCatalogue'
import { useElderMode } from '@/stores/elder'
import { useProjectGuard } from '../lib/guard'
import { Btn, GuardPending } from '../lib/ui'
import { ProjectCard } from '../lib/view'
import '../projects.scss'

/** 项目长/代办员 workspace: my projects, the late ones first; each opens the project with its item actions. */
export default function AgentWorkspace() {
  const { elderClass } = useElderMode()
  const me = useProjectGuard('agent')
  const regionName = useRegionName(me?.regionCode)
  const version = useShownVersion()
  const list = useAsync(fetchAgentProjects, [version], Boolean(me))
  if (!me) return <GuardPending elderClass={elderClass} />

  // the server sorts at risk first; keep that order, most late items first among them
  const items = [...(list.data?.items ?? [])].sort((a, b) => Number(b.atRisk) - Number(a.atRisk) || b.lateCount - a.lateCount)
  const atRisk = items.filter((p) => p.atRisk).length
  const late = items.reduce((n, p) => n + p.lateCount, 0)
  const leading = items.filter((p) => p.viewerRole === 'leader').length

  return (
    <View className={`page prj-root ${elderClass}`} data-testid='agent-workspace'>
      <View className='section'>
        <Text className='prj__title'>项目长 · 代办员工作台</Text>
        <Text className='prj__meta'>
          {me.name ?? me.username}
          {me.regionCode ? ` · ${regionName ?? '…'}` : ''}
        </Text>
        <View className='prj__kpis'>
          <View className='prj__kpi'>
            <Text className='prj__kpi-value' data-testid='agent-kpi-projects'>
              {items.length}
            </Text>
            <Text className='prj__kpi-label'>负责项目（项目长 {leading}）</Text>
          </View>
          <View className='prj__kpi'>
            <Text className={`prj__kpi-value ${atRisk ? 'prj__kpi-value--red' : ''}`} data-testid='agent-kpi-risk'>
              {atRisk}
            </Text>
            <Text className='prj__kpi-label'>有风险项目</Text>
          </View>
          <View className='prj__kpi'>
            <Text className={`prj__kpi-value ${late ? 'prj__kpi-value--red' : ''}`}>{late}</Text>
            <Text className='prj__kpi-label'>逾期事项</Text>
          </View>
        </View>
      </View>
      <StateView loading={list.loading && !list.data} error={list.error} onRetry={list.reload} empty={items.length === 0} emptyText='暂无负责的项目，管理员指定后显示在这里'>
        {items.map((p) => (
          <View key={p.id}>
            <ProjectCard p={p} url={`/projects/detail/index?id=${p.id}`} testId='agent-project' />
          </View>
        ))}
      </StateView>
      <View className='section'>
        <View className='prj__actions'>
          <Btn
            variant='plain'
            testId='logout'
            onClick={() => {
              clearSession()
              void Taro.reLaunch({ url: '/pages/index/index' })
            }}
          >
            退出登录
          </Btn>
        </View>
      </View>
    </View>
  )
}
