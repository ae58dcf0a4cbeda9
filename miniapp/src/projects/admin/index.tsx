import { useState } from 'react'
import { useShownVersion } from '@/hooks/useShownVersion'
import { Text, View } from '@tarojs/components'
import { PROJECT_LEVELS, PROJECT_TYPES, type ProjectLevel, type ProjectType } from '@xz/shared'
import { fetchAdminProjects, fetchOverview } from '@/api/projects'
import { StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useRegionName } from '@/hooks/useCatalogue'
import { useElderMode } from '@/stores/elder'
import { CountBars, StageChart } from '../lib/charts'
import { dayLabel, investmentLabel } from '../lib/format'
import { useProjectGuard } from '../lib/guard'
import { Btn, Chips, GuardPending, Section, go } from '../lib/ui'
import { ProjectCard } from '../lib/view'
import '../projects.scss'

type RiskFilter = '全部项目' | '有风险'

/** 全代办 for administrators: totals, average working days per stage against the limits, at-risk projects, all projects. */
export default function AdminProjects() {
  const { elderClass } = useElderMode()
  const me = useProjectGuard('admin')
  const regionName = useRegionName(me?.regionCode)
  const version = useShownVersion()
  const [type, setType] = useState<ProjectType | ''>('')
  const [risk, setRisk] = useState<RiskFilter>('全部项目')
  const [level, setLevel] = useState<ProjectLevel | ''>('')
  const overview = useAsync(() => fetchOverview(type || undefined), [type, version], Boolean(me))
  const list = useAsync(() => fetchAdminProjects({ atRisk: risk === '有风险' || undefined, level: level || undefined, type: type || undefined }), [risk, level, type, version], Boolean(me))
  if (!me) return <GuardPending elderClass={elderClass} />
  const o = overview.data

  return (
    <View className={`page prj-root ${elderClass}`} data-testid='admin-projects'>
      <View className='section'>
        <Text className='prj__title'>全代办 · 项目长责任制</Text>
        <Text className='prj__meta'>
          {me.name ?? me.username} · 管辖区域 {me.regionCode ? (regionName ?? '…') : '—'}
        </Text>
        <View className='prj__actions'>
          <Btn testId='admin-project-new' onClick={() => go('/projects/create/index')}>
            新建项目
          </Btn>
          <Btn testId='admin-templates' variant='plain' onClick={() => go('/projects/templates/index')}>
            审批清单模板
          </Btn>
        </View>
      </View>

      <Section title='项目类型'>
        <Chips options={['', ...PROJECT_TYPES] as ('' | ProjectType)[]} value={type} onChange={setType} testId='overview-type' label={(t) => t || '全部类型'} />
      </Section>

      <StateView loading={overview.loading && !o} error={overview.error} onRetry={overview.reload}>
        {o && (
          <View>
            <View className='prj__kpis'>
              <View className='prj__kpi'>
                <Text className='prj__kpi-value' data-testid='kpi-projects'>
                  {o.totals.projects}
                </Text>
                <Text className='prj__kpi-label'>项目（在办 {o.totals.inProgress} · 完成 {o.totals.done}）</Text>
              </View>
              <View className='prj__kpi'>
                <Text className={`prj__kpi-value ${o.totals.atRisk ? 'prj__kpi-value--red' : ''}`} data-testid='kpi-at-risk'>
                  {o.totals.atRisk}
                </Text>
                <Text className='prj__kpi-label'>有风险项目</Text>
              </View>
              <View className='prj__kpi'>
                <Text className={`prj__kpi-value ${o.totals.lateItems ? 'prj__kpi-value--red' : ''}`} data-testid='kpi-late-items'>
                  {o.totals.lateItems}
                </Text>
                <Text className='prj__kpi-label'>逾期事项</Text>
              </View>
              <View className='prj__kpi'>
                <Text className={`prj__kpi-value ${o.totals.overdueCommitments ? 'prj__kpi-value--red' : ''}`}>{o.totals.overdueCommitments}</Text>
                <Text className='prj__kpi-label'>承诺超期未核查</Text>
              </View>
              <View className='prj__kpi'>
                <Text className='prj__kpi-value'>{investmentLabel(o.totals.investmentWan)}</Text>
                <Text className='prj__kpi-label'>总投资</Text>
              </View>
            </View>

            <Section title='各阶段平均审批用时（工作日）' testId='overview-stages'>
              <Text className='prj__hint'>已完成该阶段的项目的平均实际用时，与承诺时限、法定时限对比；截至 {o.asOf}</Text>
              <StageChart stages={o.stages} />
            </Section>

            <Section title='有风险的项目' testId='overview-at-risk'>
              {o.atRisk.length === 0 ? (
                <Text className='prj__text'>暂无逾期事项，所有项目按承诺推进</Text>
              ) : (
                o.atRisk.slice(0, 10).map((p) => <ProjectCard key={p.id} p={p} url={`/projects/detail/index?id=${p.id}`} testId='at-risk-project' />)
              )}
            </Section>

            {o.overdueCommitments.length > 0 && (
              <Section title='告知承诺超期未核查' testId='overview-commitments'>
                {o.overdueCommitments.map((c) => (
                  <View key={`${c.projectId}:${c.itemKey}`} className='prj__row prj__row--overdue-commitment' onClick={() => go(`/projects/detail/index?id=${c.projectId}`)}>
                    <Text className='prj__row-title'>
                      {c.projectName} · {c.itemName}
                    </Text>
                    <Text className='prj__warn'>
                      {c.departmentName} 应于 {dayLabel(c.verifyDeadline)} 前核查，已超 {c.overdueWorkingDays} 个工作日
                    </Text>
                  </View>
                ))}
              </Section>
            )}

            {o.departments.length > 0 && (
              <Section title='各部门在办与逾期事项' testId='overview-departments'>
                <CountBars
                  testId='department-chart'
                  data={o.departments.map((d) => ({
                    key: d.departmentName,
                    label: d.departmentName,
                    value: d.lateItems,
                    note: `在办 ${d.openItems}${d.overdueCommitments ? ` · 承诺超期 ${d.overdueCommitments}` : ''}`
                  }))}
                  unit='项逾期'
                />
              </Section>
            )}
          </View>
        )}
      </StateView>

      <Section title='全部项目' testId='admin-project-list'>
        <Chips options={['全部项目', '有风险'] as RiskFilter[]} value={risk} onChange={setRisk} testId='filter-risk' />
        <Chips options={['', ...PROJECT_LEVELS] as ('' | ProjectLevel)[]} value={level} onChange={setLevel} testId='filter-level' label={(l) => l || '全部级别'} />
        <StateView loading={list.loading && !list.data} error={list.error} onRetry={list.reload} empty={(list.data?.items ?? []).length === 0} emptyText={risk === '有风险' ? '暂无有风险的项目' : '暂无项目'}>
          <Text className='prj__meta' data-testid='admin-project-total'>
            共 {list.data?.total ?? 0} 个
          </Text>
          {(list.data?.items ?? []).map((p) => (
            <ProjectCard key={p.id} p={p} url={`/projects/detail/index?id=${p.id}`} testId='admin-project' />
          ))}
        </StateView>
      </Section>
    </View>
  )
}
