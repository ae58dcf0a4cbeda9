import mongoose from 'mongoose'
import { addDays, addWorkingDays, CITY_REGION_CODE, creditCodeCheckChar, localDate, instantOf, PolicyInputSchema } from '@xz/shared'
import { now } from '../../lib/clock'
import { currentCalendar } from '../calendar'
import { Department, pinyinOf } from '../catalogue'
import { type CachedEnterprise, Enterprise, enterpriseCache } from '../enterprises'
import { demoEnterprises, demoPolicies, DEPARTMENT_NAMES, extraDepartments } from './demo-data'
import { policyCache, type CachedPolicy } from './policy-cache'
import { matchOf } from './policy-notices'
import { Policy, PolicyApplication } from './policy.model'

/** A valid, recognisably fake 统一社会信用代码 for demo enterprise i ("91140900MA0XY" + number + check character). */
export function demoCreditCode(i: number): string {
  const body = `91140900MA0XY${String(i + 1).padStart(4, '0')}`
  return body + creditCodeCheckChar(body)!
}

/**
 * Seeds the 送政策上门 demo data: issuing departments that are missing, ~50 demo enterprises (no owner account),
 * ~30 policies (most published some days ago, one draft) and a history of 兑现 records and applications, so that
 * 为你推荐, the condition counts and the 月通报 have something to show. Called once by the demo seed.
 */
export async function seedPolicyDemo(): Promise<{ policies: number; enterprises: number; applications: number }> {
  const existing = await Department.find({}, 'name').lean<{ _id: mongoose.Types.ObjectId; name: string }[]>()
  const deptByName = new Map(existing.map((d) => [d.name, d._id]))
  for (const d of extraDepartments) {
    if (!deptByName.has(d.name)) deptByName.set(d.name, (await Department.create({ name: d.name, regionCode: CITY_REGION_CODE, demo: true }))._id)
  }
  const deptId = (key: string) => {
    const id = deptByName.get(DEPARTMENT_NAMES[key])
    if (!id) throw new Error(`policy demo data: unknown department ${key}`)
    return id
  }
  const today = localDate(now())

  const enterprises = demoEnterprises.map((e, i) => ({
    _id: demoCreditCode(i),
    name: e.name,
    registeredRegion: e.registeredRegion,
    industry: e.industry,
    scale: e.scale,
    employees: e.employees,
    revenueBand: e.revenueBand,
    establishedOn: e.age === undefined ? undefined : addDays(today, -Math.round(e.age * 365)),
    qualifications: e.qualifications,
    tags: e.tags,
    subscription: { matching: true, topics: [] },
    demo: true,
  }))
  await Enterprise.insertMany(enterprises)

  const policies = demoPolicies.map((p) => {
    const dept = deptId(p.dept)
    const input = PolicyInputSchema.parse({
      title: p.title,
      departmentId: dept.toString(),
      docNumber: p.docNumber,
      regionCode: CITY_REGION_CODE,
      validFrom: addDays(today, -365),
      validTo: p.validTo ?? addDays(today, 730),
      summary: p.summary,
      fullText: `${p.summary}\n\n申报条件：${p.requirements}\n\n（示例数据：依据公开的山西省、忻州市惠企政策整理，金额与文号仅作演示。）`,
      benefit: p.benefit,
      guide: { beneficiaries: p.beneficiaries, requirements: p.requirements, promiseDays: p.promiseDays, address: '忻州市政务服务中心惠企政策兑现窗口', phone: '0350-12345' },
      mode: p.mode,
      topics: p.topics,
      conditions: p.conditions,
    })
    const py = pinyinOf(p.title)
    return {
      ...input,
      _id: new mongoose.Types.ObjectId(),
      status: p.publishedDaysAgo === undefined ? 'draft' : 'published',
      publishedAt: p.publishedDaysAgo === undefined ? undefined : instantOf(addDays(today, -p.publishedDaysAgo), '09:30'),
      searchText: `${p.title} ${p.summary} ${p.docNumber} ${DEPARTMENT_NAMES[p.dept]}`.toLowerCase(),
      pinyin: py.full,
      initials: py.initials,
      createdBy: 'seed',
      demo: true,
    }
  })
  await Policy.insertMany(policies)
  await Promise.all([enterpriseCache.touch(), policyCache.touch()])

  // History: 免申即享 grants on the publication day; up to three applications per 快申快享 policy at various stages.
  const { dayType } = await currentCalendar()
  const apps: Record<string, unknown>[] = []
  const stored = (await Enterprise.find({ demo: true }).lean()) as unknown as CachedEnterprise[]
  for (const p of policies) {
    if (!p.publishedAt) continue
    const published = localDate(p.publishedAt)
    const eligible = stored.filter((e) => matchOf(p as unknown as CachedPolicy, e, published).status === 'eligible')
    const base = { policyId: p._id, departmentId: p.departmentId, regionCode: p.regionCode, mode: p.mode, demo: true }
    if (p.mode === 'auto') {
      for (const e of eligible) {
        apps.push({ ...base, _id: `${p._id}:${e._id}`, creditCode: e._id, enterpriseName: e.name, status: 'granted', appliedAt: p.publishedAt, appliedDate: published, granted: { at: p.publishedAt, date: published, by: 'auto', amountFen: p.benefit.amountFen ?? undefined } })
      }
      continue
    }
    eligible.slice(0, 3).forEach((e, k) => {
      const applied = addWorkingDays(published, 2 + k, dayType)
      if (applied > today) return
      const due = addWorkingDays(applied, p.guide.promiseDays, dayType)
      const step = (n: number) => {
        const d = addWorkingDays(applied, n, dayType)
        return d <= today ? { at: instantOf(d, '15:00'), date: d, by: 'seed' } : undefined
      }
      const accepted = step(1)
      const reviewed = k === 0 ? step(3) : undefined
      const granted = k === 0 ? step(Math.min(p.guide.promiseDays, 6)) : undefined
      const rejected = k === 2 ? step(2) : undefined
      const status = granted ? 'granted' : rejected ? 'rejected' : reviewed ? 'reviewed' : accepted ? 'accepted' : 'submitted'
      apps.push({
        ...base,
        _id: `${p._id}:${e._id}`,
        creditCode: e._id,
        enterpriseName: e.name,
        status,
        appliedAt: instantOf(applied, '10:00'),
        appliedDate: applied,
        dueDate: due,
        accepted,
        reviewed: granted ? reviewed ?? accepted : reviewed,
        granted: granted ? { ...granted, amountFen: p.benefit.amountFen ?? 5_000_000 } : undefined,
        rejected: rejected ? { ...rejected, reason: '经核查，申报材料中的用工人数与社保参保记录不一致（示例）' } : undefined,
      })
    })
  }
  if (apps.length) await PolicyApplication.insertMany(apps)
  return { policies: policies.length, enterprises: enterprises.length, applications: apps.length }
}
