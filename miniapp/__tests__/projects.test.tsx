import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ProjectDetail, ProjectItemView, ProjectStageView } from '@xz/shared'
import ProjectPage from '@/projects/detail'
import AgentWorkspace from '@/projects/work'
import { fieldError, formErrors, investmentLabel, lateItems, nextItems } from '@/projects/lib/format'
import { ApiError } from '@/api/request'
import { routerParams } from '../test/mocks/taro'
import { ADMIN_ME, apiError, fakeApi, resetTaro, signIn } from './staff-fake-api'

const ID = '64d000000000000000000001'

function item(over: Partial<ProjectItemView> & Pick<ProjectItemView, 'key' | 'name'>): ProjectItemView {
  return {
    stage: 'land_planning', departmentName: '市自然资源局', legalDays: 20, promisedDays: 5, dependsOn: [], commitmentAllowed: false, earlyStart: false,
    status: 'not_started', statusLabel: '未开始', plannedStart: '2026-10-28', plannedEnd: '2026-11-03', pausedWorkingDays: 0, late: false, lateWorkingDays: 0,
    doneLate: false, critical: false, ready: true, entrusted: false, milestone: false, documents: [], history: [], rev: 0, ...over
  }
}

const stage = (s: ProjectStageView['stage'], label: string, over: Partial<ProjectStageView> = {}): ProjectStageView => ({
  stage: s, label, itemCount: 0, doneCount: 0, lateCount: 0, status: 'empty', promisedWorkingDays: 0, legalWorkingDays: 0, ...over
})

function project(over: Partial<ProjectDetail> = {}): ProjectDetail {
  const items = [
    item({ key: 'filing', name: '企业投资项目备案', status: 'done', statusLabel: '已办结', doneOn: '2026-12-07', documents: [{ name: '项目备案证明', addedAt: '2026-12-07T01:00:00.000Z' }] }),
    item({ key: 'eia', name: '环境影响评价审批', late: true, lateWorkingDays: 21, commitmentAllowed: true }),
    item({ key: 'planning', name: '建设用地规划许可证', status: 'paused', statusLabel: '暂停', pauseReason: '等待企业补充总平面图', ready: false, dependsOn: ['filing'], rev: 3 })
  ]
  return {
    id: ID, name: '年产5万吨新材料生产线项目', type: '一般工业项目', level: '市级重点', enterpriseName: '忻州示例新材料有限公司', regionCode: '140902', regionName: '忻府区',
    investmentWan: 52000, status: 'in_progress', statusLabel: '审批中', currentStage: 'land_planning', itemCount: 3, doneCount: 1, startDate: '2026-10-28',
    promisedCompletion: '2026-12-18', expectedCompletion: '2027-01-21', atRisk: true, lateCount: 1, overdueCommitments: 0, agencyStatus: 'none',
    viewerRole: 'enterprise', demo: false, templateId: 't1', templateName: '一般工业项目审批清单', location: '经开区', industry: '新材料制造', creditCode: '91140900MA0PAGE12X',
    standardLand: false, landStart: false, promisedWorkingDays: 38, legalWorkingDays: 125, criticalPath: [], leader: { id: 'l1', name: '王建国', title: '市发改委副主任', mobile: '13903500001' },
    agents: [], items,
    stages: [
      stage('land_planning', '立项用地规划许可', { itemCount: 3, doneCount: 1, lateCount: 1, status: 'in_progress', promisedWorkingDays: 10 }),
      stage('engineering', '工程建设许可'), stage('construction', '施工许可'), stage('acceptance', '竣工验收'), stage('registration', '不动产登记')
    ],
    agency: { status: 'none', statusLabel: '未委托', itemKeys: [], allowedActions: ['entrust'], history: [] },
    adjustments: [], canUpdateItems: false, canEditChecklist: false, canSignCommitments: true, asOf: '2026-12-07',
    ...over
  }
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)))

describe('全代办 helpers', () => {
  it('when amounts, next and late items are formatted, then they read as the enterprise expects', () => {
    expect(investmentLabel(8500)).toBe('8500万元')
    expect(investmentLabel(52000)).toBe('5.2亿元')
    expect(investmentLabel(30000)).toBe('3亿元')
    const p = project()
    expect(nextItems(p).map((i) => i.key)).toEqual(['eia'])
    expect(lateItems(p).map((i) => i.key)).toEqual(['eia'])
  })

  it('when the server names a field, then the message is kept under its path and found from a parent path', () => {
    const err = new ApiError('VALIDATION_FAILED', 400, '请填写建设地点', { issues: [{ path: 'items.3.promisedDays', message: '承诺时限不能长于法定时限' }] })
    const e = formErrors(err)
    expect(fieldError(e, 'items.3')).toBe('承诺时限不能长于法定时限')
    expect(e['']).toBe('承诺时限不能长于法定时限')
    expect(formErrors(new ApiError('RULE_VIOLATION', 422, '日期不能晚于今天', { field: 'on' })).on).toBe('日期不能晚于今天')
  })
})

describe('我的项目 and the 项目长 workspace', () => {
  beforeEach(resetTaro)

  it('when the enterprise opens its project, then the late item is highlighted, the pause reason shown and the 项目长 can be called', async () => {
    signIn()
    routerParams.id = ID
    fakeApi({ [`GET /api/v1/projects/${ID}`]: project() })
    render(<ProjectPage />)
    expect(await screen.findByTestId('project-header')).toHaveTextContent('有风险 · 1 项逾期')
    expect(screen.getByTestId('project-done-count')).toHaveTextContent('已办结 1/3 项')
    const late = screen.getAllByTestId('late-item')
    expect(late).toHaveLength(1)
    expect(late[0]).toHaveTextContent('已逾期 21 个工作日')
    const items = screen.getAllByTestId('timeline-item')
    expect(items.map((el) => el.getAttribute('data-late'))).toEqual(['0', '1', '0'])
    expect(within(items[2]).getByTestId('item-pause-reason')).toHaveTextContent('等待企业补充总平面图')
    // the enterprise sees no item actions, but may sign the commitment of the 告知承诺制 item
    expect(screen.queryByTestId('item-actions')).toBeNull()
    expect(within(items[1]).getByTestId('commitment-sign')).toBeInTheDocument()
    fireEvent.click(screen.getByTestId('contact-leader-call'))
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13903500001' })
  })

  it('when the 项目长 resumes a paused item, then the item rev is sent back; a conflict shows the server message at the item', async () => {
    signIn()
    routerParams.id = ID
    const leaderView = project({ viewerRole: 'leader', canUpdateItems: true, canSignCommitments: false })
    let conflict = true
    const calls = fakeApi({
      [`GET /api/v1/projects/${ID}`]: leaderView,
      [`PATCH /api/v1/agent/projects/${ID}/items/planning`]: () =>
        conflict ? apiError(409, 'CONFLICT', '该事项已被他人更新，请刷新后重试') : { body: project({ ...leaderView, items: leaderView.items.map((i) => (i.key === 'planning' ? { ...i, status: 'in_progress', statusLabel: '办理中', rev: 4 } : i)) }) }
    })
    render(<ProjectPage />)
    const planning = (await screen.findAllByTestId('timeline-item'))[2]
    fireEvent.click(within(planning).getByTestId('item-resume'))
    expect(await within(planning).findByTestId('item-error')).toHaveTextContent('该事项已被他人更新，请刷新后重试')
    expect(calls.find((c) => c.method === 'PATCH')?.data).toEqual({ status: 'in_progress', rev: 3 })

    conflict = false
    fireEvent.click(within(planning).getByTestId('item-resume'))
    await waitFor(() => expect(screen.getAllByTestId('timeline-item')[2]).toHaveAttribute('data-status', 'in_progress'))
    expect(screen.getByTestId('project-message')).toHaveTextContent('建设用地规划许可证 已续办')
  })

  it('when an administrator opens the 项目长 workspace, then the page sends them to the login with the reason', async () => {
    signIn()
    fakeApi({ 'GET /api/v1/me': ADMIN_ME })
    render(<AgentWorkspace />)
    await settle()
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/staff/login/index?reason=forbidden' }))
  })
})
