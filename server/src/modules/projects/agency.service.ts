/**
 * The 代办 life cycle of DB14/T 2233—2020 政务服务帮(代)办服务规范 per project: 委托 (the enterprise signs the 委托书
 * listing the items) → 受理 → 办理 → 中止 (reason; the clocks of the entrusted items in progress stop) → 续办 (they run
 * again) → 办结 (every entrusted item 办结) / 终止 (reason). Every step is claimed once and recorded; the 委托书,
 * 办结单 and 终止单 are served as data for a printable page.
 */
import {
  AGENCY_ACTION_LABELS,
  PROJECT_FORM_LABELS,
  PROJECT_ITEM_STATUS_LABELS,
  localDate,
  type AgencyAction,
  type ProjectAgencyForm,
  type ProjectAgencyStepSchema,
  type ProjectDetail,
  type ProjectForm,
} from '@xz/shared'
import type * as z from 'zod'
import type { AuthContext } from '../../lib/auth'
import { AppError, forbidden, invalidField } from '../../lib/errors'
import type { Agency, AgencyEventDoc, ItemEvent, ProjectDoc, ProjectItem } from './project.model'
import { actorFor, actorName, loadProject, mutate, type Ctx } from './project-store'
import { AGENCY_TRANSITIONS, agencyRefusal, pauseDays } from './projects.rules'
import { detailOf } from './projects.service'

type Step = z.output<typeof ProjectAgencyStepSchema>

const WRONG_STATE: Record<AgencyAction, string> = {
  entrust: '该项目已有进行中的代办委托',
  accept: '只有已委托的代办可以受理',
  start: '只有已受理的代办可以开始办理',
  suspend: '只有受理或办理中的代办可以中止',
  resume: '只有已中止的代办可以续办',
  complete: '只有办理中的代办可以办结',
  terminate: '该代办已办结或已终止',
}

/** 中止: the entrusted items in progress are paused (clock stopped) until 续办. */
function pauseEntrusted(items: ProjectItem[], keys: string[], ctx: Ctx, ev: (reason?: string) => ItemEvent, reason: string): ProjectItem[] {
  return items.map((it) =>
    keys.includes(it.key) && it.status === 'in_progress'
      ? { ...it, status: 'paused', pausedSince: ctx.today, pauseReason: `代办中止：${reason}`, pausedByAgency: true, history: [...(it.history ?? []), { ...ev(reason), action: 'agency_pause', on: ctx.today }], rev: (it.rev ?? 0) + 1 }
      : it,
  )
}

/** 续办 (or 终止 of a suspended 代办): the items paused by the 中止 run again, the paused working days added. */
function resumeEntrusted(items: ProjectItem[], ctx: Ctx, ev: (reason?: string) => ItemEvent): ProjectItem[] {
  return items.map((it) =>
    it.status === 'paused' && it.pausedByAgency
      ? {
          ...it,
          status: 'in_progress',
          pausedWorkingDays: (it.pausedWorkingDays ?? 0) + pauseDays(it.pausedSince ?? ctx.today, ctx.today, ctx.dayType),
          pausedSince: undefined,
          pauseReason: undefined,
          pausedByAgency: false,
          history: [...(it.history ?? []), { ...ev(), action: 'agency_resume', on: ctx.today }],
          rev: (it.rev ?? 0) + 1,
        }
      : it,
  )
}

export async function agencyStep(auth: AuthContext, id: string, step: Step): Promise<ProjectDetail> {
  const { after, actor, ctx } = await mutate(auth, id, (p, actor, ctx) => {
    const status = p.agency.status ?? 'none'
    const refusal = agencyRefusal(step.action, status, actor)
    if (refusal === 'actor') throw forbidden(`无权执行代办「${AGENCY_ACTION_LABELS[step.action]}」`)
    if (refusal === 'state') throw new AppError('INVALID_STATE', WRONG_STATE[step.action])
    const to = AGENCY_TRANSITIONS[step.action].to
    const byName = actorName(auth, actor, p)
    const itemEvent = (reason?: string): ItemEvent => ({ at: ctx.at, action: 'agency_pause', by: auth.sub, byRole: actor, byName, reason })
    let agency: Agency = { ...p.agency, status: to }
    let items = p.items
    const record: AgencyEventDoc = { seq: p.agencyHistory.length + 1, action: step.action, from: status, to, at: ctx.at, by: auth.sub, byRole: actor, byName }

    switch (step.action) {
      case 'entrust': {
        const keys = [...new Set(step.itemKeys)]
        const unknown = keys.filter((k) => !p.items.some((it) => it.key === k))
        if (unknown.length) throw invalidField('itemKeys', `清单中没有事项：${unknown.join('、')}`)
        const done = keys.filter((k) => p.items.find((it) => it.key === k)!.status === 'done')
        if (done.length) throw new AppError('RULE_VIOLATION', `已办结的事项无需委托：${done.join('、')}`, { field: 'itemKeys' })
        agency = { status: to, itemKeys: keys, signerName: step.signerName, signerMobile: step.signerMobile, entrustedAt: ctx.at }
        Object.assign(record, { itemKeys: keys, note: step.note })
        break
      }
      case 'accept':
      case 'start':
      case 'resume':
        record.note = step.note
        if (step.action === 'resume') {
          items = resumeEntrusted(items, ctx, itemEvent)
          agency.suspendedOn = undefined
        }
        break
      case 'suspend':
        record.reason = step.reason
        agency.reason = step.reason
        agency.suspendedOn = ctx.today
        items = pauseEntrusted(items, p.agency.itemKeys, ctx, itemEvent, step.reason)
        break
      case 'complete': {
        const open = p.items.filter((it) => p.agency.itemKeys.includes(it.key) && it.status !== 'done')
        if (open.length) throw new AppError('RULE_VIOLATION', `委托事项尚未全部办结：${open.map((it) => it.name).join('、')}`)
        record.note = step.note
        agency.closedAt = ctx.at
        break
      }
      case 'terminate':
        record.reason = step.reason
        agency.reason = step.reason
        agency.closedAt = ctx.at
        if (status === 'suspended') items = resumeEntrusted(items, ctx, itemEvent)
        break
    }
    return { agency, items, agencyHistory: [...p.agencyHistory, record] }
  })
  return detailOf(after, actor, ctx)
}

// ---------------------------------------------------------------------------------------------
// Printable forms
// ---------------------------------------------------------------------------------------------
const CLAUSES: Record<ProjectForm, string[]> = {
  entrustment: [
    '委托人自愿委托忻州市投资项目帮(代)办服务机构代为办理下列审批事项，帮(代)办服务不收取任何费用。',
    '委托人对提供的申请材料的真实性、合法性、有效性负责，并按代办员告知及时补正材料。',
    '代办员在承诺时限内办理，及时告知办理进度，妥善保管材料，不泄露委托人的商业秘密。',
    '因委托人原因或政策调整暂不能办理的，代办中止；中止原因消除后凭续办委托续办。',
    '委托人可随时终止委托；终止或办结时，代办员退还委托人的全部材料及办理结果。',
  ],
  completion: [
    '上列委托事项已全部办结，审批结果（证照、批文）已交付委托人。',
    '委托人对本次帮(代)办服务可通过“好差评”评价。',
  ],
  termination: ['本次帮(代)办服务按下列原因终止，已受理材料及已取得的审批结果已退还委托人。'],
}
const FORM_CODES: Record<ProjectForm, string> = { entrustment: '委', completion: '结', termination: '终' }
const ISSUER = '忻州市行政审批服务管理局（投资项目帮代办服务中心）'

function formDate(p: ProjectDoc, form: ProjectForm): string | undefined {
  const a = p.agency
  if (form === 'entrustment') return a.entrustedAt ? localDate(new Date(a.entrustedAt)) : undefined
  const wanted = form === 'completion' ? 'completed' : 'terminated'
  return a.status === wanted && a.closedAt ? localDate(new Date(a.closedAt)) : undefined
}

export async function agencyForm(auth: AuthContext, id: string, form: ProjectForm): Promise<ProjectAgencyForm> {
  const p = await loadProject(id)
  await actorFor(auth, p)
  const date = p.agency.status === 'none' ? undefined : formDate(p, form)
  if (!date) {
    const why: Record<ProjectForm, string> = { entrustment: '该项目尚未签署代办委托书', completion: '该项目的代办尚未办结', termination: '该项目的代办未终止' }
    throw new AppError('INVALID_STATE', why[form])
  }
  const keys = p.agency.itemKeys
  return {
    form,
    title: PROJECT_FORM_LABELS[form],
    number: `忻代办〔${date.slice(0, 4)}〕${FORM_CODES[form]}字第 ${p._id.toString().slice(-6).toUpperCase()} 号`,
    projectName: p.name,
    projectCode: p.code ?? undefined,
    enterpriseName: p.enterpriseName,
    creditCode: p.enterpriseCode,
    signerName: p.agency.signerName,
    signerMobile: p.agency.signerMobile,
    leader: p.leader ?? undefined,
    agents: p.agents ?? [],
    items: p.items
      .filter((it) => keys.includes(it.key))
      .map((it) => ({ key: it.key, name: it.name, departmentName: it.departmentName, promisedDays: it.promisedDays, status: PROJECT_ITEM_STATUS_LABELS[it.status], doneOn: it.doneOn })),
    date,
    reason: form === 'termination' ? p.agency.reason : undefined,
    clauses: CLAUSES[form],
    issuer: ISSUER,
    demo: Boolean(p.demo),
  }
}
