/**
 * Checklist templates (一项目一方案一清单) per project type. City-wide: kept by the city's administrators, read by every
 * administrator. A handful of documents, read whole. A project copies its template's items when it is created, so
 * editing a template never changes an existing project's checklist.
 */
import { CITY_REGION_CODE, computeSchedule, localDate, type DayTypeLookup, type ProjectTemplate as TemplateView, type ProjectTemplateInputSchema } from '@xz/shared'
import type * as z from 'zod'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, forbidden, isDuplicateKey, notFound } from '../../lib/errors'
import { adminRegionOf } from '../../lib/scope'
import { currentCalendar } from '../calendar'
import { ProjectTemplate, type TemplateDoc, type TemplateItem } from './project.model'

type Input = z.output<typeof ProjectTemplateInputSchema>

function assertCityAdmin(auth: AuthContext): void {
  if (adminRegionOf(auth) !== CITY_REGION_CODE) throw forbidden('清单模板由市级管理员维护')
}

/** Working days along the critical path from a start today, with the promised / legal limits (and with 拿地即开工). */
function spans(items: TemplateItem[], dayType: DayTypeLookup) {
  const today = localDate(now())
  const base = items.map((it) => ({ ...it, status: 'not_started' as const }))
  const plain = computeSchedule({ startDate: today, today, items: base, dayType })
  const early = items.some((it) => it.earlyStartDependsOn) ? computeSchedule({ startDate: today, today, items: base, dayType, landStart: true }) : undefined
  return { promisedWorkingDays: plain.promisedWorkingDays, legalWorkingDays: plain.legalWorkingDays, landStartWorkingDays: early?.promisedWorkingDays }
}

export function toTemplateView(t: TemplateDoc, dayType: DayTypeLookup): TemplateView {
  const items = t.items ?? []
  return {
    id: t._id.toString(),
    name: t.name,
    type: t.type,
    description: t.description ?? undefined,
    items: items.map((it) => ({
      key: it.key,
      name: it.name,
      stage: it.stage,
      departmentName: it.departmentName,
      legalDays: it.legalDays,
      promisedDays: it.promisedDays,
      dependsOn: it.dependsOn ?? [],
      commitmentAllowed: Boolean(it.commitmentAllowed),
      commitmentVerifyDays: it.commitmentVerifyDays ?? 20,
      earlyStartDependsOn: it.earlyStartDependsOn,
      documentName: it.documentName,
      milestone: Boolean(it.milestone),
    })),
    active: t.active !== false,
    ...spans(items, dayType),
    demo: Boolean(t.demo),
    updatedAt: (t.updatedAt ?? now()).toISOString(),
  }
}

export async function listTemplates(): Promise<{ items: TemplateView[] }> {
  const [rows, cal] = await Promise.all([ProjectTemplate.find({}).lean<TemplateDoc[]>(), currentCalendar()])
  rows.sort((a, b) => Number(b.active !== false) - Number(a.active !== false) || a.type.localeCompare(b.type) || a.name.localeCompare(b.name))
  return { items: rows.map((t) => toTemplateView(t, cal.dayType)) }
}

export async function getTemplate(id: string): Promise<TemplateView> {
  const t = await ProjectTemplate.findById(id).lean<TemplateDoc>()
  if (!t) throw notFound('清单模板')
  return toTemplateView(t, (await currentCalendar()).dayType)
}

const duplicate = (name: string) => new AppError('DUPLICATE', '已有同名的清单模板', { field: 'name', name })

export async function createTemplate(auth: AuthContext, input: Input): Promise<TemplateView> {
  assertCityAdmin(auth)
  try {
    const t = await ProjectTemplate.create({ ...input, createdBy: auth.sub })
    return getTemplate(t._id.toString())
  } catch (err) {
    if (isDuplicateKey(err)) throw duplicate(input.name)
    throw err
  }
}

export async function replaceTemplate(auth: AuthContext, id: string, input: Input): Promise<TemplateView> {
  assertCityAdmin(auth)
  const t = await ProjectTemplate.findById(id).lean<TemplateDoc>()
  if (!t) throw notFound('清单模板')
  // an update that breaks a unique index is not reported as 11000 by the embedded database: check first
  if (input.name !== t.name && (await ProjectTemplate.exists({ name: input.name }))) throw duplicate(input.name)
  await ProjectTemplate.updateOne({ _id: t._id }, { $set: { name: input.name, type: input.type, description: input.description ?? null, items: input.items, active: input.active } })
  return getTemplate(id)
}

/** Archives (never deletes: projects refer to their template). */
export async function archiveTemplate(auth: AuthContext, id: string): Promise<TemplateView> {
  assertCityAdmin(auth)
  const t = await ProjectTemplate.findById(id).lean<TemplateDoc>()
  if (!t) throw notFound('清单模板')
  await ProjectTemplate.updateOne({ _id: t._id }, { $set: { active: false } })
  return getTemplate(id)
}
