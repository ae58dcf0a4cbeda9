import {
  AGENCY_ACTION_LABELS,
  AGENCY_STATUS_LABELS,
  PROJECT_ITEM_ACTION_LABELS,
  PROJECT_ITEM_STATUS_LABELS,
  PROJECT_STAGE_LABELS,
  PROJECT_STAGES,
  PROJECT_STATUS_LABELS,
  stageSummaries,
  workingDaysBetween,
  type DayTypeLookup,
  type ProjectCommitmentView,
  type ProjectDetail,
  type ProjectSchedule,
  type ProjectSummary,
  type ProjectViewerRole,
} from '@xz/shared'
import type { Commitment, ProjectDoc, ProjectItem } from './project.model'
import { agencyActionsFor, scheduleItemsOf, WORKERS } from './projects.rules'

const iso = (d: Date | string | undefined | null) => (d ? new Date(d).toISOString() : undefined)

/** Unverified and past its deadline (flagged for the department). */
export function commitmentOverdue(c: Commitment | undefined, today: string): boolean {
  return Boolean(c && c.result === 'pending' && today > c.verifyDeadline)
}

function commitmentView(c: Commitment | undefined, today: string): ProjectCommitmentView | undefined {
  if (!c) return undefined
  return {
    signerName: c.signerName,
    signedAt: iso(c.signedAt)!,
    text: c.text,
    verifyDeadline: c.verifyDeadline,
    result: c.result,
    checkedAt: iso(c.checkedAt),
    note: c.note,
    overdue: commitmentOverdue(c, today),
  }
}

function projectStatus(items: ProjectItem[]): ProjectSummary['status'] {
  if (items.length > 0 && items.every((it) => it.status === 'done')) return 'done'
  return items.some((it) => it.status !== 'not_started') ? 'in_progress' : 'not_started'
}

/** The summary row of a project, as `viewer` sees it. */
export function toSummary(p: ProjectDoc, s: ProjectSchedule, viewer: ProjectViewerRole, today: string): ProjectSummary {
  const status = projectStatus(p.items)
  const currentStage = PROJECT_STAGES.find((stage) => p.items.some((it) => it.stage === stage && it.status !== 'done'))
  const next = p.items
    .filter((it) => it.status === 'in_progress' || it.status === 'paused' || s.byKey.get(it.key)!.ready)
    .map((it) => ({ it, at: s.byKey.get(it.key)! }))
    .sort((a, b) => Number(b.at.late) - Number(a.at.late) || a.at.plannedEnd.localeCompare(b.at.plannedEnd))[0]
  return {
    id: p._id.toString(),
    name: p.name,
    code: p.code ?? undefined,
    type: p.type,
    level: p.level,
    enterpriseName: p.enterpriseName,
    regionCode: p.regionCode,
    regionName: p.regionName ?? undefined,
    investmentWan: p.investmentWan,
    status,
    statusLabel: PROJECT_STATUS_LABELS[status],
    currentStage,
    itemCount: p.items.length,
    doneCount: p.items.filter((it) => it.status === 'done').length,
    startDate: p.startDate,
    promisedCompletion: s.promisedCompletion,
    expectedCompletion: s.expectedCompletion,
    atRisk: s.atRisk,
    lateCount: s.lateCount,
    overdueCommitments: p.items.filter((it) => commitmentOverdue(it.commitment, today)).length,
    nextItem: next ? { key: next.it.key, name: next.it.name, plannedEnd: next.at.plannedEnd, late: next.at.late } : undefined,
    leader: p.leader ?? undefined,
    agencyStatus: p.agency?.status ?? 'none',
    viewerRole: viewer,
    demo: Boolean(p.demo),
  }
}

export function toDetail(p: ProjectDoc, s: ProjectSchedule, viewer: ProjectViewerRole, today: string, dayType: DayTypeLookup): ProjectDetail {
  const entrusted = new Set(p.agency?.status && p.agency.status !== 'none' ? p.agency.itemKeys : [])
  const worker = WORKERS.includes(viewer)
  const stages = stageSummaries(scheduleItemsOf(p.items), s, dayType)
  return {
    ...toSummary(p, s, viewer, today),
    templateId: p.templateId.toString(),
    templateName: p.templateName,
    location: p.location,
    industry: p.industry,
    creditCode: p.enterpriseCode,
    standardLand: Boolean(p.standardLand),
    landStart: Boolean(p.landStart),
    contactName: p.contactName ?? undefined,
    contactMobile: p.contactMobile ?? undefined,
    promisedWorkingDays: s.promisedWorkingDays,
    legalWorkingDays: s.legalWorkingDays,
    criticalPath: s.criticalPath,
    agents: p.agents ?? [],
    stages: stages.map((st) => ({ ...st, label: PROJECT_STAGE_LABELS[st.stage] })),
    items: p.items.map((it) => {
      const at = s.byKey.get(it.key)!
      return {
        key: it.key,
        name: it.name,
        stage: it.stage,
        departmentName: it.departmentName,
        legalDays: it.legalDays,
        promisedDays: it.promisedDays,
        dependsOn: at.dependsOn,
        commitmentAllowed: Boolean(it.commitmentAllowed) || at.earlyStart,
        earlyStart: at.earlyStart,
        milestone: Boolean(it.milestone),
        status: it.status,
        statusLabel: PROJECT_ITEM_STATUS_LABELS[it.status],
        pauseReason: it.status === 'paused' ? it.pauseReason : undefined,
        blocker: it.blocker ?? undefined,
        note: it.note ?? undefined,
        startedOn: it.startedOn,
        doneOn: it.doneOn,
        plannedStart: at.plannedStart,
        plannedEnd: at.plannedEnd,
        pausedWorkingDays: at.pausedWorkingDays,
        late: at.late,
        lateWorkingDays: at.lateWorkingDays,
        doneLate: at.doneLate,
        critical: at.critical,
        ready: at.ready,
        entrusted: entrusted.has(it.key),
        documentName: it.documentName,
        documents: (it.documents ?? []).map((d) => ({ name: d.name, number: d.number, url: d.url, addedAt: iso(d.addedAt)! })),
        commitment: commitmentView(it.commitment, today),
        history: (it.history ?? []).map((e) => ({
          at: iso(e.at)!,
          action: e.action,
          actionLabel: PROJECT_ITEM_ACTION_LABELS[e.action],
          byRole: e.byRole,
          byName: e.byName,
          on: e.on,
          reason: e.reason,
          note: e.note,
        })),
        rev: it.rev ?? 0,
      }
    }),
    agency: {
      status: p.agency?.status ?? 'none',
      statusLabel: AGENCY_STATUS_LABELS[p.agency?.status ?? 'none'],
      itemKeys: p.agency?.itemKeys ?? [],
      signerName: p.agency?.signerName,
      signerMobile: p.agency?.signerMobile,
      entrustedAt: iso(p.agency?.entrustedAt),
      closedAt: iso(p.agency?.closedAt),
      allowedActions: agencyActionsFor(p.agency?.status ?? 'none', viewer),
      history: (p.agencyHistory ?? []).map((e) => ({
        seq: e.seq,
        action: e.action,
        actionLabel: AGENCY_ACTION_LABELS[e.action],
        from: e.from,
        to: e.to,
        at: iso(e.at)!,
        byRole: e.byRole,
        byName: e.byName,
        reason: e.reason,
        note: e.note,
        itemKeys: e.itemKeys,
      })),
    },
    adjustments: (p.adjustments ?? []).map((a) => ({ at: iso(a.at)!, byName: a.byName, op: a.op, key: a.key, itemName: a.itemName, summary: a.summary, reason: a.reason })),
    canUpdateItems: worker,
    canEditChecklist: viewer === 'leader',
    canSignCommitments: viewer === 'enterprise',
    asOf: today,
  }
}

/** Working days a commitment is past its deadline. */
export function overdueDays(c: Commitment, today: string, dayType: DayTypeLookup): number {
  return workingDaysBetween(c.verifyDeadline, today, dayType)
}
