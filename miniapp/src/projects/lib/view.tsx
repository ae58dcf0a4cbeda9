import { Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import {
  PROJECT_STAGE_LABELS,
  type ProjectDetail,
  type ProjectItemView,
  type ProjectPerson,
  type ProjectStageView,
  type ProjectSummary
} from '@xz/shared'
import { dayLabel, fullDate, instantLabel, investmentLabel, itemNames, itemTone, lateItems, nextItems, overdueCommitmentItems, progressPercent, soonItems } from './format'
import { Btn, call, go } from './ui'

/** One project in a list: name, enterprise, where it stands, what is next and whether it is at risk. */
export function ProjectCard({ p, url, testId = 'project-card' }: { p: ProjectSummary; url: string; testId?: string }) {
  const pct = progressPercent(p.doneCount, p.itemCount)
  return (
    <View className='prj__card' data-testid={testId} data-risk={p.atRisk ? '1' : '0'} onClick={() => go(url)}>
      <Text className='prj__subtitle'>{p.name}</Text>
      <Text className='prj__meta'>
        {p.enterpriseName} · {p.regionName ?? p.regionCode} · {investmentLabel(p.investmentWan)}
      </Text>
      <View className='prj__badges'>
        {p.atRisk && (
          <Text className='prj__badge prj__badge--risk' data-testid='project-card-risk'>
            有风险 · 逾期 {p.lateCount} 项
          </Text>
        )}
        {p.overdueCommitments > 0 && <Text className='prj__badge prj__badge--soon'>承诺超期未核查 {p.overdueCommitments}</Text>}
        {p.viewerRole === 'leader' && <Text className='prj__badge prj__badge--critical'>我是项目长</Text>}
        {p.viewerRole === 'agent' && <Text className='prj__badge prj__badge--critical'>我是代办员</Text>}
        <Text className='prj__badge prj__badge--level'>{p.level}</Text>
        <Text className='prj__badge'>{p.statusLabel}</Text>
        {p.currentStage && <Text className='prj__badge'>当前：{PROJECT_STAGE_LABELS[p.currentStage]}</Text>}
        {p.demo && <Text className='prj__badge prj__badge--demo'>示例数据</Text>}
      </View>
      <View className='prj__progress'>
        <View className='prj__progress-line'>
          <Text>
            已办结 {p.doneCount}/{p.itemCount} 项
          </Text>
          <Text>承诺 {fullDate(p.promisedCompletion)} 完成</Text>
        </View>
        <View className='prj__track'>
          <View className={`prj__fill ${p.atRisk ? 'prj__fill--risk' : ''}`} style={{ width: `${pct}%` }} />
        </View>
      </View>
      {p.nextItem && (
        <Text className={p.nextItem.late ? 'prj__danger' : 'prj__meta'}>
          下一步：{p.nextItem.name}（{p.nextItem.late ? '已逾期，' : ''}承诺 {dayLabel(p.nextItem.plannedEnd)} 前）
        </Text>
      )}
      {p.leader && <Text className='prj__meta'>项目长：{p.leader.name}{p.leader.title ? `（${p.leader.title}）` : ''}</Text>}
    </View>
  )
}

/** Name, facts, overall progress and the risk badge of a project. */
export function ProjectHeader({ p }: { p: ProjectDetail }) {
  const pct = progressPercent(p.doneCount, p.itemCount)
  const late = p.expectedCompletion > p.promisedCompletion
  return (
    <View className='section prj__head' data-testid='project-header'>
      <Text className='prj__title' data-testid='project-name'>
        {p.name}
      </Text>
      <Text className='prj__meta'>
        {p.enterpriseName}
        {p.code ? ` · 项目代码 ${p.code}` : ''}
      </Text>
      <View className='prj__badges'>
        {p.atRisk ? (
          <Text className='prj__badge prj__badge--risk' data-testid='project-risk'>
            有风险 · {p.lateCount} 项逾期
          </Text>
        ) : (
          <Text className='prj__badge prj__badge--done' data-testid='project-on-track'>
            进度正常
          </Text>
        )}
        <Text className='prj__badge prj__badge--level'>{p.level}</Text>
        <Text className='prj__badge'>{p.type}</Text>
        {p.standardLand && <Text className='prj__badge prj__badge--commit'>标准地</Text>}
        {p.landStart && <Text className='prj__badge prj__badge--commit'>拿地即开工</Text>}
        <Text className='prj__badge'>{p.agency.statusLabel}</Text>
        {p.demo && <Text className='prj__badge prj__badge--demo'>示例数据</Text>}
      </View>
      <View className='prj__progress' data-testid='project-progress'>
        <View className='prj__progress-line'>
          <Text data-testid='project-done-count'>
            已办结 {p.doneCount}/{p.itemCount} 项
          </Text>
          <Text>{pct}%</Text>
        </View>
        <View className='prj__track'>
          <View className={`prj__fill ${p.atRisk ? 'prj__fill--risk' : ''}`} style={{ width: `${pct}%` }} />
        </View>
      </View>
      <View className='prj__facts'>
        <View className='prj__fact'>
          <Text className='prj__fact-label'>承诺完成日期</Text>
          <Text className='prj__fact-value' data-testid='project-promised'>
            {fullDate(p.promisedCompletion)}
          </Text>
        </View>
        <View className='prj__fact'>
          <Text className='prj__fact-label'>按当前进度预计</Text>
          <Text className={`prj__fact-value ${late ? 'prj__fact-value--red' : ''}`} data-testid='project-expected'>
            {fullDate(p.expectedCompletion)}
          </Text>
        </View>
        <View className='prj__fact'>
          <Text className='prj__fact-label'>总投资</Text>
          <Text className='prj__fact-value'>{investmentLabel(p.investmentWan)}</Text>
        </View>
        <View className='prj__fact'>
          <Text className='prj__fact-label'>承诺 / 法定用时（工作日）</Text>
          <Text className='prj__fact-value'>
            {p.promisedWorkingDays} / {p.legalWorkingDays}
          </Text>
        </View>
      </View>
      <Text className='prj__meta'>
        建设地点：{p.regionName ? `${p.regionName} ` : ''}
        {p.location} · {p.industry}
      </Text>
      <Text className='prj__meta'>
        审批起始：{fullDate(p.startDate)} · 清单模板：{p.templateName}
      </Text>
    </View>
  )
}

function Person({ who, role, testId }: { who: ProjectPerson; role: string; testId: string }) {
  return (
    <View className='prj__person' data-testid={testId}>
      <View className='prj__person-main'>
        <Text className='prj__person-name'>
          {role}：{who.name}
        </Text>
        {who.title && <Text className='prj__meta'>{who.title}</Text>}
        {who.mobile && <Text className='prj__meta'>{who.mobile}</Text>}
      </View>
      {who.mobile && (
        <Btn small variant='plain' testId={`${testId}-call`} onClick={() => call(who.mobile!)}>
          拨打电话
        </Btn>
      )}
    </View>
  )
}

/** Who is on it: the 项目长 and the 代办员, tap to call; the enterprise's contact for the team. */
export function Contacts({ p }: { p: ProjectDetail }) {
  return (
    <View className='section' data-testid='project-contacts'>
      <View className='section__title'>
        <Text className='section__title-text'>谁在负责</Text>
      </View>
      {p.leader ? <Person who={p.leader} role='项目长' testId='contact-leader' /> : <Text className='prj__warn'>尚未指定项目长，管理员指定后显示在这里</Text>}
      {p.agents.map((a) => (
        <Person key={a.id} who={a} role='代办员' testId='contact-agent' />
      ))}
      {p.viewerRole !== 'enterprise' && p.contactName && (
        <Person who={{ id: 'contact', name: p.contactName, mobile: p.contactMobile }} role='企业联系人' testId='contact-enterprise' />
      )}
    </View>
  )
}

/** "下一步" and what is late (red) or about to be (amber), plus commitments past their verification deadline. */
export function Attention({ p }: { p: ProjectDetail }) {
  const next = nextItems(p)
  const late = lateItems(p)
  const soon = soonItems(p)
  const commitments = overdueCommitmentItems(p)
  return (
    <>
      {(late.length > 0 || commitments.length > 0 || soon.length > 0) && (
        <View className='section' data-testid='project-late'>
          <View className='section__title'>
            <Text className='section__title-text'>需要关注</Text>
          </View>
          {late.map((i) => (
            <View key={i.key} className='prj__row prj__row--late' data-testid='late-item' data-key={i.key}>
              <Text className='prj__row-title'>{i.name}</Text>
              <Text className='prj__danger'>
                已逾期 {i.lateWorkingDays} 个工作日（承诺 {dayLabel(i.plannedEnd, p.asOf)} 前办结）
              </Text>
              <Text className='prj__meta'>
                {i.departmentName} · {i.statusLabel}
                {i.blocker ? ` · 卡在：${i.blocker}` : ''}
              </Text>
            </View>
          ))}
          {soon.map((i) => (
            <View key={i.key} className='prj__row prj__row--soon' data-testid='soon-item' data-key={i.key}>
              <Text className='prj__row-title'>{i.name}</Text>
              <Text className='prj__warn'>即将到期：承诺 {dayLabel(i.plannedEnd, p.asOf)} 前办结</Text>
              <Text className='prj__meta'>{i.departmentName}</Text>
            </View>
          ))}
          {commitments.map((i) => (
            <View key={`c-${i.key}`} className='prj__row prj__row--overdue-commitment' data-testid='overdue-commitment' data-key={i.key}>
              <Text className='prj__row-title'>{i.name}（告知承诺制）</Text>
              <Text className='prj__warn'>承诺核查已超期：应于 {dayLabel(i.commitment!.verifyDeadline, p.asOf)} 前核查</Text>
              <Text className='prj__meta'>{i.departmentName}</Text>
            </View>
          ))}
        </View>
      )}
      <View className='section' data-testid='project-next'>
        <View className='section__title'>
          <Text className='section__title-text'>下一步</Text>
        </View>
        {next.length === 0 ? (
          <Text className='prj__text'>{p.status === 'done' ? '全部审批事项已办结' : '暂无可开始的事项'}</Text>
        ) : (
          next.slice(0, 5).map((i) => (
            <View key={i.key} className={`prj__row ${i.late ? 'prj__row--late' : ''}`} data-testid='next-item' data-key={i.key}>
              <Text className='prj__row-title'>{i.name}</Text>
              <Text className='prj__meta'>
                {i.departmentName} · {i.status === 'in_progress' ? '办理中' : '可以开始办理'} · 承诺 {dayLabel(i.plannedEnd, p.asOf)} 前办结
              </Text>
            </View>
          ))
        )}
      </View>
    </>
  )
}

function StageHead({ s, index, asOf }: { s: ProjectStageView; index: number; asOf: string }) {
  const tone = s.lateCount > 0 ? 'late' : s.status
  const statusText = { not_started: '未开始', in_progress: '进行中', done: '已完成', empty: '本项目无此阶段事项' }[s.status]
  return (
    <View className='prj__stage-head'>
      <View className='prj__stage-title'>
        <View className={`prj__dot prj__dot--${tone}`}>
          <Text>{s.status === 'done' ? '✓' : index + 1}</Text>
        </View>
        <Text>{s.label}</Text>
        <Text className={`prj__badge ${s.lateCount > 0 ? 'prj__badge--late' : s.status === 'done' ? 'prj__badge--done' : s.status === 'in_progress' ? 'prj__badge--in_progress' : ''}`} data-testid='stage-status'>
          {s.lateCount > 0 ? `${statusText} · 逾期 ${s.lateCount}` : statusText}
        </Text>
      </View>
      {s.status !== 'empty' && (
        <Text className='prj__meta' data-testid='stage-summary'>
          已办结 {s.doneCount}/{s.itemCount} 项
          {s.plannedStart && s.plannedEnd ? ` · 计划 ${dayLabel(s.plannedStart, asOf)}—${dayLabel(s.plannedEnd, asOf)}` : ''} · 承诺 {s.promisedWorkingDays} 个工作日（法定 {s.legalWorkingDays}）
          {s.actualWorkingDays !== undefined ? ` · 实际 ${s.actualWorkingDays} 个工作日` : ''}
        </Text>
      )}
    </View>
  )
}

const COMMITMENT_RESULT = { pending: '待核查', verified: '核查通过', failed: '核查不通过' } as const

/** Who did what to the item and when (开始办理, 暂停 with its reason, 办结, 承诺核查 …), newest first, folded. */
function ItemHistory({ item }: { item: ProjectItemView }) {
  const [open, setOpen] = useState(false)
  if (item.history.length === 0) return null
  const events = [...item.history].reverse()
  return (
    <View data-testid='item-history'>
      <Text className='prj__link' data-testid='item-history-toggle' onClick={() => setOpen(!open)}>
        {open ? '收起办理记录' : `办理记录（${events.length}）›`}
      </Text>
      {open &&
        events.map((e, i) => (
          <Text key={i} className='prj__meta' data-testid='item-event'>
            {instantLabel(e.at)} {e.actionLabel}
            {e.byName ? ` · ${e.byName}` : ''}
            {e.reason ? ` · ${e.reason}` : ''}
            {e.note ? ` · ${e.note}` : ''}
          </Text>
        ))}
    </View>
  )
}

/** One checklist item on the timeline: status, department, the plan, lateness, 承诺制, documents. */
export function ItemCard({ item, p, children }: { item: ProjectItemView; p: ProjectDetail; children?: ReactNode }) {
  const tone = itemTone(item, p.asOf)
  const statusClass = item.late ? 'late' : item.status
  return (
    <View className={`prj__item prj__item--${statusClass}`} data-testid='timeline-item' data-key={item.key} data-status={item.status} data-late={item.late ? '1' : '0'}>
      <View className='prj__item-head'>
        <Text className='prj__item-name'>{item.name}</Text>
        <Text className={`prj__badge prj__badge--${item.status}`} data-testid='item-status'>
          {item.statusLabel}
        </Text>
      </View>
      <View className='prj__badges'>
        {item.late && (
          <Text className='prj__badge prj__badge--late' data-testid='item-late'>
            逾期 {item.lateWorkingDays} 个工作日
          </Text>
        )}
        {tone === 'soon' && <Text className='prj__badge prj__badge--soon'>即将到期</Text>}
        {item.doneLate && <Text className='prj__badge prj__badge--soon'>超时办结</Text>}
        {item.critical && <Text className='prj__badge prj__badge--critical'>关键路径</Text>}
        {item.milestone && <Text className='prj__badge'>非审批环节（企业建设）</Text>}
        {item.commitmentAllowed && <Text className='prj__badge prj__badge--commit'>告知承诺制</Text>}
        {item.earlyStart && <Text className='prj__badge prj__badge--commit'>拿地即开工</Text>}
        {item.entrusted && <Text className='prj__badge'>已委托代办</Text>}
      </View>
      <Text className='prj__meta'>
        {item.departmentName} · 承诺 {item.promisedDays} 个工作日（法定 {item.legalDays}）
      </Text>
      <Text className='prj__meta' data-testid='item-plan'>
        计划 {dayLabel(item.plannedStart, p.asOf)} 开始，{dayLabel(item.plannedEnd, p.asOf)} 前办结
        {item.pausedWorkingDays > 0 ? `（已顺延暂停的 ${item.pausedWorkingDays} 个工作日）` : ''}
      </Text>
      {(item.startedOn || item.doneOn) && (
        <Text className='prj__meta'>
          {item.startedOn ? `${dayLabel(item.startedOn, p.asOf)} 开始办理` : ''}
          {item.doneOn ? `，${dayLabel(item.doneOn, p.asOf)} 办结` : ''}
        </Text>
      )}
      {item.dependsOn.length > 0 && item.status === 'not_started' && <Text className='prj__meta'>前置事项：{itemNames(p, item.dependsOn)}</Text>}
      {item.status === 'paused' && item.pauseReason && (
        <Text className='prj__warn' data-testid='item-pause-reason'>
          暂停原因：{item.pauseReason}
        </Text>
      )}
      {item.blocker && <Text className='prj__warn'>卡在：{item.blocker}</Text>}
      {item.note && <Text className='prj__meta'>备注：{item.note}</Text>}
      {item.commitment && (
        <Text className={item.commitment.overdue ? 'prj__danger' : 'prj__meta'} data-testid='item-commitment'>
          {item.commitment.signerName} 已于 {instantLabel(item.commitment.signedAt).slice(0, 10)} 签署告知承诺书 · {COMMITMENT_RESULT[item.commitment.result]}
          {item.commitment.result === 'pending' ? `，应于 ${dayLabel(item.commitment.verifyDeadline, p.asOf)} 前核查` : ''}
          {item.commitment.overdue ? '（已超期）' : ''}
        </Text>
      )}
      {item.documents.map((d, i) => (
        <Text key={i} className='prj__meta' data-testid='item-document'>
          产出文件：{d.name}
          {d.number ? `（${d.number}）` : ''}
        </Text>
      ))}
      {item.status !== 'done' && item.documents.length === 0 && item.documentName && <Text className='prj__meta'>办结后产出：{item.documentName}</Text>}
      <ItemHistory item={item} />
      {children}
    </View>
  )
}

/** The five stages top to bottom, each with its items; `extra` adds the actions of a 项目长/代办员 to an item. */
export function Timeline({ p, extra }: { p: ProjectDetail; extra?: (item: ProjectItemView) => ReactNode }) {
  return (
    <View className='section' data-testid='project-timeline'>
      <View className='section__title'>
        <Text className='section__title-text'>审批进度（按阶段）</Text>
      </View>
      {p.stages.map((s, index) => (
        <View key={s.stage} className={`prj__stage ${s.status === 'done' ? 'prj__stage--done' : ''}`} data-testid='stage' data-stage={s.stage}>
          <StageHead s={s} index={index} asOf={p.asOf} />
          {p.items
            .filter((i) => i.stage === s.stage)
            .map((i) => (
              <ItemCard key={i.key} item={i} p={p}>
                {extra?.(i)}
              </ItemCard>
            ))}
        </View>
      ))}
    </View>
  )
}

/** The 代办 steps (DB14/T 2233—2020) recorded so far, newest first. */
export function AgencyHistory({ p }: { p: ProjectDetail }) {
  const events = [...p.agency.history].sort((a, b) => b.seq - a.seq)
  return (
    <View data-testid='agency-history'>
      {events.length === 0 ? (
        <Text className='prj__text'>尚未委托代办</Text>
      ) : (
        events.map((e) => (
          <View key={e.seq} className='prj__event' data-testid='agency-event'>
            <Text className='prj__row-title'>
              {e.actionLabel} · {instantLabel(e.at)}
            </Text>
            <Text className='prj__meta'>
              {e.byName ? `${e.byName} ` : ''}
              {e.reason ? `原因：${e.reason}` : ''}
              {e.note ? `说明：${e.note}` : ''}
              {e.itemKeys && e.itemKeys.length > 0 ? ` 委托事项：${itemNames(p, e.itemKeys)}` : ''}
            </Text>
          </View>
        ))
      )}
    </View>
  )
}

/** The 项目长's adjustments of the checklist with their reasons. */
export function Adjustments({ p }: { p: ProjectDetail }) {
  if (p.adjustments.length === 0) return null
  const ops = { add: '新增', remove: '删除', update: '调整' } as const
  return (
    <View className='section' data-testid='project-adjustments'>
      <View className='section__title'>
        <Text className='section__title-text'>清单调整记录</Text>
      </View>
      {[...p.adjustments].reverse().map((a, i) => (
        <View key={i} className='prj__event' data-testid='adjustment'>
          <Text className='prj__row-title'>
            {ops[a.op]}：{a.itemName}
          </Text>
          <Text className='prj__meta'>{a.summary}</Text>
          <Text className='prj__meta'>
            原因：{a.reason} · {a.byName} · {instantLabel(a.at)}
          </Text>
        </View>
      ))}
    </View>
  )
}
