/**
 * Fixtures for the 全代办 / 项目长 tests: 项目长/代办员 accounts (role agent), enterprise users who claim their credit
 * codes through the real route, administrators of the city and of two counties, a small checklist template written
 * directly, and projects created through the real admin route.
 */
import crypto from 'node:crypto'
import { ProjectTemplateInputSchema, type ProjectTemplateInput } from '@xz/shared'
import { hashPassword } from '../../server/src/lib/auth'
import { Account } from '../../server/src/modules/auth/auth.model'
import { ProjectTemplate } from '../../server/src/modules/projects/project.model'
import { api } from './app'
import { account, citizen, type Session } from './auth'
import { creditCode } from './policy-fixtures'

export const CITY = '140900'
export const XINFU = '140902'
export const YUANPING = '140981'

const rand = () => crypto.randomBytes(4).toString('hex')

export async function agentAccount(regionCode: string, name = '项目代办员'): Promise<Session> {
  const username = `agent_${rand()}`
  const password = 'Passw0rd!test'
  await Account.create({ username, passwordHash: await hashPassword(password), name, title: '行政审批局代办员', role: 'agent', hallIds: [], regionCode })
  const res = await api().post('/api/v1/auth/staff').send({ username, password })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { id: res.body.user.id, token: res.body.accessToken, refreshToken: res.body.refreshToken, auth: { Authorization: `Bearer ${res.body.accessToken}` } }
}

/** A citizen who owns the enterprise profile of a fresh credit code. */
export async function enterpriseUser(name = '山西忻州测试新材料有限公司'): Promise<Session & { creditCode: string; name: string }> {
  const s = await citizen()
  const code = creditCode()
  const res = await api().put('/api/v1/me/enterprise').set(s.auth).send({ name, creditCode: code })
  if (res.status !== 200) throw new Error(`claim failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { ...s, creditCode: code, name }
}

/**
 * A small general-industry checklist: 备案 (1) and 用地预审 (5) in parallel, 用地规划 (3) after 用地预审, 工程规划 (4, 告知承诺)
 * after both, 基坑支护 (2, 拿地即开工 after 用地规划) and 施工许可 (2) last.
 */
export function templateInput(over: Partial<ProjectTemplateInput> = {}): ProjectTemplateInput {
  return {
    name: `一般工业项目清单-${rand()}`,
    type: '一般工业项目',
    items: [
      { key: 'beian', name: '企业投资项目备案', stage: 'land_planning', departmentName: '市发改委', legalDays: 5, promisedDays: 1, dependsOn: [] },
      { key: 'ydys', name: '用地预审与选址意见书', stage: 'land_planning', departmentName: '市自然资源局', legalDays: 20, promisedDays: 5, dependsOn: [] },
      { key: 'ydgh', name: '建设用地规划许可证', stage: 'land_planning', departmentName: '市自然资源局', legalDays: 20, promisedDays: 3, dependsOn: ['ydys'] },
      { key: 'gcgh', name: '建设工程规划许可证', stage: 'engineering', departmentName: '市自然资源局', legalDays: 20, promisedDays: 4, dependsOn: ['ydgh', 'beian'], commitmentAllowed: true, commitmentVerifyDays: 10 },
      { key: 'jkzh', name: '基坑支护和土方开挖施工许可', stage: 'construction', departmentName: '市行政审批局', legalDays: 7, promisedDays: 2, dependsOn: ['gcgh'], earlyStartDependsOn: ['ydgh'] },
      { key: 'sgxk', name: '建筑工程施工许可证', stage: 'construction', departmentName: '市行政审批局', legalDays: 7, promisedDays: 2, dependsOn: ['gcgh', 'jkzh'] },
    ],
    ...over,
  }
}

export async function makeTemplate(over: Partial<ProjectTemplateInput> = {}): Promise<string> {
  const t = await ProjectTemplate.create(ProjectTemplateInputSchema.parse(templateInput(over)))
  return t._id.toString()
}

export function projectBody(templateId: string, enterprise: { creditCode: string; name: string }, over: Record<string, unknown> = {}) {
  return {
    templateId,
    name: `年产 5 万吨新材料项目-${rand()}`,
    enterprise: { name: enterprise.name, creditCode: enterprise.creditCode },
    regionCode: XINFU,
    location: '忻府区豆罗镇工业集聚区',
    industry: '新材料制造',
    investmentWan: 50_000,
    level: '市级重点',
    startDate: '2026-09-14',
    ...over,
  }
}

export interface ProjectWorld {
  templateId: string
  owner: Session & { creditCode: string; name: string }
  otherOwner: Session & { creditCode: string; name: string }
  plainCitizen: Session
  leader: Session
  agent: Session
  otherLeader: Session
  otherAgent: Session
  agentElsewhere: Session
  staff: Session
  adminCity: Session
  adminHere: Session
  adminOther: Session
}

export async function projectWorld(): Promise<ProjectWorld> {
  const templateId = await makeTemplate()
  // one after the other: the profile saves touch one shared cache-version document
  const owner = await enterpriseUser('忻州豆罗新材料有限公司')
  const otherOwner = await enterpriseUser('原平市同川机械有限公司')
  const [plainCitizen, leader, agent, otherLeader, otherAgent, agentElsewhere, staff, adminCity, adminHere, adminOther] = await Promise.all([
    citizen(),
    agentAccount(CITY, '王项目长'),
    agentAccount(XINFU, '张代办'),
    agentAccount(CITY, '李项目长'),
    agentAccount(XINFU, '赵代办'),
    agentAccount(YUANPING, '原平代办员'),
    account({ role: 'staff' }),
    account({ role: 'admin', regionCode: CITY }),
    account({ role: 'admin', regionCode: XINFU }),
    account({ role: 'admin', regionCode: YUANPING }),
  ])
  return { templateId, owner, otherOwner, plainCitizen, leader, agent, otherLeader, otherAgent, agentElsewhere, staff, adminCity, adminHere, adminOther }
}

/** A project of `w.owner` in 忻府区 led by `w.leader` with `w.agent`, created by the county's administrator. */
export async function makeProject(w: ProjectWorld, over: Record<string, unknown> = {}): Promise<string> {
  const res = await api()
    .post('/api/v1/admin/projects')
    .set(w.adminHere.auth)
    .send(projectBody(w.templateId, w.owner, { leaderId: w.leader.id, agentIds: [w.agent.id], ...over }))
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.id
}
