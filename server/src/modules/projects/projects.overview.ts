/**
 * The administrators' overview: projects of the region, the average approval working days per stage against the
 * promised (and legal) limits, the projects at risk, and the 告知承诺 commitments past their verification deadline,
 * per department. Computed from the projects of the region (hundreds), each through the shared schedule.
 */
import {
  PROJECT_STAGE_LABELS,
  PROJECT_STAGES,
  stageSummaries,
  type OverdueCommitment,
  type ProjectOverview,
  type ProjectOverviewQuery,
  type StageSummary,
} from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { commitmentOverdue, overdueDays, toSummary } from './project-views'
import { context } from './project-store'
import { scheduleItemsOf, scheduleOf } from './projects.rules'
import { projectsOfRegion } from './projects.service'

const MAX_AT_RISK = 50
const MAX_COMMITMENTS = 100

/** Mean with one decimal, null for none. */
function mean(xs: number[]): number | null {
  return xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null
}

export async function projectOverview(auth: AuthContext, q: ProjectOverviewQuery): Promise<ProjectOverview> {
  const ctx = await context()
  const projects = (await projectsOfRegion(auth)).filter((p) => !q.type || p.type === q.type)
  const stages = new Map<string, StageSummary[]>()
  const summaries = projects.map((p) => {
    const s = scheduleOf(p, ctx.today, ctx.dayType)
    stages.set(p._id.toString(), stageSummaries(scheduleItemsOf(p.items), s, ctx.dayType))
    return { p, s, summary: toSummary(p, s, 'admin', ctx.today) }
  })

  const overdue: OverdueCommitment[] = []
  const departments = new Map<string, { departmentName: string; openItems: number; lateItems: number; overdueCommitments: number }>()
  for (const { p, s } of summaries) {
    for (const it of p.items) {
      const d = departments.get(it.departmentName) ?? { departmentName: it.departmentName, openItems: 0, lateItems: 0, overdueCommitments: 0 }
      departments.set(it.departmentName, d)
      if (it.status !== 'done') d.openItems++
      if (s.byKey.get(it.key)!.late) d.lateItems++
      if (commitmentOverdue(it.commitment, ctx.today)) {
        d.overdueCommitments++
        overdue.push({
          projectId: p._id.toString(),
          projectName: p.name,
          itemKey: it.key,
          itemName: it.name,
          departmentName: it.departmentName,
          verifyDeadline: it.commitment!.verifyDeadline,
          overdueWorkingDays: overdueDays(it.commitment!, ctx.today, ctx.dayType),
        })
      }
    }
  }

  return {
    asOf: ctx.today,
    totals: {
      projects: projects.length,
      inProgress: summaries.filter((x) => x.summary.status === 'in_progress').length,
      done: summaries.filter((x) => x.summary.status === 'done').length,
      atRisk: summaries.filter((x) => x.summary.atRisk).length,
      lateItems: summaries.reduce((n, x) => n + x.summary.lateCount, 0),
      overdueCommitments: overdue.length,
      investmentWan: projects.reduce((n, p) => n + (p.investmentWan ?? 0), 0),
    },
    stages: PROJECT_STAGES.map((stage) => {
      const rows = [...stages.values()].map((list) => list.find((st) => st.stage === stage)!)
      const completed = rows.filter((st) => st.status === 'done' && st.actualWorkingDays !== undefined)
      return {
        stage,
        label: PROJECT_STAGE_LABELS[stage],
        completed: completed.length,
        avgActualWorkingDays: mean(completed.map((st) => st.actualWorkingDays!)),
        avgPromisedWorkingDays: mean(completed.map((st) => st.promisedWorkingDays)),
        avgLegalWorkingDays: mean(completed.map((st) => st.legalWorkingDays)),
        onTime: completed.filter((st) => st.actualWorkingDays! <= st.promisedWorkingDays).length,
        inProgress: rows.filter((st) => st.status === 'in_progress').length,
      }
    }),
    atRisk: summaries
      .filter((x) => x.summary.atRisk)
      .map((x) => x.summary)
      .sort((a, b) => b.lateCount - a.lateCount || a.name.localeCompare(b.name))
      .slice(0, MAX_AT_RISK),
    overdueCommitments: overdue.sort((a, b) => b.overdueWorkingDays - a.overdueWorkingDays).slice(0, MAX_COMMITMENTS),
    departments: [...departments.values()].sort((a, b) => b.lateItems - a.lateItems || b.overdueCommitments - a.overdueCommitments || b.openItems - a.openItems),
  }
}
