import ExcelJS from 'exceljs'
import type mongoose from 'mongoose'
import { localDate, regionContains, type PolicyReport, type PolicyReportRow } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { adminRegionOf } from '../../lib/scope'
import { currentCalendar } from '../calendar'
import { Department } from '../catalogue'
import { enterpriseCache } from '../enterprises'
import { policyCache } from './policy-cache'
import { statusOf } from './policy-notices'
import { PolicyApplication, PolicyNotice, type PolicyApplicationDoc } from './policy.model'
import { monthBounds, reportRow } from './policy-report.rules'

/**
 * 月通报 of the caller's region, one row per department with policies there. Policies and enterprises come from memory;
 * a department's notices and applications are reached by `departmentId` (a pushdown-marked scalar field).
 */
export async function monthlyReport(auth: AuthContext, month: string): Promise<PolicyReport> {
  const region = adminRegionOf(auth)
  const today = localDate(now())
  const { last } = monthBounds(month)
  const asOf = last < today ? last : today
  const [policies, enterprises, calendar] = await Promise.all([policyCache.items(), enterpriseCache.items(), currentCalendar()])
  const ours = policies.filter((p) => regionContains(region, p.regionCode))
  const deptIds = [...new Set(ours.map((p) => String(p.departmentId)))]
  const depts = await Department.find({ _id: { $in: deptIds } }, 'name').lean<{ _id: mongoose.Types.ObjectId; name: string }[]>()
  const names = new Map(depts.map((d) => [String(d._id), d.name]))
  const rows: PolicyReportRow[] = []
  for (const deptId of deptIds.sort((a, b) => (names.get(a) ?? '').localeCompare(names.get(b) ?? '', 'zh'))) {
    const deptPolicies = ours.filter((p) => String(p.departmentId) === deptId)
    const policyIds = new Set(deptPolicies.map((p) => String(p._id)))
    const [notices, apps] = await Promise.all([
      PolicyNotice.find({ departmentId: deptId }).lean<{ policyId: unknown; month: string }[]>(),
      PolicyApplication.find({ departmentId: deptId }).lean<PolicyApplicationDoc[]>(),
    ])
    const figures = reportRow(
      {
        month,
        asOf,
        policies: deptPolicies.map((p) => ({
          id: String(p._id),
          publishedMonth: p.publishedAt ? localDate(p.publishedAt).slice(0, 7) : undefined,
          eligibleEnterprises: p.publishedAt && localDate(p.publishedAt).slice(0, 7) === month ? enterprises.filter((e) => statusOf(p, e, asOf) === 'eligible').map((e) => e._id) : [],
        })),
        notices: notices.filter((n) => policyIds.has(String(n.policyId))),
        applications: apps
          .filter((a) => policyIds.has(String(a.policyId)))
          .map((a) => ({
            mode: a.mode,
            appliedDate: a.appliedDate,
            dueDate: a.dueDate,
            grantedDate: a.granted?.date,
            amountFen: a.granted?.amountFen,
            rejectedDate: a.rejected?.date,
          })),
      },
      calendar.dayType,
    )
    rows.push({ departmentId: deptId, departmentName: names.get(deptId) ?? '', ...figures })
  }
  return { month, regionCode: region, rows }
}

const COLUMNS: { header: string; key: keyof PolicyReportRow | 'grantedYuan'; width: number }[] = [
  { header: '部门', key: 'departmentName', width: 30 },
  { header: '发布政策数', key: 'policiesPublished', width: 12 },
  { header: '匹配企业数', key: 'enterprisesMatched', width: 12 },
  { header: '推送企业数', key: 'notified', width: 12 },
  { header: '申报数', key: 'applied', width: 10 },
  { header: '兑现数', key: 'granted', width: 10 },
  { header: '兑现金额（元）', key: 'grantedYuan', width: 16 },
  { header: '平均兑现用时（工作日）', key: 'avgWorkingDaysToGrant', width: 22 },
  { header: '超期申报数', key: 'overdue', width: 12 },
]

/** The 月通报 as an XLSX workbook (one sheet; amounts in 元 from integer fen, two decimals). */
export async function monthlyReportXlsx(auth: AuthContext, month: string): Promise<Buffer> {
  const report = await monthlyReport(auth, month)
  const wb = new ExcelJS.Workbook()
  wb.creator = '忻州政务·无忧办'
  const ws = wb.addWorksheet('月通报')
  ws.addRow([`惠企政策兑现月通报（${month}）`])
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }))
  ws.addRow(COLUMNS.map((c) => c.header))
  for (const r of report.rows) {
    ws.addRow({ ...r, grantedYuan: r.grantedFen / 100, avgWorkingDaysToGrant: r.avgWorkingDaysToGrant ?? '—' })
  }
  ws.getColumn('grantedYuan').numFmt = '#,##0.00'
  ws.getRow(2).font = { bold: true }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
