/**
 * 送政策上门 through the real HTTP app and database: enterprise profiles claimed once per credit code, policies with
 * validated conditions, matching with reasons, 免申即享 grants once, notices once, 快申快享 applications step by step.
 */
import { Account } from '../../server/src/modules/auth/auth.model'
import { Department } from '../../server/src/modules/catalogue/catalogue.model'
import { Enterprise } from '../../server/src/modules/enterprises/enterprise.model'
import { Notification } from '../../server/src/modules/notifications/notification.model'
import { PolicyApplication, PolicyNotice } from '../../server/src/modules/policies/policy.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { creditCode, policyBody } from '../helpers/policy-fixtures'

useTestDb()

let admin: Session
let countyAdmin: Session
let deptId: string

beforeAll(async () => {
  admin = await account({ role: 'admin', regionCode: '140900' })
  countyAdmin = await account({ role: 'admin', regionCode: '140981' })
  deptId = String((await Department.create({ name: '忻州市人力资源和社会保障局', regionCode: '140900' }))._id)
})

const put = (who: Session, body: Record<string, unknown>) => api().put('/api/v1/me/enterprise').set(who.auth).send(body)

async function enterprise(fields: Record<string, unknown> = {}) {
  const who = await citizen()
  const code = creditCode()
  const res = await put(who, { name: `忻州测试企业${code.slice(-4)}有限公司`, creditCode: code, ...fields })
  expect(res.status).toBe(200)
  return { who, code }
}

async function publishedPolicy(overrides: Parameters<typeof policyBody>[1] = {}) {
  const created = await api().post('/api/v1/admin/policies').set(admin.auth).send(policyBody(deptId, overrides))
  expect(created.status).toBe(201)
  const published = await api().post(`/api/v1/admin/policies/${created.body.id}/publish`).set(admin.auth)
  expect(published.status).toBe(200)
  return { id: created.body.id as string, publish: published.body }
}

describe('enterprise profile', () => {
  it('when an account saves a profile, then it owns the credit code; a second account claiming the same code is refused with a clear message', async () => {
    const a = await citizen()
    const b = await citizen()
    const code = creditCode()
    const first = await put(a, { name: '忻州晋味食品有限公司', creditCode: code.toLowerCase(), industry: 'c14', scale: '小', employees: 30, registeredRegion: '140902' })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ creditCode: code, industry: 'C14', industryName: '食品制造业', scale: '小', subscription: { matching: true, topics: [] } })
    const second = await put(b, { name: '冒名企业', creditCode: code })
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('ENTERPRISE_CLAIMED')
    expect(second.body.error.message).toContain('已由其他账号认领')
    expect((await api().get('/api/v1/me/enterprise').set(b.auth)).body).toBeNull()
    // the owner updates; clearing a field with null
    const updated = await put(a, { name: '忻州晋味食品有限公司', creditCode: code, employees: 35, scale: null })
    expect(updated.body).toMatchObject({ employees: 35, industry: 'C14' })
    expect(updated.body.scale).toBeUndefined()
    // and cannot switch to another code
    const other = await put(a, { name: '另一家企业', creditCode: creditCode() })
    expect(other.status).toBe(409)
    expect(other.body.error.code).toBe('CONFLICT')
  })

  it('when eight accounts claim one code at once, then exactly one owns it', async () => {
    const code = creditCode()
    const people = await Promise.all(Array.from({ length: 8 }, () => citizen()))
    const answers = await Promise.all(people.map((p, i) => put(p, { name: `抢注企业${i}`, creditCode: code })))
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1)
    expect(answers.filter((r) => r.status !== 200).map((r) => r.body.error.code)).toEqual(Array(7).fill('ENTERPRISE_CLAIMED'))
    const winner = people[answers.findIndex((r) => r.status === 200)]
    expect(String((await Enterprise.findById(code).lean())?.userId)).toBe(winner.id)
  })

  it('when a profile has a bad credit code, industry or scale, then it is refused naming the field', async () => {
    const who = await citizen()
    for (const [body, path] of [
      [{ name: '忻州测试', creditCode: '91140900MA0K12345A' }, 'creditCode'],
      [{ name: '忻州测试', creditCode: creditCode(), industry: 'C99' }, 'industry'],
      [{ name: '忻州测试', creditCode: creditCode(), scale: '特大' }, 'scale'],
      [{ name: '忻州测试', creditCode: creditCode(), employees: -1 }, 'employees'],
      [{ name: '忻州测试', creditCode: creditCode(), profit: 1 }, ''],
    ] as const) {
      const res = await put(who, body)
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('VALIDATION_FAILED')
      expect(JSON.stringify(res.body.error.details)).toContain(path)
    }
    expect((await api().get('/api/v1/me/enterprise').set(who.auth)).body).toBeNull()
  })
})

describe('policies and matching', () => {
  it('when a policy names an unknown field or a wrongly typed value, then it is refused and nothing is stored', async () => {
    for (const conditions of [
      { allOf: [{ field: 'profit', op: 'gt', value: 1 }] },
      { allOf: [{ field: 'employees', op: 'lte', value: '100' }] },
      { anyOf: [{ field: 'industry', op: 'in', value: ['Z99'] }] },
    ]) {
      const res = await api().post('/api/v1/admin/policies').set(admin.auth).send({ ...policyBody(deptId), title: '不应保存的政策', conditions })
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('VALIDATION_FAILED')
    }
    const list = await api().get('/api/v1/admin/policies').set(admin.auth)
    expect(list.body.items.map((p: { title: string }) => p.title)).not.toContain('不应保存的政策')
  })

  it('when a county administrator edits a city policy, then it is refused', async () => {
    const { id } = await publishedPolicy()
    const res = await api().patch(`/api/v1/admin/policies/${id}`).set(countyAdmin.auth).send({ summary: '县里改市里的政策' })
    expect(res.status).toBe(403)
  })

  it('when an enterprise reads a policy, then each condition says whether it holds, fails or needs data; 为你推荐 follows the profile', async () => {
    const { id } = await publishedPolicy({
      title: '高新技术企业认定奖励（测试）',
      topics: ['科技创新'],
      conditions: {
        allOf: [
          { field: 'registeredRegion', op: 'startsWith', value: '1409' },
          { field: 'qualifications', op: 'contains', value: '高新技术企业' },
          { field: 'establishedYears', op: 'gte', value: 1 },
        ],
      },
    })
    const { who, code } = await enterprise({ registeredRegion: '140902', qualifications: [] })
    const page = await api().get(`/api/v1/policies/${id}`).set(who.auth)
    expect(page.status).toBe(200)
    expect(page.body.explanation.status).toBe('ineligible')
    expect(page.body.explanation.lines.map((l: { label: string; outcome: string }) => `${l.outcome} ${l.label}`)).toEqual([
      'pass 在政策有效期内（2020-01-01 至 2099-12-31）',
      'pass 注册地位于行政区划 1409 范围内',
      'fail 资质包含「高新技术企业」',
      'unknown 成立年限不少于 1年',
    ])
    expect(page.body.explanation.missingFields).toEqual(['establishedYears'])
    let recommended = await api().get('/api/v1/policies/recommended').set(who.auth)
    expect(recommended.body.map((p: { id: string }) => p.id)).not.toContain(id)

    await put(who, { name: '忻州测试企业', creditCode: code, qualifications: ['高新技术企业'] })
    recommended = await api().get('/api/v1/policies/recommended').set(who.auth)
    expect(recommended.body.find((p: { id: string }) => p.id === id)?.match).toEqual({ status: 'possible', failing: 0, missingFields: ['establishedYears'] })

    await put(who, { name: '忻州测试企业', creditCode: code, establishedOn: '2020-03-01' })
    recommended = await api().get('/api/v1/policies/recommended').set(who.auth)
    expect(recommended.body.find((p: { id: string }) => p.id === id)?.match.status).toBe('eligible')
    // anonymous readers get the policy without an explanation
    const anon = await api().get(`/api/v1/policies/${id}`)
    expect(anon.status).toBe(200)
    expect(anon.body.explanation).toBeUndefined()
  })

  it('when policies are searched by Chinese, pinyin initials or topic, then the matching ones are found', async () => {
    const { id } = await publishedPolicy({ title: '创业担保贷款贴息（测试检索）', topics: ['金融支持', '创业扶持'] })
    const byText = await api().get('/api/v1/policies').query({ q: '担保贷款' })
    expect(byText.body.items.map((p: { id: string }) => p.id)).toContain(id)
    const byInitials = await api().get('/api/v1/policies').query({ q: 'cydbdk' })
    expect(byInitials.body.items.map((p: { id: string }) => p.id)).toContain(id)
    const byTag = await api().get('/api/v1/policies').query({ tag: '金融支持' })
    expect(byTag.body.items.map((p: { id: string }) => p.id)).toContain(id)
    const otherTag = await api().get('/api/v1/policies').query({ tag: '绿色发展' })
    expect(otherTag.body.items.map((p: { id: string }) => p.id)).not.toContain(id)
  })

  it('when the editor asks for live counts, then each condition reports how many enterprises it keeps', async () => {
    await enterprise({ registeredRegion: '140902', employees: 20, scale: '微' })
    await enterprise({ registeredRegion: '140981', employees: 500, scale: '中' })
    await enterprise({ registeredRegion: '140902' })
    const res = await api()
      .post('/api/v1/admin/policies/condition-counts')
      .set(admin.auth)
      .send({ conditions: { allOf: [{ field: 'registeredRegion', op: 'startsWith', value: '140902' }, { field: 'employees', op: 'lte', value: 100 }] } })
    expect(res.status).toBe(200)
    const total = await Enterprise.countDocuments()
    expect(res.body.enterprises).toBe(total)
    const [region, employees] = res.body.conditions
    expect(region.label).toBe('注册地位于行政区划 140902 范围内')
    expect(region.pass + region.unknown + region.fail).toBe(total)
    const all = await Enterprise.find().lean()
    expect(region.pass).toBe(all.filter((e) => e.registeredRegion?.startsWith('140902')).length)
    expect(employees.pass).toBe(all.filter((e) => typeof e.employees === 'number' && e.employees <= 100).length)
    expect(employees.unknown).toBe(all.filter((e) => typeof e.employees !== 'number').length)
    expect(res.body.eligible).toBe(all.filter((e) => e.registeredRegion?.startsWith('140902') && typeof e.employees === 'number' && e.employees <= 100).length)
    const bad = await api().post('/api/v1/admin/policies/condition-counts').set(admin.auth).send({ conditions: { allOf: [{ field: 'nope', op: 'eq', value: 1 }] } })
    expect(bad.status).toBe(400)
  })
})

describe('免申即享 and notices', () => {
  it('when a 免申即享 policy is published twice, and then twice at once, then each eligible enterprise has one 兑现 record and one notice', async () => {
    const eligible = await Promise.all([0, 1, 2].map(() => enterprise({ registeredRegion: '140902', tags: ['免申测试'] })))
    await enterprise({ registeredRegion: '140902', tags: ['别的标签'] })
    const created = await api()
      .post('/api/v1/admin/policies')
      .set(admin.auth)
      .send(policyBody(deptId, { mode: 'auto', conditions: { allOf: [{ field: 'tags', op: 'contains', value: '免申测试' }] } }))
    const id = created.body.id
    const first = await api().post(`/api/v1/admin/policies/${id}/publish`).set(admin.auth)
    expect(first.body).toMatchObject({ granted: 3, notified: 3 })
    const again = await api().post(`/api/v1/admin/policies/${id}/publish`).set(admin.auth)
    expect(again.body).toMatchObject({ granted: 0, notified: 0 })
    const parallel = await Promise.all([0, 1, 2, 3].map(() => api().post(`/api/v1/admin/policies/${id}/publish`).set(admin.auth)))
    expect(parallel.map((r) => r.status)).toEqual([200, 200, 200, 200])
    const records = await PolicyApplication.find({ policyId: id }).lean()
    expect(records.map((r) => r.creditCode).sort()).toEqual(eligible.map((e) => e.code).sort())
    expect(records.every((r) => r.status === 'granted' && r.mode === 'auto' && r.granted?.amountFen === 500_000)).toBe(true)
    for (const e of eligible) {
      expect(await Notification.countDocuments({ userId: e.who.id, kind: 'policy_granted' })).toBe(1)
      const mine = await api().get('/api/v1/policies/applications').set(e.who.auth)
      expect(mine.body).toEqual([expect.objectContaining({ policyId: id, status: 'granted', mode: 'auto', amountFen: 500_000 })])
    }
  })

  it('when a profile change makes a policy match, then the enterprise is told once; a change that keeps it matching tells nothing more', async () => {
    const { id } = await publishedPolicy({ conditions: { allOf: [{ field: 'employees', op: 'lte', value: 50 }] } })
    const { who, code } = await enterprise({ employees: 80 })
    expect(await Notification.countDocuments({ _id: `policy:${id}:${code}` })).toBe(0)
    await put(who, { name: '忻州测试企业', creditCode: code, employees: 40 })
    expect(await Notification.find({ userId: who.id, kind: 'policy_match' }).lean()).toEqual([expect.objectContaining({ _id: `policy:${id}:${code}` })])
    await put(who, { name: '忻州测试企业', creditCode: code, employees: 30 })
    await Promise.all([put(who, { name: '忻州测试企业', creditCode: code, employees: 31 }), put(who, { name: '忻州测试企业', creditCode: code, employees: 32 })])
    expect(await Notification.countDocuments({ _id: `policy:${id}:${code}` })).toBe(1)
    expect(await PolicyNotice.countDocuments({ _id: `${id}:${code}` })).toBe(1)
  })

  it('when an enterprise subscribes to a topic only, then a new possibly-matching policy of that topic is pushed, one of another topic is not', async () => {
    const { who } = await enterprise({ registeredRegion: '140902' })
    const sub = await api().post('/api/v1/policies/subscriptions').set(who.auth).send({ matching: false, topics: ['科技创新'] })
    expect(sub.body.subscription).toEqual({ matching: false, topics: ['科技创新'] })
    const tech = await publishedPolicy({ topics: ['科技创新'], conditions: { allOf: [{ field: 'employees', op: 'lte', value: 100 }] } })
    const jobs = await publishedPolicy({ topics: ['稳岗就业'], conditions: { allOf: [{ field: 'registeredRegion', op: 'startsWith', value: '1409' }] } })
    // (policies published before it subscribed may have been pushed under the default "everything I match")
    const notes = (await Notification.find({ userId: who.id }).lean()).map((n) => String(n._id).split(':')[1])
    expect(notes.filter((p) => p === tech.id || p === jobs.id)).toEqual([tech.id])
  })
})

describe('快申快享 applications', () => {
  it('when an enterprise applies, then it must qualify, applies once, and each step is taken once up to 兑现', async () => {
    const { id } = await publishedPolicy({ conditions: { allOf: [{ field: 'employees', op: 'lte', value: 100 }, { field: 'qualifications', op: 'contains', value: '专精特新中小企业' }] } })
    const { who, code } = await enterprise({ employees: 40, qualifications: [] })
    const refused = await api().post(`/api/v1/policies/${id}/applications`).set(who.auth).send({})
    expect(refused.status).toBe(422)
    expect(refused.body.error).toMatchObject({ code: 'POLICY_NOT_ELIGIBLE', details: { failing: ['资质包含「专精特新中小企业」'] } })
    await put(who, { name: '忻州测试企业', creditCode: code, qualifications: ['专精特新中小企业'] })
    const attempts = await Promise.all([0, 1, 2].map(() => api().post(`/api/v1/policies/${id}/applications`).set(who.auth).send({ note: '申请补贴' })))
    expect(attempts.map((r) => r.status).sort()).toEqual([201, 409, 409])
    const appId = attempts.find((r) => r.status === 201)!.body.id
    expect(appId).toBe(`${id}:${code}`)
    expect(attempts.find((r) => r.status === 201)!.body).toMatchObject({ status: 'submitted', overdue: false, dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })

    const step = (s: string, body?: object) => api().post(`/api/v1/admin/policy-applications/${encodeURIComponent(appId)}/${s}`).set(admin.auth).send(body ?? {})
    expect((await step('grant', { amountFen: 100 })).status).toBe(422) // not reviewed yet
    const accepts = await Promise.all([step('accept'), step('accept')])
    expect(accepts.map((r) => r.status).sort()).toEqual([200, 422])
    expect((await step('review')).body.status).toBe('reviewed')
    const [grant, reject] = await Promise.all([step('grant', { amountFen: 800_000 }), step('reject', { reason: '材料不全' })])
    expect([grant.status, reject.status].sort()).toEqual([200, 422])
    const final = (await api().get('/api/v1/policies/applications').set(who.auth)).body.find((a: { id: string }) => a.id === appId)
    expect(final.status).toBe(grant.status === 200 ? 'granted' : 'rejected')
    if (grant.status === 200) expect(final.amountFen).toBe(800_000)
    const page = await api().get(`/api/v1/policies/${id}`).set(who.auth)
    expect(page.body.myApplication.status).toBe(final.status)
    const list = await api().get('/api/v1/admin/policy-applications').query({ policyId: id }).set(admin.auth)
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([appId])
    const outsider = await api().post(`/api/v1/admin/policy-applications/${encodeURIComponent(appId)}/accept`).set(countyAdmin.auth)
    expect(outsider.status).toBe(403)
  })

  it('when a 不予兑现 has no reason or a 兑现 amount is not integer fen, then it is refused', async () => {
    const { id } = await publishedPolicy()
    const { who, code } = await enterprise({ registeredRegion: '140902', employees: 10 })
    expect((await api().post(`/api/v1/policies/${id}/applications`).set(who.auth).send({})).status).toBe(201)
    const appId = encodeURIComponent(`${id}:${code}`)
    expect((await api().post(`/api/v1/admin/policy-applications/${appId}/reject`).set(admin.auth).send({})).status).toBe(400)
    expect((await api().post(`/api/v1/admin/policy-applications/${appId}/grant`).set(admin.auth).send({ amountFen: 12.5 })).status).toBe(400)
    const rejected = await api().post(`/api/v1/admin/policy-applications/${appId}/reject`).set(admin.auth).send({ reason: '从业人数证明材料与社保参保人数不符' })
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '从业人数证明材料与社保参保人数不符' })
    expect(await Account.countDocuments()).toBeGreaterThan(0)
  })
})

describe('who may call the enterprise routes', () => {
  it('when each enterprise route is called by anonymous, staff, administrator and enterprise callers, then only the allowed ones get through', async () => {
    const { id } = await publishedPolicy()
    const staff = await account({ role: 'staff' })
    const { who } = await enterprise({ registeredRegion: '140902', employees: 10 })
    const routes: { method: 'get' | 'put' | 'post'; path: string; body?: object; public?: boolean }[] = [
      { method: 'get', path: '/api/v1/me/enterprise' },
      { method: 'put', path: '/api/v1/me/enterprise', body: { name: '忻州权限测试企业', creditCode: creditCode() } },
      { method: 'get', path: '/api/v1/policies', public: true },
      { method: 'get', path: `/api/v1/policies/${id}`, public: true },
      { method: 'get', path: '/api/v1/policies/recommended' },
      { method: 'get', path: '/api/v1/policies/applications' },
      { method: 'post', path: '/api/v1/policies/subscriptions', body: { matching: true, topics: [] } },
      { method: 'post', path: `/api/v1/policies/${id}/applications`, body: {} },
    ]
    const registered = (await import('../../server/src/lib/routes')).routeRegistry
      .filter((r) => r.path.startsWith('/policies') || r.path.startsWith('/me/enterprise'))
      .map((r) => `${r.method} ${r.path}`)
    expect(registered.sort()).toEqual(
      ['get /me/enterprise', 'put /me/enterprise', 'get /policies', 'get /policies/:id', 'get /policies/recommended', 'get /policies/applications', 'post /policies/subscriptions', 'post /policies/:id/applications'].sort(),
    )
    const observed: Record<string, string> = {}
    const expected: Record<string, string> = {}
    for (const r of routes) {
      for (const [name, session] of [['anonymous', undefined], ['staff', staff], ['admin', admin], ['enterprise', who]] as const) {
        // a fresh code per call, so that the enterprise's own PUT is not refused for switching codes
        const body = r.method === 'put' && name === 'enterprise' ? { name: '忻州测试企业', creditCode: (await Enterprise.findOne({ userId: who.id }).lean())!._id } : r.body
        let call = api()[r.method](r.path)
        if (session) call = call.set(session.auth)
        const res = body ? await call.send(body) : await call
        const k = `${r.method} ${r.path} ${name}`
        observed[k] = res.status === 401 || res.status === 403 ? String(res.status) : res.status < 500 ? 'allowed' : `error ${res.status}`
        expected[k] = r.public || name === 'enterprise' ? 'allowed' : name === 'anonymous' ? '401' : '403'
      }
    }
    expect(observed).toEqual(expected)
  })
})
