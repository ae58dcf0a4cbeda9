/**
 * Work on a project's checklist: item progress by its 项目长 and 代办员, the 项目长's adjustments of the checklist
 * (each with its reason recorded), and 告知承诺制 commitments (signed by the enterprise, verified by the department).
 */
import {
  addDays,
  addWorkingDays,
  checklistIssues,
  type ProjectChecklistChangeSchema,
  type ProjectCommitmentCheck,
  type ProjectCommitmentSign,
  type ProjectDetail,
  type ProjectItemAction,
  type ProjectItemUpdateSchema,
  type ProjectViewerRole,
} from '@xz/shared'
import type * as z from 'zod'
import type { AuthContext } from '../../lib/auth'
import { AppError, forbidden, invalidField, notFound } from '../../lib/errors'
import type { Adjustment, ItemEvent, ProjectDoc, ProjectItem } from './project.model'
import { actorName, mutate, type Ctx } from './project-store'
import { commitmentRequired, ITEM_MOVES, pauseDays, pendingDependencies, WORKERS } from './projects.rules'
import { detailOf } from './projects.service'

type ItemUpdate = z.output<typeof ProjectItemUpdateSchema>
type ChecklistChange = z.output<typeof ProjectChecklistChangeSchema>

function itemOf(p: ProjectDoc, key: string): { item: ProjectItem; index: number } {
  const index = p.items.findIndex((it) => it.key === key)
  if (index < 0) throw notFound('清单事项')
  return { item: p.items[index], index }
}

function event(auth: AuthContext, actor: ProjectViewerRole, p: ProjectDoc, ctx: Ctx, action: ProjectItemAction, extra: Partial<ItemEvent> = {}): ItemEvent {
  return { at: ctx.at, action, by: auth.sub, byRole: actor, byName: actorName(auth, actor, p), ...extra }
}

/** Retry after losing a step only when the winner left this item as it was. */
const sameItem = (key: string) => (before: ProjectDoc, fresh: ProjectDoc) => before.items.find((it) => it.key === key)?.rev === fresh.items.find((it) => it.key === key)?.rev

function replaceItem(p: ProjectDoc, index: number, item: ProjectItem): ProjectItem[] {
  return p.items.map((it, i) => (i === index ? item : it))
}

// ---------------------------------------------------------------------------------------------
// Item progress
// ---------------------------------------------------------------------------------------------
const NOT_ALLOWED: Record<'in_progress' | 'paused' | 'done', string> = {
  in_progress: '该事项当前不能开始或恢复办理',
  paused: '只有办理中的事项可以暂停',
  done: '暂停中的事项请先恢复办理，已办结的事项不能重复办结',
}

export async function updateItem(auth: AuthContext, id: string, key: string, body: ItemUpdate): Promise<ProjectDetail> {
  const { after, actor, ctx } = await mutate(
    auth,
    id,
    (p, actor, ctx) => {
      if (!WORKERS.includes(actor)) throw forbidden('只有项目长或代办员可以更新事项进度')
      const { item, index } = itemOf(p, key)
      if (body.rev !== undefined && body.rev !== (item.rev ?? 0)) throw new AppError('CONFLICT', '该事项已被他人更新，请刷新后重试')
      const on = body.on ?? ctx.today
      if (on > ctx.today) throw new AppError('RULE_VIOLATION', '日期不能晚于今天', { field: 'on' })
      if (on < addDays(p.startDate, -365)) throw new AppError('RULE_VIOLATION', `日期不能早于项目审批启动日期 ${p.startDate} 一年以上`, { field: 'on' })
      const next: ProjectItem = { ...item, documents: [...(item.documents ?? [])], history: [...(item.history ?? [])] }
      const ev = (action: ProjectItemAction, extra: Partial<ItemEvent> = {}) => next.history.push(event(auth, actor, p, ctx, action, { note: body.note, ...extra }))
      const entrustedAndSuspended = p.agency.status === 'suspended' && p.agency.itemKeys.includes(key)

      if (body.status) {
        if (!ITEM_MOVES[body.status].includes(item.status)) throw new AppError('INVALID_STATE', NOT_ALLOWED[body.status])
        if (item.status === 'not_started') {
          const pending = pendingDependencies(p.items, key, p.landStart)
          if (pending.length) {
            const names = pending.map((k) => p.items.find((it) => it.key === k)?.name ?? k)
            throw new AppError('DEPENDENCY_PENDING', `前置事项尚未办结：${names.join('、')}`, { pending })
          }
          if (entrustedAndSuspended) throw new AppError('INVALID_STATE', '代办已中止，请先续办')
        }
        if (item.startedOn && on < item.startedOn) throw new AppError('RULE_VIOLATION', `日期不能早于开始办理日期 ${item.startedOn}`, { field: 'on' })
        switch (body.status) {
          case 'in_progress':
            if (item.status === 'paused') {
              if (item.pausedByAgency) throw new AppError('INVALID_STATE', '该事项因代办中止而暂停，请先续办')
              if (item.pausedSince && on < item.pausedSince) throw new AppError('RULE_VIOLATION', `日期不能早于暂停日期 ${item.pausedSince}`, { field: 'on' })
              next.pausedWorkingDays = (item.pausedWorkingDays ?? 0) + pauseDays(item.pausedSince ?? on, on, ctx.dayType)
              next.pausedSince = undefined
              next.pauseReason = undefined
              ev('resume', { on })
            } else {
              next.startedOn = on
              ev('start', { on })
            }
            next.status = 'in_progress'
            break
          case 'paused':
            next.status = 'paused'
            next.pausedSince = on
            next.pauseReason = body.reason
            next.pausedByAgency = false
            ev('pause', { on, reason: body.reason })
            break
          case 'done':
            if (commitmentRequired(item, p.landStart) && !item.commitment) throw new AppError('RULE_VIOLATION', '拿地即开工事项须先由企业签署告知承诺书')
            next.status = 'done'
            next.startedOn ??= on
            next.doneOn = on
            next.blocker = undefined
            ev('done', { on, reason: item.commitment ? '告知承诺制：凭企业承诺办结' : undefined })
            break
        }
      }
      for (const d of body.documents ?? []) next.documents.push({ name: d.name, number: d.number, url: d.url, addedAt: ctx.at })
      if (body.blocker !== undefined) next.blocker = body.blocker ?? undefined
      if (body.note !== undefined) next.note = body.note
      if (!body.status) ev('update', { reason: body.blocker ? `卡点：${body.blocker}` : undefined })
      next.rev = (item.rev ?? 0) + 1
      return { items: replaceItem(p, index, next) }
    },
    { retryIf: sameItem(key) },
  )
  return detailOf(after, actor, ctx)
}

// ---------------------------------------------------------------------------------------------
// The 项目长's adjustments of the checklist
// ---------------------------------------------------------------------------------------------
function assertAcyclic(items: ProjectItem[], field: string): void {
  for (const issue of checklistIssues(items)) {
    if (issue.message.includes('循环')) throw new AppError('DEPENDENCY_CYCLE', issue.message, { field })
    throw invalidField(field, issue.message)
  }
}

const list = (keys: string[] | undefined) => (keys?.length ? keys.join('、') : '无')

export async function changeChecklist(auth: AuthContext, id: string, body: ChecklistChange): Promise<ProjectDetail> {
  const { after, actor, ctx } = await mutate(auth, id, (p, actor, ctx) => {
    if (actor !== 'leader') throw forbidden('只有本项目的项目长可以调整清单')
    const record = (key: string, itemName: string, summary: string): Adjustment => ({ at: ctx.at, by: auth.sub, byName: auth.name ?? '项目长', op: body.op, key, itemName, summary, reason: body.reason })
    let items: ProjectItem[]
    let adjustment: Adjustment
    let agencyKeys = p.agency.itemKeys
    switch (body.op) {
      case 'add': {
        const it = body.item
        if (p.items.some((x) => x.key === it.key)) throw new AppError('DUPLICATE', `事项编号 ${it.key} 已存在`, { field: 'item.key' })
        items = [...p.items, { ...it, status: 'not_started', pausedWorkingDays: 0, documents: [], history: [], rev: 0 }]
        assertAcyclic(items, 'item.dependsOn')
        adjustment = record(it.key, it.name, `新增事项（${it.departmentName}，承诺 ${it.promisedDays} 个工作日，前置事项：${list(it.dependsOn)}）`)
        break
      }
      case 'remove': {
        const { item } = itemOf(p, body.key)
        if (item.status === 'done') throw new AppError('RULE_VIOLATION', '已办结的事项不能移出清单')
        if (p.items.length === 1) throw new AppError('RULE_VIOLATION', '清单至少保留 1 个事项')
        // successors inherit the removed item's 前置事项, so the order of the rest is kept
        const rewire = (deps: string[] | undefined, inherited: string[]) => (deps?.includes(item.key) ? [...new Set([...deps.filter((d) => d !== item.key), ...inherited])] : deps)
        items = p.items
          .filter((x) => x.key !== item.key)
          .map((x) => ({ ...x, dependsOn: rewire(x.dependsOn, item.dependsOn)!, earlyStartDependsOn: rewire(x.earlyStartDependsOn, item.dependsOn) }))
        agencyKeys = agencyKeys.filter((k) => k !== item.key)
        adjustment = record(item.key, item.name, '移出清单')
        break
      }
      case 'update': {
        const { item, index } = itemOf(p, body.key)
        const c = body.changes
        const next: ProjectItem = { ...item, ...Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) }
        if (next.promisedDays > next.legalDays) throw invalidField('changes.promisedDays', '承诺时限不能长于法定时限')
        items = replaceItem(p, index, { ...next, rev: (item.rev ?? 0) + 1 })
        if (c.dependsOn) assertAcyclic(items, 'changes.dependsOn')
        const parts = [
          c.name !== undefined && c.name !== item.name ? `名称 ${item.name} → ${c.name}` : '',
          c.departmentName !== undefined && c.departmentName !== item.departmentName ? `承办部门 ${item.departmentName} → ${c.departmentName}` : '',
          c.legalDays !== undefined && c.legalDays !== item.legalDays ? `法定时限 ${item.legalDays} → ${c.legalDays} 个工作日` : '',
          c.promisedDays !== undefined && c.promisedDays !== item.promisedDays ? `承诺时限 ${item.promisedDays} → ${c.promisedDays} 个工作日` : '',
          c.dependsOn ? `前置事项 ${list(item.dependsOn)} → ${list(c.dependsOn)}` : '',
          c.commitmentAllowed !== undefined && c.commitmentAllowed !== item.commitmentAllowed ? (c.commitmentAllowed ? '适用告知承诺制' : '不再适用告知承诺制') : '',
        ].filter(Boolean)
        adjustment = record(item.key, next.name, parts.join('；') || '内容未变')
        break
      }
    }
    return { items, adjustments: [...p.adjustments, adjustment], agency: { ...p.agency, itemKeys: agencyKeys } }
  })
  return detailOf(after, actor, ctx)
}

// ---------------------------------------------------------------------------------------------
// 告知承诺制
// ---------------------------------------------------------------------------------------------
export async function signCommitment(auth: AuthContext, id: string, key: string, body: ProjectCommitmentSign): Promise<ProjectDetail> {
  const { after, actor, ctx } = await mutate(
    auth,
    id,
    (p, actor, ctx) => {
      if (actor !== 'enterprise') throw forbidden('告知承诺书须由企业本身签署')
      const { item, index } = itemOf(p, key)
      if (!item.commitmentAllowed && !commitmentRequired(item, p.landStart)) throw new AppError('RULE_VIOLATION', '该事项不适用告知承诺制')
      if (item.status === 'done') throw new AppError('INVALID_STATE', '该事项已办结，无需签署承诺')
      if (item.commitment) throw new AppError('DUPLICATE', '该事项已签署告知承诺书')
      const verifyDeadline = addWorkingDays(ctx.today, item.commitmentVerifyDays ?? 20, ctx.dayType)
      const next: ProjectItem = {
        ...item,
        commitment: { signerName: body.signerName, signedAt: ctx.at, signedOn: ctx.today, text: body.text, verifyDeadline, result: 'pending' },
        history: [...(item.history ?? []), event(auth, actor, p, ctx, 'commitment_signed', { on: ctx.today, note: `签署人：${body.signerName}；核查期限 ${verifyDeadline}` })],
        rev: (item.rev ?? 0) + 1,
      }
      return { items: replaceItem(p, index, next) }
    },
    { retryIf: sameItem(key) },
  )
  return detailOf(after, actor, ctx)
}

export async function checkCommitment(auth: AuthContext, id: string, key: string, body: ProjectCommitmentCheck): Promise<ProjectDetail> {
  const { after, actor, ctx } = await mutate(
    auth,
    id,
    (p, actor, ctx) => {
      if (!WORKERS.includes(actor)) throw forbidden('只有项目长或代办员可以登记承诺核查结果')
      const { item, index } = itemOf(p, key)
      if (!item.commitment) throw new AppError('INVALID_STATE', '该事项没有告知承诺书')
      if (item.commitment.result !== 'pending') throw new AppError('INVALID_STATE', '该承诺已核查')
      const next: ProjectItem = {
        ...item,
        commitment: { ...item.commitment, result: body.result, checkedAt: ctx.at, checkedBy: auth.sub, note: body.note },
        blocker: body.result === 'failed' ? '告知承诺核查未通过，须整改' : item.blocker,
        history: [...(item.history ?? []), event(auth, actor, p, ctx, 'commitment_checked', { on: ctx.today, reason: body.result === 'verified' ? '核查通过' : '核查未通过', note: body.note })],
        rev: (item.rev ?? 0) + 1,
      }
      return { items: replaceItem(p, index, next) }
    },
    { retryIf: sameItem(key) },
  )
  return detailOf(after, actor, ctx)
}
