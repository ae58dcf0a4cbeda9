/**
 * 免申即享 with TWO server processes (`node server/dist/main.js`) sharing one database: publishing the same policy
 * through both at once grants and notifies each eligible enterprise once, because each grant and each notice is a
 * unique `_id` insert.
 */
import { Department } from '../../server/src/modules/catalogue/catalogue.model'
import { Notification } from '../../server/src/modules/notifications/notification.model'
import { PolicyApplication, PolicyNotice } from '../../server/src/modules/policies/policy.model'
import { api } from '../helpers/app'
import { account, citizen } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { creditCode, policyBody } from '../helpers/policy-fixtures'
import { http as call, startServerProcess, type ServerProcess } from '../helpers/server-process'

jest.setTimeout(240_000)
const db = useTestDb()
let servers: ServerProcess[] = []

beforeAll(async () => {
  servers = await Promise.all([0, 1].map(() => startServerProcess({ dbUri: db.uri })))
})

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
})

describe('免申即享 across two processes', () => {
  it('when a policy is published 10 times at once through both processes, then each eligible enterprise has one 兑现 record and one notice', async () => {
    const admin = await account({ role: 'admin', regionCode: '140900' })
    const dept = await Department.create({ name: '忻州市财政局', regionCode: '140900' })
    const enterprises = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const who = await citizen()
        const code = creditCode()
        // enterprises are written through alternate processes too
        const res = await call(servers[i % 2], 'PUT', '/api/v1/me/enterprise', {
          body: { name: `双进程企业${i}`, creditCode: code, employees: i < 6 ? 20 : 500, registeredRegion: '140902' },
          headers: who.auth,
        })
        expect(res.status).toBe(200)
        return { who, code, eligible: i < 6 }
      }),
    )
    const created = await call(servers[0], 'POST', '/api/v1/admin/policies', {
      body: policyBody(String(dept._id), { mode: 'auto', conditions: { allOf: [{ field: 'employees', op: 'lte', value: 100 }] } }),
      headers: admin.auth,
    })
    expect(created.status).toBe(201)
    const id = created.body.id
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => call(servers[i % 2], 'POST', `/api/v1/admin/policies/${id}/publish`, { headers: admin.auth })))
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200))
    // together the ten publications granted each eligible enterprise exactly once
    expect(answers.reduce((n, a) => n + a.body.granted, 0)).toBe(6)
    const records = await PolicyApplication.find({ policyId: id }).lean()
    expect(records.map((r) => r.creditCode).sort()).toEqual(enterprises.filter((e) => e.eligible).map((e) => e.code).sort())
    for (const e of enterprises) {
      expect(await Notification.countDocuments({ userId: e.who.id, _id: `policy:${id}:${e.code}` })).toBe(e.eligible ? 1 : 0)
    }
    expect(await PolicyNotice.countDocuments({ policyId: id })).toBe(6)
    // both processes see one publication time
    const [a, b] = await Promise.all(servers.map((s) => call(s, 'GET', `/api/v1/policies/${id}`)))
    expect(a.body.publishedAt).toBe(b.body.publishedAt)
    expect((await api().get(`/api/v1/policies/${id}`)).body.publishedAt).toBe(a.body.publishedAt)
  })
})
