import mongoose from 'mongoose'
import {
  addDays,
  addWorkingDays,
  creditCodeCheckChar,
  effectiveDependsOn,
  instantOf,
  isWorkingDayType,
  itemEnd,
  localDate,
  ProjectTemplateInputSchema,
  topologicalOrder,
  type AgencyAction,
  type AgencyStatus,
  type DayTypeLookup,
} from '@xz/shared'
import { hashPassword } from '../../lib/auth'
import { now } from '../../lib/clock'
import { Account } from '../auth'
import { makeCalendar } from '../calendar'
import { Region } from '../catalogue'
import { DEMO_PROJECT_ACCOUNTS, DEMO_PROJECT_ENTERPRISES, DEMO_PROJECTS, type DemoProject } from './demo/projects'
import { DEMO_TEMPLATES } from './demo/templates'
import { Project, ProjectAssignment, ProjectTemplate, type Agency, type AgencyEventDoc, type ItemEvent, type Person, type TemplateDoc } from './project.model'
import { clean } from './project-store'
import { itemsFromTemplate } from './projects.service'

/** A valid, recognisably fake 统一社会信用代码 for demo project enterprise i ("91140900MA0XP" + number + check). */
export function demoProjectCreditCode(i: number): string {
  const body = `91140900MA0XP${String(i + 1).padStart(4, '0')}`
  return body + creditCodeCheckChar(body)!
}

function workingDaysBefore(date: string, n: number, dayType: DayTypeLookup): string {
  let d = date
  for (let left = n; left > 0; ) {
    d = addDays(d, -1)
    if (isWorkingDayType(dayType(d))) left--
  }
  return d
}

const at = (date: string, time: string) => instantOf(date, time)

interface Actor {
  id: string
  name: string
}

/**
 * Walks one demo project through its checklist up to today with the live rules: items start the working day after
 * their 前置事项 are 办结 and take their promised working days (plus `slow`), so some are done, some running (a few
 * late), the rest waiting. Then its 代办 history, commitments and adjustments.
 */
function simulate(spec: DemoProject, t: TemplateDoc, today: string, dayType: DayTypeLookup, team: { leader?: Actor; agents: Actor[] }, enterpriseName: string) {
  const start = addWorkingDays(workingDaysBefore(today, spec.startAgo, dayType), 0, dayType)
  let items = itemsFromTemplate(t, Boolean(spec.landStart))
  const adjustments = []
  const worker = team.agents[0] ?? team.leader
  if (spec.removed) {
    const gone = items.find((it) => it.key === spec.removed!.key)!
    items = items.filter((it) => it !== gone).map((it) => ({ ...it, dependsOn: it.dependsOn.includes(gone.key) ? [...new Set([...it.dependsOn.filter((d) => d !== gone.key), ...gone.dependsOn])] : it.dependsOn }))
    adjustments.push({ at: at(start, '16:00'), by: team.leader!.id, byName: team.leader!.name, op: 'remove', key: gone.key, itemName: gone.name, summary: '移出清单', reason: spec.removed.reason })
  }
  const byKey = new Map(items.map((it) => [it.key, it]))
  const ev = (who: Actor | undefined, action: ItemEvent['action'], on: string, extra: Record<string, string> = {}): ItemEvent => ({
    at: at(on, '15:30'),
    action,
    by: who?.id ?? 'seed',
    byRole: who === team.leader ? 'leader' : 'agent',
    byName: who?.name,
    on,
    ...extra,
  })

  for (const it of topologicalOrder(items, (x) => effectiveDependsOn(x, spec.landStart))) {
    const deps = effectiveDependsOn(it, spec.landStart).map((d) => byKey.get(d)!)
    if (deps.some((d) => d.status !== 'done')) continue
    const s = deps.length ? addWorkingDays(deps.reduce((m, d) => (d.doneOn! > m ? d.doneOn! : m), ''), 1, dayType) : start
    if (s > today) continue
    // well-run items finish a day early now and then; `slow` ones overrun
    const days = Math.max(1, it.promisedDays + (spec.slow?.[it.key] ?? 0) - (it.key.length % 3 === 0 && it.promisedDays > 3 ? 1 : 0))
    const e = itemEnd(s, days, dayType)
    it.startedOn = s
    it.history.push(ev(worker, 'start', s))
    if (it.commitmentAllowed) {
      const verifyDeadline = addWorkingDays(s, it.commitmentVerifyDays, dayType)
      const verified = verifyDeadline < today && spec.overdueCommitment !== it.key
      it.commitment = {
        signerName: '企业法定代表人',
        signedAt: at(s, '09:30'),
        signedOn: s,
        text: '本企业承诺已符合审批条件，并在规定期限内提交全部材料；如承诺不实，自愿承担相应法律责任。（示例数据）',
        verifyDeadline,
        result: verified ? 'verified' : 'pending',
        ...(verified ? { checkedAt: at(addWorkingDays(s, Math.min(10, it.commitmentVerifyDays), dayType), '11:00'), checkedBy: worker?.id, note: '部门现场核查，承诺属实' } : {}),
      }
      it.history.push({ ...ev(undefined, 'commitment_signed', s), byRole: 'enterprise', byName: enterpriseName, by: 'seed' })
    }
    if (e < today) {
      it.status = 'done'
      it.doneOn = e
      if (it.documentName) it.documents.push({ name: it.documentName, number: `忻${it.key.toUpperCase()}〔${e.slice(0, 4)}〕${String(100 + spec.enterprise * 7 + it.key.length)}号`, addedAt: at(e, '16:00') })
      it.history.push(ev(worker, 'done', e, it.commitment ? { reason: '告知承诺制：凭企业承诺办结' } : {}))
    } else {
      it.status = 'in_progress'
      if (spec.slow?.[it.key]) it.blocker = `${it.departmentName}审查意见待企业修改完善`
    }
    it.rev = it.history.length
  }
  if (spec.paused) {
    const it = byKey.get(spec.paused.key)
    if (it?.status === 'in_progress') {
      const since = addWorkingDays(it.startedOn!, 1, dayType) <= today ? addWorkingDays(it.startedOn!, 1, dayType) : today
      Object.assign(it, { status: 'paused', pausedSince: since, pauseReason: spec.paused.reason, blocker: spec.paused.reason })
      it.history.push(ev(worker, 'pause', since, { reason: spec.paused.reason }))
      it.rev++
    }
  }

  // the 代办 record (DB14/T 2233): 委托 on the start date, 受理 the same day, 办理 the next working day, …
  const approvals = items.filter((it) => !it.milestone && (!spec.entrustUntilPermit || ['land_planning', 'engineering', 'construction'].includes(it.stage)))
  const history: AgencyEventDoc[] = []
  let status: AgencyStatus = 'none'
  const step = (action: AgencyAction, to: AgencyStatus, on: string, who: Actor | undefined, extra: Partial<AgencyEventDoc> = {}) => {
    history.push({ seq: history.length + 1, action, from: status, to, at: at(on, action === 'entrust' ? '09:00' : '10:30'), by: who?.id ?? 'seed', byRole: who ? (who === team.leader ? 'leader' : 'agent') : 'enterprise', byName: who?.name ?? enterpriseName, ...extra })
    status = to
  }
  let agency: Agency = { status: 'none', itemKeys: [] }
  if (spec.agency !== 'none') {
    const keys = approvals.map((it) => it.key)
    const entrustOn = start
    agency = { status: 'entrusted', itemKeys: keys, signerName: '企业项目负责人', signerMobile: `1390350${String(3000 + spec.enterprise * 11).padStart(4, '0')}`, entrustedAt: at(entrustOn, '09:00') }
    step('entrust', 'entrusted', entrustOn, undefined, { itemKeys: keys, note: '签署帮(代)办委托书（示例数据）' })
    if (spec.agency !== 'entrusted') {
      step('accept', 'accepted', entrustOn, team.leader, { note: '材料齐全，予以受理' })
      const startOn = addWorkingDays(entrustOn, 1, dayType) <= today ? addWorkingDays(entrustOn, 1, dayType) : entrustOn
      if (spec.agency !== 'terminated') step('start', 'handling', startOn, worker, { note: '编制一项目一方案一清单，并联推进' })
      if (spec.agency === 'suspended') {
        const on = workingDaysBefore(today, 3, dayType) > startOn ? workingDaysBefore(today, 3, dayType) : today
        step('suspend', 'suspended', on, worker, { reason: spec.agencyReason })
        agency.suspendedOn = on
        agency.reason = spec.agencyReason
        for (const it of items) {
          if (keys.includes(it.key) && it.status === 'in_progress') {
            Object.assign(it, { status: 'paused', pausedSince: on, pausedByAgency: true, pauseReason: `代办中止：${spec.agencyReason}` })
            it.history.push(ev(worker, 'agency_pause', on, { reason: spec.agencyReason! }))
            it.rev++
          }
        }
      }
      if (spec.agency === 'completed') {
        const last = approvals.reduce((m, it) => (it.doneOn && it.doneOn > m ? it.doneOn : m), start)
        const open = approvals.filter((it) => it.status !== 'done')
        if (open.length) throw new Error(`project demo: ${spec.name} cannot be completed, open: ${open.map((it) => it.key).join(', ')}`)
        step('complete', 'completed', last, worker, { note: '委托事项全部办结，证照已交付企业' })
        agency.closedAt = at(last, '17:00')
      }
      if (spec.agency === 'terminated') {
        const on = addWorkingDays(start, 5, dayType) <= today ? addWorkingDays(start, 5, dayType) : today
        step('terminate', 'terminated', on, undefined, { reason: spec.agencyReason })
        agency.reason = spec.agencyReason
        agency.closedAt = at(on, '10:30')
      }
    }
    agency.status = status
  }
  return { start, items, agency, agencyHistory: history, adjustments }
}

export interface ProjectSeedResult {
  counts: { projectTemplates: number; projects: number; projectAccounts: number }
  lines: string[]
}

/**
 * 全代办 demo data (示例数据): the four checklist templates, 项目长/代办员 accounts (`projectlead.<x>`, `agent.<x>`,
 * the staff password) and twelve projects at every stage — some late, one 代办 suspended, one terminated, some
 * completed — built with the live schedule rules so the timelines read true today.
 */
export async function seedProjectDemo(password: string, shownPassword = password): Promise<ProjectSeedResult> {
  const templates = await ProjectTemplate.insertMany(DEMO_TEMPLATES.map((t) => ({ ...ProjectTemplateInputSchema.parse(t), demo: true })))
  const templateByType = new Map(templates.map((t) => [t.type, t.toObject() as unknown as TemplateDoc]))

  const hash = await hashPassword(password)
  const accounts = await Account.insertMany(DEMO_PROJECT_ACCOUNTS.map((a) => ({ ...a, role: 'agent', hallIds: [], passwordHash: hash, demo: true })))
  const person = new Map<string, Person>(accounts.map((a) => [a.username, { id: a._id.toString(), name: a.name, title: a.title ?? undefined, mobile: a.mobile ?? undefined }]))

  const regionNames = new Map((await Region.find({ level: 'county' }).select('name').lean<{ _id: string; name: string }[]>()).map((r) => [r._id, r.name]))
  const today = localDate(now())
  const { dayType } = makeCalendar([])
  const docs = DEMO_PROJECTS.map((spec) => {
    const t = templateByType.get(spec.type)!
    const leader = spec.leader ? person.get(spec.leader)! : undefined
    const agents = spec.agents.map((a) => person.get(a)!)
    const enterpriseName = DEMO_PROJECT_ENTERPRISES[spec.enterprise]
    const sim = simulate(spec, t, today, dayType, { leader, agents }, enterpriseName)
    return {
      _id: new mongoose.Types.ObjectId(),
      seq: 0,
      name: `${spec.name}（示例数据）`,
      code: `2026-1409${spec.regionCode.slice(4)}-${String(30 + spec.enterprise).padStart(2, '0')}-03-${String(100001 + DEMO_PROJECTS.indexOf(spec)).slice(1)}`,
      type: spec.type,
      level: spec.level,
      templateId: t._id,
      templateName: t.name,
      enterpriseCode: demoProjectCreditCode(spec.enterprise),
      enterpriseName,
      regionCode: spec.regionCode,
      regionName: regionNames.get(spec.regionCode),
      location: spec.location,
      industry: spec.industry,
      investmentWan: spec.investmentWan,
      standardLand: Boolean(spec.standardLand),
      landStart: Boolean(spec.landStart),
      startDate: sim.start,
      contactName: '企业项目负责人',
      contactMobile: `1390350${String(3000 + spec.enterprise * 11).padStart(4, '0')}`,
      leaderId: leader ? new mongoose.Types.ObjectId(leader.id) : null,
      leader: leader ?? null,
      agentIds: agents.map((a) => new mongoose.Types.ObjectId(a.id)),
      agents,
      items: sim.items,
      agency: sim.agency,
      agencyHistory: sim.agencyHistory,
      adjustments: sim.adjustments,
      demo: true,
    }
  })
  await Project.insertMany(docs.map(clean))
  await ProjectAssignment.insertMany(
    docs.flatMap((p) => [
      ...(p.leader ? [{ _id: `${p._id}:${p.leader.id}`, projectId: p._id, accountId: p.leader.id, role: 'leader' }] : []),
      ...p.agents.map((a) => ({ _id: `${p._id}:${a.id}`, projectId: p._id, accountId: a.id, role: 'agent' })),
    ]),
  )
  return {
    counts: { projectTemplates: templates.length, projects: docs.length, projectAccounts: accounts.length },
    lines: [
      `  全代办 项目长: projectlead.city (市级), projectlead.xinfu (忻府区), projectlead.fanshi (繁峙县)  ${shownPassword}`,
      `  全代办 代办员: agent.city, agent.xinfu, agent.fanshi, agent.kfq (忻州经开区)  ${shownPassword}`,
      `  全代办 enterprise: sign in on the mini-program and claim 统一社会信用代码 ${demoProjectCreditCode(0)} in 企业画像 to see its projects`,
    ],
  }
}
