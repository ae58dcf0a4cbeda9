/**
 * The 全代办 demo data (示例数据): templates for the four project types, 项目长/代办员 accounts with the staff password,
 * and twelve projects at different stages, a few late, with commitments and 代办 histories, all readable through the
 * API under the shared response schemas.
 */
import { ProjectDetailSchema, ProjectOverviewSchema, ProjectSummaryPageSchema, ProjectTemplateListSchema } from '@xz/shared'
import { Project } from '../../server/src/modules/projects/project.model'
import { demoProjectCreditCode, seedProjectDemo } from '../../server/src/modules/projects/projects.seed'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'

useTestDb()

const PASSWORD = 'Demo-staff-passw0rd'
let admin: Session
let lines: string[]
beforeAll(async () => {
  const started = Date.now()
  const result = await seedProjectDemo(PASSWORD)
  expect(Date.now() - started).toBeLessThan(20_000)
  expect(result.counts).toEqual({ projectTemplates: 4, projects: 12, projectAccounts: 7 })
  lines = result.lines
  admin = await account({ role: 'admin', regionCode: '140900' })
})

const login = async (username: string): Promise<Session> => {
  const res = await api().post('/api/v1/auth/staff').send({ username, password: PASSWORD })
  expect(res.status).toBe(200)
  return { id: res.body.user.id, token: res.body.accessToken, refreshToken: res.body.refreshToken, auth: { Authorization: `Bearer ${res.body.accessToken}` } }
}

describe('全代办 demo data', () => {
  it('when seeded, then the four project types have templates with realistic limits', async () => {
    const res = ProjectTemplateListSchema.parse((await api().get('/api/v1/admin/project-templates').set(admin.auth)).body)
    expect(res.items.map((t) => t.type).sort()).toEqual(['一般工业项目', '市政基础设施', '房地产开发', '标准地工业项目'].sort())
    const general = res.items.find((t) => t.type === '一般工业项目')!
    expect(general.items.map((it) => it.name)).toEqual(expect.arrayContaining(['企业投资项目备案', '建设用地规划许可证', '建设工程规划许可证', '建筑工程施工许可证', '不动产首次登记']))
    expect(general.items.every((it) => it.promisedDays <= it.legalDays)).toBe(true)
    expect(res.items.every((t) => t.demo)).toBe(true)
    expect(res.items.find((t) => t.type === '标准地工业项目')!.landStartWorkingDays).toBeLessThan(res.items.find((t) => t.type === '标准地工业项目')!.promisedWorkingDays)
  })

  it('when the administrator looks, then the projects are at different stages, a few at risk, marked 示例数据', async () => {
    const page = ProjectSummaryPageSchema.parse((await api().get('/api/v1/admin/projects?pageSize=50').set(admin.auth)).body)
    expect(page.total).toBe(12)
    expect(page.items.every((p) => p.demo && p.name.endsWith('（示例数据）'))).toBe(true)
    const stages = new Set(page.items.map((p) => p.currentStage ?? 'done'))
    expect(stages.size).toBeGreaterThanOrEqual(4)
    const risky = page.items.filter((p) => p.atRisk)
    expect(risky.length).toBeGreaterThanOrEqual(2)
    expect(risky.length).toBeLessThanOrEqual(6)
    expect(page.items[0].atRisk).toBe(true)
    expect(page.items.some((p) => p.status === 'done')).toBe(true)
    expect(new Set(page.items.map((p) => p.agencyStatus))).toEqual(new Set(['none', 'entrusted', 'handling', 'suspended', 'completed', 'terminated']))
    const overview = ProjectOverviewSchema.parse((await api().get('/api/v1/admin/projects/overview').set(admin.auth)).body)
    expect(overview.totals.projects).toBe(12)
    expect(overview.overdueCommitments.length).toBeGreaterThanOrEqual(1)
    expect(overview.stages.find((s) => s.stage === 'land_planning')!.completed).toBeGreaterThanOrEqual(5)
    expect(overview.stages.find((s) => s.stage === 'registration')!.completed).toBeGreaterThanOrEqual(1)
  })

  it('when a demo 项目长 and a 代办员 sign in with the staff password, then they see their projects, overdue first, with full timelines', async () => {
    const lead = await login('projectlead.city')
    const mine = ProjectSummaryPageSchema.parse((await api().get('/api/v1/agent/projects').set(lead.auth)).body)
    expect(mine.total).toBeGreaterThanOrEqual(5)
    expect(mine.items.every((p) => p.viewerRole === 'leader')).toBe(true)
    for (const p of mine.items) {
      const d = ProjectDetailSchema.parse((await api().get(`/api/v1/projects/${p.id}`).set(lead.auth)).body)
      expect(d.items.length).toBeGreaterThan(5)
      expect(d.criticalPath.length).toBeGreaterThan(2)
    }
    const agent = await login('agent.fanshi')
    const theirs = (await api().get('/api/v1/agent/projects').set(agent.auth)).body
    expect(theirs.items.length).toBe(2)
    expect(theirs.items[0].atRisk).toBe(true)
    expect(lines.join('\n')).toContain(PASSWORD)
  })

  it('when the enterprise claims its credit code, then 我的项目 shows its two projects with the 代办 history and the printable 办结单', async () => {
    const user = await citizen()
    const code = demoProjectCreditCode(0)
    expect((await api().put('/api/v1/me/enterprise').set(user.auth).send({ name: '山西忻州经开新能源集团有限公司', creditCode: code })).status).toBe(200)
    const mine = ProjectSummaryPageSchema.parse((await api().get('/api/v1/projects/mine').set(user.auth)).body)
    expect(mine.total).toBe(2)
    const done = mine.items.find((p) => p.agencyStatus === 'completed')!
    const d = ProjectDetailSchema.parse((await api().get(`/api/v1/projects/${done.id}`).set(user.auth)).body)
    expect(d.agency.history.map((h) => h.action)).toEqual(['entrust', 'accept', 'start', 'complete'])
    expect(d.adjustments[0]).toMatchObject({ op: 'remove', reason: '项目不设地下空间，经市人防办确认免于办理' })
    const slip = await api().get(`/api/v1/projects/${done.id}/forms/completion`).set(user.auth)
    expect(slip.status).toBe(200)
    expect(slip.body.demo).toBe(true)
    expect(await Project.countDocuments({ enterpriseCode: code })).toBe(2)
  })
})
