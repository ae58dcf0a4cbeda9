/**
 * 全代办 / 项目长 (issue 17) through HTTP on the real embedded database: templates, creating a project from one,
 * who sees and does what, item progress on the holiday calendar, the 代办 life cycle with 中止/续办 clock arithmetic,
 * 告知承诺制, the 项目长's checklist adjustments, parallel claims and the administrators' overview.
 */
import { ProjectDetailSchema, ProjectOverviewSchema, ProjectSummaryPageSchema } from '@xz/shared'
import { setNow } from '../../server/src/lib/clock'
import { Project, ProjectAssignment, ProjectClaim, ProjectTemplate } from '../../server/src/modules/projects/project.model'
import { api } from '../helpers/app'
import { account, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { agentAccount, makeProject, makeTemplate, projectBody, projectWorld, templateInput, type ProjectWorld } from '../helpers/project-fixtures'

useTestDb()

let w: ProjectWorld
beforeAll(async () => {
  w = await projectWorld()
})
afterEach(() => setNow(undefined))

/** A local (Asia/Shanghai) instant. */
const at = (local: string) => new Date(`${local}+08:00`)
const get = (s: Session | undefined, path: string) => (s ? api().get(`/api/v1${path}`).set(s.auth) : api().get(`/api/v1${path}`))
const post = (s: Session, path: string, body: Record<string, unknown> = {}) => api().post(`/api/v1${path}`).set(s.auth).send(body)
const patch = (s: Session, path: string, body: Record<string, unknown>) => api().patch(`/api/v1${path}`).set(s.auth).send(body)
const put = (s: Session, path: string, body: Record<string, unknown>) => api().put(`/api/v1${path}`).set(s.auth).send(body)
const item = (s: Session, id: string, key: string, body: Record<string, unknown>) => patch(s, `/agent/projects/${id}/items/${key}`, body)
const step = (s: Session, id: string, body: Record<string, unknown>) => post(s, `/projects/${id}/agency`, body)
const detail = async (s: Session, id: string) => {
  const res = await get(s, `/projects/${id}`)
  expect(res.status).toBe(200)
  return ProjectDetailSchema.parse(res.body)
}
const itemOf = (d: { items: { key: string }[] }, key: string) => d.items.find((it) => it.key === key) as ReturnType<typeof ProjectDetailSchema.parse>['items'][number]

describe('checklist templates', () => {
  it('when the city administrator creates a template, then it is stored with its promised and legal working days; a county administrator may not', async () => {
    setNow(at('2026-09-14T09:00:00'))
    const body = templateInput()
    const res = await post(w.adminCity, '/admin/project-templates', body)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ name: body.name, type: '一般工业项目', active: true, promisedWorkingDays: 16, legalWorkingDays: 74, landStartWorkingDays: 14 })
    expect(res.body.items).toHaveLength(6)
    expect(await ProjectTemplate.exists({ name: body.name })).toBeTruthy()
    expect((await post(w.adminHere, '/admin/project-templates', templateInput())).status).toBe(403)
    expect((await post(w.adminCity, '/admin/project-templates', { ...templateInput(), name: body.name })).body.error.code).toBe('DUPLICATE')
  })

  it('when a template has a dependency cycle, an unknown 前置事项 or a promise longer than the law, then 400 names the item', async () => {
    const base = templateInput()
    const cyclic = { ...base, items: base.items.map((it) => (it.key === 'beian' ? { ...it, dependsOn: ['sgxk'] } : it)) }
    const res = await post(w.adminCity, '/admin/project-templates', cyclic)
    expect(res.status).toBe(400)
    expect(res.body.error.details.issues[0]).toMatchObject({ path: 'items.0.dependsOn' })
    expect(res.body.error.details.issues[0].message).toContain('循环')
    const unknown = { ...base, items: [{ ...base.items[0], dependsOn: ['nope'] }] }
    expect((await post(w.adminCity, '/admin/project-templates', unknown)).status).toBe(400)
    const tooLong = { ...base, items: [{ ...base.items[0], promisedDays: 9 }] }
    const r3 = await post(w.adminCity, '/admin/project-templates', tooLong)
    expect(r3.status).toBe(400)
    expect(r3.body.error.details.issues[0].path).toBe('items.0.promisedDays')
  })

  it('when a template is replaced or archived, then existing projects keep their checklist and no new project can use it', async () => {
    const id = await makeTemplate()
    const projectId = await makeProject(w, { templateId: id })
    const replaced = await put(w.adminCity, `/admin/project-templates/${id}`, templateInput({ name: `改版清单-${id}`, items: templateInput().items.slice(0, 2) }))
    expect(replaced.status).toBe(200)
    expect(replaced.body.items).toHaveLength(2)
    expect((await detail(w.adminHere, projectId)).items).toHaveLength(6)
    const archived = await api().delete(`/api/v1/admin/project-templates/${id}`).set(w.adminCity.auth)
    expect(archived.body.active).toBe(false)
    const refused = await post(w.adminHere, '/admin/projects', projectBody(id, w.owner))
    expect(refused.status).toBe(422)
    expect((await get(w.adminHere, `/admin/project-templates/${id}`)).body.active).toBe(false)
    expect((await get(w.adminOther, '/admin/project-templates')).body.items.some((t: { id: string }) => t.id === id)).toBe(true)
    expect((await get(w.adminCity, '/admin/project-templates/0123456789abcdef01234567')).status).toBe(404)
  })
})

describe('creating a project from a template (一项目一方案一清单)', () => {
  it('when the county administrator creates it, then the checklist is planned on the holiday calendar with its critical path and team', async () => {
    setNow(at('2026-09-10T09:00:00'))
    const res = await post(w.adminHere, '/admin/projects', projectBody(w.templateId, w.owner, { leaderId: w.leader.id, agentIds: [w.agent.id, w.leader.id] }))
    expect(res.status).toBe(201)
    const d = ProjectDetailSchema.parse(res.body)
    expect(d).toMatchObject({ status: 'not_started', promisedCompletion: '2026-10-10', expectedCompletion: '2026-10-10', promisedWorkingDays: 16, atRisk: false, viewerRole: 'admin', creditCode: w.owner.creditCode })
    expect(d.criticalPath).toEqual(['ydys', 'ydgh', 'gcgh', 'jkzh', 'sgxk'])
    // parallel from the start; 09-20 is a 调休 Sunday, 09-25..27 中秋, 10-01..07 国庆, 10-10 a 调休 Saturday
    expect(d.items.map((it) => [it.key, it.plannedStart, it.plannedEnd])).toEqual([
      ['beian', '2026-09-14', '2026-09-14'],
      ['ydys', '2026-09-14', '2026-09-18'],
      ['ydgh', '2026-09-20', '2026-09-22'],
      ['gcgh', '2026-09-23', '2026-09-29'],
      ['jkzh', '2026-09-30', '2026-10-08'],
      ['sgxk', '2026-10-09', '2026-10-10'],
    ])
    expect(d.leader?.id).toBe(w.leader.id)
    expect(d.agents.map((a) => a.id)).toEqual([w.agent.id])
    expect(d.stages.map((s) => [s.stage, s.itemCount, s.promisedWorkingDays])).toEqual([
      ['land_planning', 3, 8],
      ['engineering', 1, 4],
      ['construction', 2, 4],
      ['acceptance', 0, 0],
      ['registration', 0, 0],
    ])
    const assignments = await ProjectAssignment.find({ projectId: d.id }).lean()
    expect(assignments.map((a) => [a.accountId, a.role]).sort()).toEqual([[w.agent.id, 'agent'], [w.leader.id, 'leader']].sort())
  })

  it('when 拿地即开工 is chosen, then 基坑支护和土方开挖 moves ahead under 承诺制 and the completion is earlier', async () => {
    setNow(at('2026-09-10T09:00:00'))
    const d = await detail(w.adminHere, await makeProject(w, { landStart: true }))
    expect(itemOf(d, 'jkzh')).toMatchObject({ earlyStart: true, commitmentAllowed: true, dependsOn: ['ydgh'], plannedStart: '2026-09-23', plannedEnd: '2026-09-24' })
    expect(d.promisedCompletion).toBe('2026-10-08')
    expect(d.landStart).toBe(true)
  })

  it('when the body or the team is wrong, then 400/403/404/422 and nothing is stored', async () => {
    const before = await Project.countDocuments()
    const bad = await post(w.adminHere, '/admin/projects', projectBody(w.templateId, w.owner, { regionCode: '110101', investmentWan: 0 }))
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['investmentWan', 'regionCode'])
    expect((await post(w.adminOther, '/admin/projects', projectBody(w.templateId, w.owner))).status).toBe(403)
    expect((await post(w.adminHere, '/admin/projects', projectBody('0123456789abcdef01234567', w.owner))).status).toBe(404)
    const notAgent = await post(w.adminHere, '/admin/projects', projectBody(w.templateId, w.owner, { leaderId: w.staff.id }))
    expect([notAgent.status, notAgent.body.error.details.issues[0].path]).toEqual([400, 'leaderId'])
    const ancient = await post(w.adminHere, '/admin/projects', projectBody(w.templateId, w.owner, { startDate: '2001-01-01' }))
    expect([ancient.status, ancient.body.error.details.field]).toEqual([422, 'startDate'])
    const elsewhere = await post(w.adminHere, '/admin/projects', projectBody(w.templateId, w.owner, { agentIds: [w.agentElsewhere.id] }))
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([422, 'RULE_VIOLATION'])
    expect(await Project.countDocuments()).toBe(before)
  })
})

describe('who sees and does what', () => {
  let id: string
  beforeAll(async () => {
    id = await makeProject(w)
  })

  it('when each caller reads the project, then only the enterprise, its 项目长/代办员 and administrators of its region get it', async () => {
    const status = async (s: Session | undefined) => (await get(s, `/projects/${id}`)).status
    expect({
      owner: await status(w.owner),
      otherOwner: await status(w.otherOwner),
      plainCitizen: await status(w.plainCitizen),
      leader: await status(w.leader),
      agent: await status(w.agent),
      otherLeader: await status(w.otherLeader),
      otherAgent: await status(w.otherAgent),
      staff: await status(w.staff),
      adminCity: await status(w.adminCity),
      adminHere: await status(w.adminHere),
      adminOther: await status(w.adminOther),
      anonymous: await status(undefined),
    }).toEqual({ owner: 200, otherOwner: 403, plainCitizen: 403, leader: 200, agent: 200, otherLeader: 403, otherAgent: 403, staff: 403, adminCity: 200, adminHere: 200, adminOther: 403, anonymous: 401 })
    expect((await detail(w.owner, id)).viewerRole).toBe('enterprise')
    expect((await detail(w.leader, id)).viewerRole).toBe('leader')
    expect((await get(w.owner, '/projects/0123456789abcdef01234567')).status).toBe(404)
  })

  it('when the enterprise lists 我的项目, then it sees only its own projects', async () => {
    const mine = ProjectSummaryPageSchema.parse((await get(w.owner, '/projects/mine')).body)
    expect(mine.items.map((p) => p.id)).toContain(id)
    expect(mine.items.every((p) => p.viewerRole === 'enterprise' && p.enterpriseName === w.owner.name)).toBe(true)
    expect((await get(w.otherOwner, '/projects/mine')).body.items.map((p: { id: string }) => p.id)).not.toContain(id)
    expect((await get(w.plainCitizen, '/projects/mine')).body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 })
    expect((await get(w.leader, '/projects/mine')).status).toBe(403)
  })

  it('when 项目长 and 代办员 list their projects, then an agent sees only assigned ones', async () => {
    const forLeader = (await get(w.leader, '/agent/projects')).body.items
    expect(forLeader.find((p: { id: string }) => p.id === id)).toMatchObject({ viewerRole: 'leader' })
    expect((await get(w.agent, '/agent/projects')).body.items.find((p: { id: string }) => p.id === id)).toMatchObject({ viewerRole: 'agent' })
    expect((await get(w.otherAgent, '/agent/projects')).body.items.map((p: { id: string }) => p.id)).not.toContain(id)
    expect((await get(w.owner, '/agent/projects')).status).toBe(403)
  })

  it('when the team changes, then the old 项目长 loses the project at once and the new one gets it', async () => {
    const pid = await makeProject(w)
    expect((await put(w.adminOther, `/admin/projects/${pid}/team`, { leaderId: w.otherLeader.id })).status).toBe(403)
    expect((await put(w.leader, `/admin/projects/${pid}/team`, { leaderId: w.otherLeader.id })).status).toBe(403)
    const res = await put(w.adminHere, `/admin/projects/${pid}/team`, { leaderId: w.otherLeader.id, agentIds: [w.otherAgent.id] })
    expect(res.status).toBe(200)
    expect(res.body.leader.id).toBe(w.otherLeader.id)
    expect((await get(w.leader, `/projects/${pid}`)).status).toBe(403)
    expect((await get(w.agent, `/projects/${pid}`)).status).toBe(403)
    expect((await get(w.leader, '/agent/projects')).body.items.map((p: { id: string }) => p.id)).not.toContain(pid)
    expect((await get(w.otherLeader, '/agent/projects')).body.items.map((p: { id: string }) => p.id)).toContain(pid)
    expect(await ProjectAssignment.exists({ _id: `${pid}:${w.leader.id}` })).toBeNull()
    expect((await item(w.agent, pid, 'beian', { status: 'in_progress' })).status).toBe(403)
    expect((await item(w.otherAgent, pid, 'beian', { status: 'in_progress' })).status).toBe(200)
  })

  it('when someone other than the project\'s 项目长 adjusts the checklist, then 403; the 项目长 of another project may edit only that one', async () => {
    const change = { op: 'update', key: 'ydys', changes: { promisedDays: 4 }, reason: '区域评估成果共享，压减时限' }
    expect((await post(w.agent, `/agent/projects/${id}/checklist`, change)).status).toBe(403)
    expect((await post(w.otherLeader, `/agent/projects/${id}/checklist`, change)).status).toBe(403)
    expect((await post(w.adminHere, `/agent/projects/${id}/checklist`, change)).status).toBe(403)
    const own = await makeProject(w, { leaderId: w.otherLeader.id, agentIds: [] })
    expect((await post(w.otherLeader, `/agent/projects/${own}/checklist`, change)).status).toBe(200)
    expect((await post(w.leader, `/agent/projects/${id}/checklist`, change)).status).toBe(200)
  })

  it('when an administrator lists projects, then only their region, filtered and ordered at risk first', async () => {
    const here = ProjectSummaryPageSchema.parse((await get(w.adminHere, '/admin/projects')).body)
    expect(here.total).toBeGreaterThan(0)
    expect(here.items.every((p) => p.regionCode === '140902')).toBe(true)
    expect((await get(w.adminOther, '/admin/projects')).body.items.map((p: { id: string }) => p.id)).not.toContain(id)
    expect((await get(w.adminOther, '/admin/projects?regionCode=140902')).status).toBe(403)
    expect((await get(w.adminCity, '/admin/projects?regionCode=140902&pageSize=50')).body.items.map((p: { id: string }) => p.id)).toContain(id)
    expect((await get(w.adminHere, '/admin/projects?atRisk=maybe')).status).toBe(400)
  })
})

describe('item progress on the holiday calendar', () => {
  it('when items are started and 办结, then dependencies, dates and lateness follow the plan', async () => {
    setNow(at('2026-09-14T09:00:00'))
    const id = await makeProject(w)
    const started = await item(w.agent, id, 'ydys', { status: 'in_progress' })
    expect(started.status).toBe(200)
    expect(itemOf(started.body, 'ydys')).toMatchObject({ status: 'in_progress', startedOn: '2026-09-14', plannedEnd: '2026-09-18', late: false, rev: 1 })
    expect(itemOf(started.body, 'ydys').history[0]).toMatchObject({ action: 'start', byRole: 'agent', byName: '张代办', on: '2026-09-14' })
    // 前置事项 not done
    const early = await item(w.agent, id, 'ydgh', { status: 'in_progress' })
    expect([early.status, early.body.error.code, early.body.error.details.pending]).toEqual([422, 'DEPENDENCY_PENDING', ['ydys']])
    // 即办: straight to 办结 with its document
    const beian = await item(w.leader, id, 'beian', { status: 'done', documents: [{ name: '项目备案证', number: '忻发改备〔2026〕88号' }] })
    expect(itemOf(beian.body, 'beian')).toMatchObject({ status: 'done', startedOn: '2026-09-14', doneOn: '2026-09-14', doneLate: false })
    expect(itemOf(beian.body, 'beian').documents[0]).toMatchObject({ name: '项目备案证', number: '忻发改备〔2026〕88号' })
    expect((await item(w.agent, id, 'beian', { status: 'done' })).status).toBe(422)
    expect((await item(w.agent, id, 'ydys', { status: 'done', on: '2026-09-15' })).status).toBe(422) // in the future
    expect((await item(w.agent, id, 'ydys', { status: 'done', on: '2026-09-13' })).status).toBe(422) // before it started
    expect((await item(w.owner, id, 'ydys', { status: 'done' })).status).toBe(403)

    // Mon 09-21: 用地预审 was promised by Fri 09-18 → late, the project at risk
    setNow(at('2026-09-21T09:00:00'))
    const d = await detail(w.owner, id)
    expect(itemOf(d, 'ydys')).toMatchObject({ late: true, lateWorkingDays: 2 }) // 09-20 (调休 Sunday), 09-21
    expect(d).toMatchObject({ atRisk: true, lateCount: 1, promisedCompletion: '2026-10-10', nextItem: { key: 'ydys', late: true } })
    expect(d.expectedCompletion > d.promisedCompletion).toBe(true)
    const risky = await get(w.adminHere, '/admin/projects?atRisk=true&pageSize=50')
    expect(risky.body.items.map((p: { id: string }) => p.id)).toContain(id)
    expect(risky.body.items.every((p: { atRisk: boolean }) => p.atRisk)).toBe(true)
    expect((await get(w.agent, '/agent/projects')).body.items[0].atRisk).toBe(true)

    const done = await item(w.agent, id, 'ydys', { status: 'done', blocker: null, note: '已取得用地预审意见' })
    expect(itemOf(done.body, 'ydys')).toMatchObject({ status: 'done', doneOn: '2026-09-21', doneLate: true, late: false, note: '已取得用地预审意见' })
    expect(itemOf(done.body, 'ydgh')).toMatchObject({ ready: true, plannedStart: '2026-09-22' })
    expect(done.body.atRisk).toBe(false)
  })

  it('when an item is paused with a reason and resumed, then the paused working days move its promised end', async () => {
    setNow(at('2026-09-14T09:00:00'))
    const id = await makeProject(w)
    await item(w.agent, id, 'ydys', { status: 'in_progress' })
    expect((await item(w.agent, id, 'ydys', { status: 'paused' })).status).toBe(400)
    setNow(at('2026-09-16T09:00:00'))
    const paused = await item(w.agent, id, 'ydys', { status: 'paused', reason: '等待企业补充勘测定界图' })
    expect(itemOf(paused.body, 'ydys')).toMatchObject({ status: 'paused', pauseReason: '等待企业补充勘测定界图', pausedWorkingDays: 0 })
    expect((await item(w.agent, id, 'ydys', { status: 'done' })).status).toBe(422)
    setNow(at('2026-09-21T09:00:00'))
    const resumed = await item(w.agent, id, 'ydys', { status: 'in_progress' })
    // 09-17, 09-18, 09-20 (调休), 09-21 paused → 09-18 + 4 working days: 09-20, 21, 22, 23
    expect(itemOf(resumed.body, 'ydys')).toMatchObject({ status: 'in_progress', pausedWorkingDays: 4, plannedEnd: '2026-09-23', late: false })
    expect(itemOf(resumed.body, 'ydys').history.map((e) => e.action)).toEqual(['start', 'pause', 'resume'])
  })

  it('when the item update is stale or empty, then 409 / 400', async () => {
    const id = await makeProject(w)
    expect((await item(w.agent, id, 'beian', { status: 'in_progress', rev: 0 })).status).toBe(200)
    const stale = await item(w.leader, id, 'beian', { note: '补充说明', rev: 0 })
    expect([stale.status, stale.body.error.code]).toEqual([409, 'CONFLICT'])
    expect((await item(w.agent, id, 'beian', {})).status).toBe(400)
    expect((await item(w.agent, id, 'nosuch', { note: '说明' })).status).toBe(404)
    expect((await item(w.agent, id, 'Bad_Key', { note: '说明' })).status).toBe(400)
  })
})

describe('the 代办 life cycle (DB14/T 2233)', () => {
  it('when each step is taken by its actor, then it moves and is recorded; other actors get 403, wrong states 422', async () => {
    setNow(at('2026-09-14T09:00:00'))
    const id = await makeProject(w)
    const entrust = { action: 'entrust', itemKeys: ['ydys', 'ydgh'], signerName: '郝建军', signerMobile: '13935012345' }
    expect((await step(w.leader, id, entrust)).status).toBe(403)
    expect((await step(w.otherOwner, id, entrust)).status).toBe(403)
    expect((await step(w.owner, id, { ...entrust, itemKeys: ['nosuch'] })).status).toBe(400)
    expect((await step(w.owner, id, { action: 'suspend' })).status).toBe(400) // no reason
    const e = await step(w.owner, id, entrust)
    expect(e.status).toBe(200)
    expect(e.body.agency).toMatchObject({ status: 'entrusted', statusLabel: '已委托', itemKeys: ['ydys', 'ydgh'], signerName: '郝建军', allowedActions: ['terminate'] })
    expect(itemOf(e.body, 'ydys').entrusted).toBe(true)
    expect((await step(w.owner, id, entrust)).body.error.code).toBe('INVALID_STATE')
    expect((await step(w.owner, id, { action: 'accept' })).status).toBe(403)
    expect((await step(w.adminHere, id, { action: 'accept' })).status).toBe(403)
    expect((await step(w.otherLeader, id, { action: 'accept' })).status).toBe(403)
    expect((await step(w.agent, id, { action: 'start' })).status).toBe(422)
    expect((await step(w.leader, id, { action: 'accept', note: '材料齐全' })).body.agency.status).toBe('accepted')
    expect((await step(w.agent, id, { action: 'start' })).body.agency.status).toBe('handling')
    expect((await step(w.agent, id, { action: 'complete' })).body.error.code).toBe('RULE_VIOLATION') // items open
    const t = await step(w.owner, id, { action: 'terminate', reason: '企业调整投资计划，项目暂缓' })
    expect(t.body.agency).toMatchObject({ status: 'terminated', allowedActions: ['entrust'] })
    expect(t.body.agency.history.map((h: { action: string; byRole: string }) => `${h.action}:${h.byRole}`)).toEqual(['entrust:enterprise', 'accept:leader', 'start:agent', 'terminate:enterprise'])
    expect(t.body.agency.history[3]).toMatchObject({ from: 'handling', to: 'terminated', reason: '企业调整投资计划，项目暂缓', byName: w.owner.name })
    expect((await step(w.leader, id, { action: 'accept' })).status).toBe(422)
    const form = await get(w.owner, `/projects/${id}/forms/termination`)
    expect(form.body).toMatchObject({ form: 'termination', title: '帮(代)办终止单', reason: '企业调整投资计划，项目暂缓', enterpriseName: w.owner.name })
    // a new 委托 after the 终止
    expect((await step(w.owner, id, { ...entrust, itemKeys: ['ydys'] })).body.agency).toMatchObject({ status: 'entrusted', itemKeys: ['ydys'] })
    const stored = await Project.findById(id).lean()
    expect((stored!.agencyHistory as unknown[]).length).toBe(5)
  })

  it('when the 代办 is 中止 and 续办, then the entrusted item\'s clock stops and resumes, and the 委托书/办结单 print', async () => {
    setNow(at('2026-09-14T09:00:00'))
    const id = await makeProject(w)
    expect((await get(w.owner, `/projects/${id}/forms/entrustment`)).status).toBe(422)
    await step(w.owner, id, { action: 'entrust', itemKeys: ['ydys', 'ydgh'], signerName: '郝建军', signerMobile: '13935012345' })
    await step(w.leader, id, { action: 'accept' })
    await step(w.agent, id, { action: 'start' })
    await item(w.agent, id, 'ydys', { status: 'in_progress' })
    const letter = await get(w.agent, `/projects/${id}/forms/entrustment`)
    expect(letter.status).toBe(200)
    expect(letter.body).toMatchObject({ form: 'entrustment', title: '帮(代)办委托书', date: '2026-09-14', signerName: '郝建军', creditCode: w.owner.creditCode })
    expect(letter.body.items.map((i: { key: string }) => i.key)).toEqual(['ydys', 'ydgh'])
    expect(letter.body.number).toMatch(/^忻代办〔2026〕委字第 [0-9A-F]{6} 号$/)
    expect(letter.body.clauses.length).toBeGreaterThan(2)
    expect((await get(w.otherOwner, `/projects/${id}/forms/entrustment`)).status).toBe(403)

    setNow(at('2026-09-16T10:00:00'))
    const s = await step(w.agent, id, { action: 'suspend', reason: '企业补充环评材料' })
    expect(s.body.agency.status).toBe('suspended')
    expect(itemOf(s.body, 'ydys')).toMatchObject({ status: 'paused', pauseReason: '代办中止：企业补充环评材料' })
    expect((await item(w.agent, id, 'ydys', { status: 'in_progress' })).body.error.code).toBe('INVALID_STATE')
    expect((await item(w.agent, id, 'ydgh', { status: 'in_progress' })).status).toBe(422)

    // Mon 09-21: the original promise (09-18) has passed, but the clock stood still for 4 working days
    setNow(at('2026-09-21T10:00:00'))
    const paused = await detail(w.owner, id)
    expect(itemOf(paused, 'ydys')).toMatchObject({ pausedWorkingDays: 4, plannedEnd: '2026-09-23', late: false })
    const r = await step(w.leader, id, { action: 'resume', note: '材料已补齐' })
    expect(r.body.agency.status).toBe('handling')
    expect(itemOf(r.body, 'ydys')).toMatchObject({ status: 'in_progress', pausedWorkingDays: 4, plannedEnd: '2026-09-23', late: false })
    expect(itemOf(r.body, 'ydys').history.map((h) => h.action)).toEqual(['start', 'agency_pause', 'agency_resume'])

    // on Thu 09-24 the moved promise (09-23) has passed: late, the project at risk
    setNow(at('2026-09-24T10:00:00'))
    const late = await detail(w.leader, id)
    expect(itemOf(late, 'ydys')).toMatchObject({ late: true, lateWorkingDays: 1 })
    expect(late.atRisk).toBe(true)
    await item(w.agent, id, 'ydys', { status: 'done' })
    await item(w.agent, id, 'ydgh', { status: 'done' })
    expect((await get(w.owner, `/projects/${id}/forms/completion`)).status).toBe(422)
    const c = await step(w.agent, id, { action: 'complete', note: '证照已交付' })
    expect(c.body.agency).toMatchObject({ status: 'completed', statusLabel: '已办结', allowedActions: [] })
    const slip = await get(w.adminHere, `/projects/${id}/forms/completion`)
    expect(slip.body).toMatchObject({ form: 'completion', title: '帮(代)办办结单', date: '2026-09-24' })
    expect(slip.body.items.map((i: { status: string }) => i.status)).toEqual(['已办结', '已办结'])
    expect((await get(w.owner, `/projects/${id}/forms/other`)).status).toBe(400)
  })

  it('when several callers take the same step at once, then exactly one wins and one step is recorded', async () => {
    const id = await makeProject(w)
    await step(w.owner, id, { action: 'entrust', itemKeys: ['beian'], signerName: '郝建军', signerMobile: '13935012345' })
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => step(i % 2 ? w.leader : w.agent, id, { action: 'accept' })))
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.filter((r) => r.status !== 200).every((r) => [409, 422].includes(r.status))).toBe(true)
    const p = await Project.findById(id).lean()
    expect((p!.agencyHistory as { action: string }[]).filter((h) => h.action === 'accept')).toHaveLength(1)
  })
})

describe('parallel item updates', () => {
  it('when the same item is started by several callers at once, then one wins; updates of different items all succeed', async () => {
    setNow(at('2026-09-14T09:00:00'))
    const id = await makeProject(w)
    const same = await Promise.all(Array.from({ length: 6 }, (_, i) => item(i % 2 ? w.leader : w.agent, id, 'beian', { status: 'in_progress' })))
    expect(same.filter((r) => r.status === 200)).toHaveLength(1)
    expect(same.filter((r) => r.status !== 200).every((r) => [409, 422].includes(r.status))).toBe(true)
    const p = await Project.findById(id).lean()
    const beian = (p!.items as { key: string; history: { action: string }[] }[]).find((it) => it.key === 'beian')!
    expect(beian.history.filter((e) => e.action === 'start')).toHaveLength(1)
    expect(await ProjectClaim.countDocuments({ _id: `${id}#1` })).toBe(1)

    const different = await Promise.all([item(w.agent, id, 'ydys', { status: 'in_progress' }), item(w.leader, id, 'beian', { status: 'done' })])
    expect(different.map((r) => r.status)).toEqual([200, 200])
    const d = await detail(w.owner, id)
    expect([itemOf(d, 'ydys').status, itemOf(d, 'beian').status]).toEqual(['in_progress', 'done'])
  })
})

describe('告知承诺制', () => {
  it('when the enterprise signs a commitment, then it shows its verification deadline, is flagged once overdue and cleared when verified', async () => {
    setNow(at('2026-09-14T09:00:00'))
    const id = await makeProject(w)
    const sign = { signerName: '郝建军', agree: true, text: '已具备规划许可条件，图纸 10 日内补交' }
    expect((await post(w.agent, `/projects/${id}/items/gcgh/commitment`, sign)).status).toBe(403)
    expect((await post(w.owner, `/projects/${id}/items/beian/commitment`, sign)).body.error.code).toBe('RULE_VIOLATION')
    expect((await post(w.owner, `/projects/${id}/items/gcgh/commitment`, { ...sign, agree: false })).status).toBe(400)
    const res = await post(w.owner, `/projects/${id}/items/gcgh/commitment`, sign)
    expect(res.status).toBe(200)
    // 10 working days after Mon 09-14: 15..18, 20 (调休), 21..24, 28
    expect(itemOf(res.body, 'gcgh').commitment).toMatchObject({ signerName: '郝建军', verifyDeadline: '2026-09-28', result: 'pending', overdue: false })
    expect((await post(w.owner, `/projects/${id}/items/gcgh/commitment`, sign)).body.error.code).toBe('DUPLICATE')

    setNow(at('2026-09-29T09:00:00'))
    const d = await detail(w.leader, id)
    expect(itemOf(d, 'gcgh').commitment!.overdue).toBe(true)
    expect(d.overdueCommitments).toBe(1)
    const overview = ProjectOverviewSchema.parse((await get(w.adminHere, '/admin/projects/overview')).body)
    expect(overview.overdueCommitments.find((c) => c.projectId === id)).toMatchObject({ itemKey: 'gcgh', departmentName: '市自然资源局', verifyDeadline: '2026-09-28', overdueWorkingDays: 1 })
    expect(overview.departments.find((x) => x.departmentName === '市自然资源局')!.overdueCommitments).toBeGreaterThan(0)

    expect((await post(w.owner, `/agent/projects/${id}/items/gcgh/commitment-check`, { result: 'verified' })).status).toBe(403)
    const checked = await post(w.agent, `/agent/projects/${id}/items/gcgh/commitment-check`, { result: 'verified', note: '现场核查属实' })
    expect(itemOf(checked.body, 'gcgh').commitment).toMatchObject({ result: 'verified', overdue: false, note: '现场核查属实' })
    expect((await post(w.agent, `/agent/projects/${id}/items/gcgh/commitment-check`, { result: 'failed' })).status).toBe(422)
  })

  it('when 拿地即开工 moves 基坑支护 ahead, then it is granted only on the enterprise\'s commitment', async () => {
    setNow(at('2026-09-14T09:00:00'))
    const id = await makeProject(w, { landStart: true })
    for (const key of ['ydys', 'ydgh']) await item(w.agent, id, key, { status: 'done' })
    const refused = await item(w.agent, id, 'jkzh', { status: 'done' })
    expect([refused.status, refused.body.error.message]).toEqual([422, '拿地即开工事项须先由企业签署告知承诺书'])
    await post(w.owner, `/projects/${id}/items/jkzh/commitment`, { signerName: '郝建军', agree: true })
    const ok = await item(w.agent, id, 'jkzh', { status: 'done' })
    expect(ok.status).toBe(200)
    expect(itemOf(ok.body, 'jkzh').history.at(-1)).toMatchObject({ action: 'done', reason: '告知承诺制：凭企业承诺办结' })
  })
})

describe('the 项目长 adjusts the checklist with a recorded reason', () => {
  it('when items are added, changed and removed, then the plan follows, the reasons are kept and cycles are refused', async () => {
    setNow(at('2026-09-10T09:00:00'))
    const id = await makeProject(w)
    const path = `/agent/projects/${id}/checklist`
    expect((await post(w.leader, path, { op: 'update', key: 'ydys', changes: { promisedDays: 3 } })).status).toBe(400) // no reason
    const upd = await post(w.leader, path, { op: 'update', key: 'ydys', changes: { promisedDays: 3 }, reason: '区域评估成果共享，压减时限' })
    expect(upd.status).toBe(200)
    expect(upd.body.promisedCompletion).toBe('2026-10-08')
    expect(upd.body.adjustments.at(-1)).toMatchObject({ op: 'update', key: 'ydys', summary: '承诺时限 5 → 3 个工作日', reason: '区域评估成果共享，压减时限', byName: '王项目长' })
    expect((await post(w.leader, path, { op: 'update', key: 'ydys', changes: { promisedDays: 30 }, reason: '测试超过法定时限' })).status).toBe(400)

    const added = await post(w.leader, path, {
      op: 'add',
      item: { key: 'xfsj', name: '特殊建设工程消防设计审查', stage: 'construction', departmentName: '市住建局', legalDays: 15, promisedDays: 7, dependsOn: ['gcgh'] },
      reason: '项目含甲类厂房，须办理消防设计审查',
    })
    expect(added.status).toBe(200)
    expect(itemOf(added.body, 'xfsj')).toMatchObject({ status: 'not_started', dependsOn: ['gcgh'] })
    expect((await post(w.leader, path, { op: 'add', item: { key: 'xfsj', name: '重复事项', stage: 'construction', departmentName: '市住建局', legalDays: 1, promisedDays: 1 }, reason: '重复添加测试' })).status).toBe(409)
    const cycle = await post(w.leader, path, { op: 'update', key: 'beian', changes: { dependsOn: ['xfsj'] }, reason: '错误的依赖设置' })
    expect([cycle.status, cycle.body.error.code]).toEqual([422, 'DEPENDENCY_CYCLE'])
    expect((await post(w.leader, path, { op: 'update', key: 'beian', changes: { dependsOn: ['nosuch'] }, reason: '错误的依赖设置' })).status).toBe(400)

    const removed = await post(w.leader, path, { op: 'remove', key: 'ydgh', reason: '划拨用地，规划许可与用地批复合并核发' })
    expect(removed.status).toBe(200)
    expect(removed.body.items.map((it: { key: string }) => it.key)).not.toContain('ydgh')
    expect(itemOf(removed.body, 'gcgh').dependsOn.sort()).toEqual(['beian', 'ydys'])
    expect(removed.body.adjustments.map((a: { op: string }) => a.op)).toEqual(['update', 'add', 'remove'])
    expect((await post(w.leader, path, { op: 'remove', key: 'ydgh', reason: '再次删除测试' })).status).toBe(404)
    await item(w.agent, id, 'beian', { status: 'done' })
    expect((await post(w.leader, path, { op: 'remove', key: 'beian', reason: '已办结事项删除测试' })).status).toBe(422)
    // the enterprise sees the adjustments with their reasons
    expect((await detail(w.owner, id)).adjustments.map((a) => a.reason)).toContain('划拨用地，规划许可与用地批复合并核发')
  })
})

describe('the administrators\' overview', () => {
  it('when projects finish stages, then the average working days per stage are reported against the promised limits', async () => {
    const adminDingxiang = await account({ role: 'admin', regionCode: '140921' })
    const leader = await agentAccount('140900', '定襄项目长')
    const create = async () => {
      const res = await post(adminDingxiang, '/admin/projects', projectBody(w.templateId, w.owner, { regionCode: '140921', leaderId: leader.id }))
      expect(res.status).toBe(201)
      return res.body.id as string
    }
    setNow(at('2026-09-14T09:00:00'))
    const a = await create()
    const b = await create()
    await create() // not started
    for (const id of [a, b]) {
      await item(leader, id, 'beian', { status: 'done' })
      await item(leader, id, 'ydys', { status: 'in_progress' })
    }
    setNow(at('2026-09-17T09:00:00'))
    await item(leader, a, 'ydys', { status: 'done' }) // a day early
    setNow(at('2026-09-18T09:00:00'))
    await item(leader, a, 'ydgh', { status: 'in_progress' })
    setNow(at('2026-09-22T09:00:00'))
    await item(leader, a, 'ydgh', { status: 'done' }) // land stage: 09-14 … 09-22
    await item(leader, b, 'ydys', { status: 'done' }) // late (promised 09-18)
    await item(leader, b, 'ydgh', { status: 'in_progress' })
    setNow(at('2026-10-09T09:00:00'))
    await item(leader, b, 'ydgh', { status: 'done' }) // land stage: 09-14 … 10-09
    const o = ProjectOverviewSchema.parse((await get(adminDingxiang, '/admin/projects/overview')).body)
    expect(o.totals).toMatchObject({ projects: 3, inProgress: 2, done: 0 })
    const land = o.stages.find((s) => s.stage === 'land_planning')!
    // a: 14,15,16,17,18,20,21,22 = 8; b: 8 + 23,24,28,29,30,10-08,10-09 = 15 → 11.5 against 8 promised
    expect(land).toMatchObject({ label: '立项用地规划许可', completed: 2, avgActualWorkingDays: 11.5, avgPromisedWorkingDays: 8, avgLegalWorkingDays: 40, onTime: 1, inProgress: 0 })
    expect(o.stages.find((s) => s.stage === 'engineering')).toMatchObject({ completed: 0, avgActualWorkingDays: null })
    // 10-09: the third project never started anything: late, at risk
    expect(o.totals.atRisk).toBeGreaterThan(0)
    expect(o.atRisk.length).toBe(o.totals.atRisk)
    expect((await get(w.adminOther, '/admin/projects/overview')).body.totals.projects).toBe(0)
  })
})
