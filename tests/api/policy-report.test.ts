/**
 * 月通报 against a hand-computed fixture (May 2026), through the real routes; the XLSX holds the same numbers.
 * Dates avoid the May Day holiday so the working days can be counted by hand.
 */
import { instantOf } from '@xz/shared'
import { setNow } from '../../server/src/lib/clock'
import { Department } from '../../server/src/modules/catalogue/catalogue.model'
import { PolicyApplication } from '../../server/src/modules/policies/policy.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { downloadWorkbook } from '../helpers/xlsx'
import { creditCode, policyBody } from '../helpers/policy-fixtures'

useTestDb()

let admin: Session
let deptA: string
let deptB: string
let p2: string

const at = (date: string) => setNow(instantOf(date, '10:00'))

async function enterprise(tags: string[]) {
  const who = await citizen()
  const code = creditCode()
  const res = await api().put('/api/v1/me/enterprise').set(who.auth).send({ name: `通报测试企业${code.slice(-4)}`, creditCode: code, tags })
  expect(res.status).toBe(200)
  return code
}

async function publish(dept: string, overrides: Parameters<typeof policyBody>[1]): Promise<string> {
  const created = await api().post('/api/v1/admin/policies').set(admin.auth).send(policyBody(dept, overrides))
  expect(created.status).toBe(201)
  expect((await api().post(`/api/v1/admin/policies/${created.body.id}/publish`).set(admin.auth)).status).toBe(200)
  return created.body.id
}

/** An application record of P2 (快申快享), written directly with the dates the fixture needs. */
async function application(o: { applied: string; due: string; granted?: [string, number]; rejected?: string; status: string }) {
  const code = creditCode()
  await PolicyApplication.create({
    _id: `${p2}:${code}`,
    policyId: p2,
    departmentId: deptA,
    regionCode: '140900',
    creditCode: code,
    enterpriseName: '历史申报企业',
    mode: 'apply',
    status: o.status,
    appliedAt: instantOf(o.applied, '09:00'),
    appliedDate: o.applied,
    dueDate: o.due,
    ...(o.granted ? { granted: { at: instantOf(o.granted[0], '15:00'), date: o.granted[0], by: 'fixture', amountFen: o.granted[1] } } : {}),
    ...(o.rejected ? { rejected: { at: instantOf(o.rejected, '15:00'), date: o.rejected, by: 'fixture', reason: '材料不全' } } : {}),
  })
}

beforeAll(async () => {
  admin = await account({ role: 'admin', regionCode: '140900' })
  deptA = String((await Department.create({ name: '甲·忻州市工业和信息化局', regionCode: '140900' }))._id)
  deptB = String((await Department.create({ name: '乙·忻州市科学技术局', regionCode: '140900' }))._id)
  at('2026-04-20')
  await enterprise(['甲'])
  await enterprise(['甲', '乙'])
  await enterprise([])
  // April: P2 (快申快享, tag 乙) → one enterprise matched and notified in April
  p2 = await publish(deptA, { mode: 'apply', conditions: { allOf: [{ field: 'tags', op: 'contains', value: '乙' }] } })
  // May 10: P1 (免申即享, tag 甲) → two enterprises granted 5,000.00 元 each and notified in May
  at('2026-05-10')
  await publish(deptA, { mode: 'auto', conditions: { allOf: [{ field: 'tags', op: 'contains', value: '甲' }] } })
  // May 12: department B publishes a policy nobody matches
  at('2026-05-12')
  await publish(deptB, { mode: 'apply', conditions: { allOf: [{ field: 'tags', op: 'contains', value: '丙' }] } })
  setNow(undefined)
  // P2 applications:
  await application({ applied: '2026-05-11', due: '2026-05-25', granted: ['2026-05-15', 300_000], status: 'granted' }) // 4 working days
  await application({ applied: '2026-05-18', due: '2026-06-01', granted: ['2026-05-25', 200_000], status: 'granted' }) // 5 working days
  await application({ applied: '2026-05-06', due: '2026-05-20', status: 'submitted' }) // open past its deadline: overdue
  await application({ applied: '2026-05-25', due: '2026-06-08', status: 'submitted' }) // due in June: not overdue
  await application({ applied: '2026-04-01', due: '2026-04-15', granted: ['2026-04-30', 100_000], status: 'granted' }) // late, but closed in April
  await application({ applied: '2026-04-10', due: '2026-04-24', rejected: '2026-05-05', status: 'rejected' }) // closed late in May: overdue
})

afterAll(() => setNow(undefined))

const MAY = [
  {
    departmentName: '甲·忻州市工业和信息化局',
    policiesPublished: 1, // P1 (P2 was April's)
    enterprisesMatched: 2, // the two 甲 enterprises, eligible for P1
    notified: 2, // P1's grant notices (P2's notice went out in April)
    applied: 4, // 05-11, 05-18, 05-06, 05-25
    granted: 4, // two 免申即享 grants + 05-15 + 05-25
    grantedFen: 2 * 500_000 + 300_000 + 200_000,
    avgWorkingDaysToGrant: 4.5, // (4 + 5) / 2, 快申快享 only
    overdue: 2, // the open one due 05-20, the one rejected late on 05-05
  },
  {
    departmentName: '乙·忻州市科学技术局',
    policiesPublished: 1,
    enterprisesMatched: 0,
    notified: 0,
    applied: 0,
    granted: 0,
    grantedFen: 0,
    avgWorkingDaysToGrant: null,
    overdue: 0,
  },
]

describe('月通报', () => {
  it('when the May report is read, then each department’s figures equal the hand-computed ones', async () => {
    const res = await api().get('/api/v1/admin/policy-report').query({ month: '2026-05' }).set(admin.auth)
    expect(res.status).toBe(200)
    expect(res.body.rows.map(({ departmentId: _, ...row }: { departmentId: string }) => row)).toEqual(MAY)
    expect(res.body.rows.map((r: { departmentId: string }) => r.departmentId)).toEqual([deptA, deptB])
  })

  it('when the May report is downloaded as XLSX, then the workbook holds the same numbers', async () => {
    const wb = await downloadWorkbook(api().get('/api/v1/admin/policy-report/xlsx').query({ month: '2026-05' }).set(admin.auth))
    const ws = wb.getWorksheet('月通报')!
    expect(ws.getRow(1).getCell(1).value).toBe('惠企政策兑现月通报（2026-05）')
    expect(ws.getRow(2).values).toEqual([undefined, '部门', '发布政策数', '匹配企业数', '推送企业数', '申报数', '兑现数', '兑现金额（元）', '平均兑现用时（工作日）', '超期申报数'])
    const rows = [3, 4].map((i) => (ws.getRow(i).values as unknown[]).slice(1))
    expect(rows).toEqual(
      MAY.map((r) => [r.departmentName, r.policiesPublished, r.enterprisesMatched, r.notified, r.applied, r.granted, r.grantedFen / 100, r.avgWorkingDaysToGrant ?? '—', r.overdue]),
    )
  })

  it('when the month is malformed, then it is refused', async () => {
    const res = await api().get('/api/v1/admin/policy-report').query({ month: '2026-5' }).set(admin.auth)
    expect(res.status).toBe(400)
  })
})
