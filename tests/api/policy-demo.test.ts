/** The 送政策上门 示例数据: valid, marked demo, and varied enough that matching shows every outcome. */
import { localDate } from '@xz/shared'
import { Department } from '../../server/src/modules/catalogue/catalogue.model'
import { Enterprise } from '../../server/src/modules/enterprises/enterprise.model'
import { DEPARTMENT_NAMES } from '../../server/src/modules/policies/demo-data'
import { enterpriseCache } from '../../server/src/modules/enterprises/enterprise-cache'
import { policyCache } from '../../server/src/modules/policies/policy-cache'
import { matchOf } from '../../server/src/modules/policies/policy-notices'
import { Policy, PolicyApplication } from '../../server/src/modules/policies/policy.model'
import { demoCreditCode, seedPolicyDemo } from '../../server/src/modules/policies/policies.seed'
import { isValidCreditCode } from '@xz/shared'
import { api } from '../helpers/app'
import { account } from '../helpers/auth'
import { useTestDb } from '../helpers/db'

useTestDb()

describe('policy demo data', () => {
  it('when seeded, then ~30 policies and ~50 enterprises exist, marked demo, and every published policy finds eligible enterprises', async () => {
    // the catalogue's demo departments the policies name (the others are created by the policy seed)
    for (const name of ['忻州市人力资源和社会保障局', '国家税务总局忻州市税务局', '忻州市财政局', '忻州市发展和改革委员会', '忻州市市场监督管理局', '忻州市行政审批服务管理局', '中国人民银行忻州市分行']) {
      await Department.create({ name, regionCode: '140900', demo: true })
    }
    const counts = await seedPolicyDemo()
    expect(counts.policies).toBeGreaterThanOrEqual(28)
    expect(counts.enterprises).toBeGreaterThanOrEqual(48)
    expect(await Policy.countDocuments({ demo: { $ne: true } })).toBe(0)
    expect(await Enterprise.countDocuments({ demo: { $ne: true } })).toBe(0)
    expect(isValidCreditCode(demoCreditCode(0))).toBe(true)
    expect(await Department.countDocuments({ name: { $in: Object.values(DEPARTMENT_NAMES) } })).toBe(new Set(Object.values(DEPARTMENT_NAMES)).size)

    const [policies, enterprises] = await Promise.all([policyCache.items(), enterpriseCache.items()])
    const today = localDate(new Date())
    const statuses = new Set<string>()
    for (const p of policies.filter((x) => x.status === 'published')) {
      const results = enterprises.map((e) => matchOf(p, e, today).status)
      results.forEach((s) => statuses.add(s))
      expect({ title: p.title, eligible: results.filter((s) => s === 'eligible').length > 0 }).toEqual({ title: p.title, eligible: true })
      // honest conditions: no published policy fits everyone
      expect({ title: p.title, everyone: results.every((s) => s === 'eligible') }).toEqual({ title: p.title, everyone: false })
    }
    expect([...statuses].sort()).toEqual(['eligible', 'ineligible', 'possible'])
    expect(await PolicyApplication.countDocuments({ status: 'granted' })).toBeGreaterThan(10)

    const admin = await account({ role: 'admin', regionCode: '140900' })
    const report = await api().get('/api/v1/admin/policy-report').query({ month: today.slice(0, 7) }).set(admin.auth)
    expect(report.status).toBe(200)
    expect(report.body.rows.length).toBeGreaterThanOrEqual(8)
  })
})
