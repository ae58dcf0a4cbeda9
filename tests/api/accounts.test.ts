import { verifyPassword } from '../../server/src/lib/auth'
import { AuditLog } from '../../server/src/modules/audit/audit.model'
import { Account, AuthClaim, RefreshToken } from '../../server/src/modules/auth/auth.model'
import { api } from '../helpers/app'
import { account, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { deskWorld, makeHall, OTHER_COUNTY, type DeskWorld } from '../helpers/desk-fixtures'

useTestDb()

let w: DeskWorld
beforeAll(async () => {
  w = await deskWorld()
})

let seq = 0
const uniqueName = (prefix = 'chuangkou') => `${prefix}${Date.now().toString(36)}${++seq}`
const create = (s: Session, body: Record<string, unknown>) => api().post('/api/v1/admin/accounts').set(s.auth).send(body)
const patch = (s: Session, id: string, body: Record<string, unknown>) => api().patch(`/api/v1/admin/accounts/${id}`).set(s.auth).send(body)
const reset = (s: Session, id: string) => api().post(`/api/v1/admin/accounts/${id}/reset-password`).set(s.auth)
const list = (s: Session, query: Record<string, unknown> = {}) => api().get('/api/v1/admin/accounts').query(query).set(s.auth)
const login = (username: string, password: string) => api().post('/api/v1/auth/staff').send({ username, password })

async function staffAccount(admin: Session, hallIds = [w.hall._id.toString()]) {
  const username = uniqueName()
  const res = await create(admin, { username, name: '郭窗口', hallIds })
  expect(res.status).toBe(201)
  return { id: res.body.account.id as string, username, password: res.body.password as string }
}

describe('POST /admin/accounts', () => {
  it('when an administrator creates a staff account for a point of the region, then it can sign in with the password returned once', async () => {
    const username = uniqueName()
    const res = await create(w.actors.adminHere, { username, name: '郭晓燕', hallIds: [w.hall._id.toString()] })
    expect(res.status).toBe(201)
    expect(res.body.account).toMatchObject({
      username,
      name: '郭晓燕',
      role: 'staff',
      hallIds: [w.hall._id.toString()],
      halls: [{ id: w.hall._id.toString(), name: w.hall.name }],
      disabled: false,
    })
    expect(res.body.password).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[A-Za-z\d]{12}$/)
    expect(JSON.stringify(res.body.account)).not.toMatch(/password|scrypt/i)

    const stored = await Account.findOne({ username }).select('+passwordHash').lean()
    expect(stored?.passwordHash).toMatch(/^scrypt\$/)
    expect(await verifyPassword(res.body.password, stored!.passwordHash)).toBe(true)

    const signedIn = await login(username, res.body.password)
    expect(signedIn.status).toBe(200)
    expect(signedIn.body.user).toMatchObject({ role: 'staff', hallIds: [w.hall._id.toString()] })

    const entry = await AuditLog.findOne({ accountId: res.body.account.id, action: 'account.create' }).lean()
    expect(entry).toMatchObject({ actorId: w.actors.adminHere.id, actorRole: 'admin' })
    expect(JSON.stringify(entry)).not.toContain(res.body.password)
  })

  it('when the username is taken, then 409 DUPLICATE', async () => {
    const { username } = await staffAccount(w.actors.adminHere)
    const res = await create(w.actors.adminHere, { username, name: '重名', hallIds: [w.hall._id.toString()] })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('DUPLICATE')
    expect(await Account.countDocuments({ username })).toBe(1)
  })

  it('when a point outside the region is assigned, then 403; an unknown point is 404; the city administrator may assign both', async () => {
    const outside = await create(w.actors.adminHere, { username: uniqueName(), name: '越权', hallIds: [w.otherHall._id.toString()] })
    expect(outside.status).toBe(403)
    expect(outside.body.error.details).toEqual({ hallIds: [w.otherHall._id.toString()] })
    const mixed = await create(w.actors.adminHere, { username: uniqueName(), name: '越权', hallIds: [w.hall._id.toString(), w.otherHall._id.toString()] })
    expect(mixed.status).toBe(403)
    const unknown = await create(w.actors.adminHere, { username: uniqueName(), name: '无此网点', hallIds: ['64b7f0c2a1b2c3d4e5f60718'] })
    expect(unknown.status).toBe(404)
    const city = await create(w.actors.adminCity, { username: uniqueName(), name: '两地', hallIds: [w.hall._id.toString(), w.otherHall._id.toString()] })
    expect(city.status).toBe(201)
  })

  it.each([
    [{ username: 'ab', name: '短', hallIds: ['64b7f0c2a1b2c3d4e5f60718'] }],
    [{ username: '1abcd', name: '数字开头', hallIds: ['64b7f0c2a1b2c3d4e5f60718'] }],
    [{ username: 'valid_name', name: '无网点', hallIds: [] }],
    [{ username: 'valid_name', name: '重复网点', hallIds: ['64b7f0c2a1b2c3d4e5f60718', '64b7f0c2a1b2c3d4e5f60718'] }],
    [{ username: 'valid_name', name: '多余字段', hallIds: ['64b7f0c2a1b2c3d4e5f60718'], role: 'admin' }],
    [{ username: 'valid_name', name: '自带密码', hallIds: ['64b7f0c2a1b2c3d4e5f60718'], password: 'x' }],
  ])('when the body is %j, then 400', async (body) => {
    const res = await create(w.actors.adminHere, body)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
  })
})

describe('GET /admin/accounts', () => {
  it('when administrators list staff, then each sees only staff whose points all lie in their region', async () => {
    const both = await staffAccount(w.actors.adminCity, [w.hall._id.toString(), w.otherHall._id.toString()])
    const here = await list(w.actors.adminHere, { pageSize: 50 })
    expect(here.status).toBe(200)
    const hereIds = here.body.items.map((a: { id: string }) => a.id)
    expect(hereIds).toContain(w.actors.staffHere.id)
    expect(hereIds).not.toContain(w.actors.staffOther.id)
    expect(hereIds).not.toContain(both.id)
    expect(here.body.items.every((a: { role: string }) => a.role === 'staff')).toBe(true)
    const city = await list(w.actors.adminCity, { pageSize: 50 })
    const cityIds = city.body.items.map((a: { id: string }) => a.id)
    expect(cityIds).toEqual(expect.arrayContaining([w.actors.staffHere.id, w.actors.staffOther.id, both.id]))
    expect(cityIds).not.toContain(w.actors.adminHere.id)
  })

  it('when filtered by text or point and paged, then the page and total follow', async () => {
    const hall = await makeHall()
    const admin = await account({ role: 'admin', regionCode: hall.regionCode })
    for (let i = 0; i < 3; i++) await staffAccount(admin, [hall._id.toString()])
    const byHall = await list(admin, { hallId: hall._id.toString(), pageSize: 2, page: 2 })
    expect(byHall.status).toBe(200)
    expect(byHall.body).toMatchObject({ total: 3, page: 2, pageSize: 2 })
    expect(byHall.body.items).toHaveLength(1)
    const byName = await list(admin, { q: '李窗口' })
    expect(byName.body.items.map((a: { id: string }) => a.id)).toEqual([w.actors.staffHere.id])
    expect((await list(w.actors.adminHere, { hallId: w.otherHall._id.toString() })).status).toBe(403)
  })
})

describe('PATCH /admin/accounts/:id', () => {
  it('when an account is renamed and reassigned within the region, then it is stored and audited', async () => {
    const second = await makeHall()
    const s = await staffAccount(w.actors.adminHere)
    const res = await patch(w.actors.adminHere, s.id, { name: '郭新名', hallIds: [second._id.toString(), w.hall._id.toString()] })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ name: '郭新名', hallIds: [second._id.toString(), w.hall._id.toString()] })
    const stored = await Account.findById(s.id).lean()
    expect(stored?.hallIds.map(String)).toEqual([second._id.toString(), w.hall._id.toString()])
    const entry = await AuditLog.findOne({ accountId: s.id, action: 'account.update' }).lean()
    expect(entry?.details).toMatchObject({
      changes: { name: { to: '郭新名' }, hallIds: { from: [w.hall._id.toString()], to: [second._id.toString(), w.hall._id.toString()] } },
    })
  })

  it('when an account is disabled, then it cannot sign in or refresh; enabled again, it can', async () => {
    const s = await staffAccount(w.actors.adminHere)
    const session = await login(s.username, s.password)
    expect(session.status).toBe(200)
    const res = await patch(w.actors.adminHere, s.id, { disabled: true })
    expect(res.status).toBe(200)
    expect(res.body.disabled).toBe(true)
    const refused = await login(s.username, s.password)
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('ACCOUNT_DISABLED')
    const refresh = await api().post('/api/v1/auth/refresh').send({ refreshToken: session.body.refreshToken })
    expect(refresh.status).toBe(403)
    expect(refresh.body.error.code).toBe('ACCOUNT_DISABLED')
    const used = await api().get('/api/v1/me').set({ Authorization: `Bearer ${session.body.accessToken}` })
    expect(used.status).toBe(403)
    expect(used.body.error.code).toBe('ACCOUNT_DISABLED')
    expect(await RefreshToken.countDocuments({ subject: s.id, revokedAt: { $exists: false } })).toBe(0)
    await patch(w.actors.adminHere, s.id, { disabled: false }).expect(200)
    expect((await login(s.username, s.password)).status).toBe(200)
  })

  it('when the account belongs to another region, points are outside the region, or it is an administrator, then 403', async () => {
    const s = await staffAccount(w.actors.adminHere)
    expect((await patch(w.actors.adminOther, s.id, { name: '别人改' })).status).toBe(403)
    expect((await patch(w.actors.adminHere, w.actors.staffOther.id, { disabled: true })).status).toBe(403)
    expect((await patch(w.actors.adminHere, s.id, { hallIds: [w.otherHall._id.toString()] })).status).toBe(403)
    expect((await patch(w.actors.adminCity, w.actors.adminHere.id, { disabled: true })).status).toBe(403)
    const stored = await Account.findById(s.id).lean()
    expect(stored).toMatchObject({ name: '郭窗口', disabled: false })
    expect(stored?.hallIds.map(String)).toEqual([w.hall._id.toString()])
    expect((await Account.findById(w.actors.staffOther.id).lean())?.disabled).toBe(false)
  })

  it('when the body is empty or the account unknown, then 400 or 404', async () => {
    const s = await staffAccount(w.actors.adminHere)
    expect((await patch(w.actors.adminHere, s.id, {})).status).toBe(400)
    expect((await patch(w.actors.adminHere, s.id, { username: 'renamed' })).status).toBe(400)
    expect((await patch(w.actors.adminHere, '64b7f0c2a1b2c3d4e5f60718', { name: '无' })).status).toBe(404)
  })
})

describe('POST /admin/accounts/:id/reset-password', () => {
  it('when a password is reset, then only the new one works, sessions end, a lock is lifted, and the log holds no password', async () => {
    const s = await staffAccount(w.actors.adminHere)
    const session = await login(s.username, s.password)
    for (let i = 0; i < 5; i++) await login(s.username, `wrong${i}`)
    expect((await login(s.username, s.password)).body.error.code).toBe('ACCOUNT_LOCKED')

    const res = await reset(w.actors.adminHere, s.id)
    expect(res.status).toBe(200)
    expect(res.body.account.id).toBe(s.id)
    expect(res.body.password).not.toBe(s.password)
    expect(await AuthClaim.countDocuments({ _id: { $regex: `^login:${s.username}#` } })).toBe(0)
    expect((await login(s.username, s.password)).status).toBe(401)
    expect((await login(s.username, res.body.password)).status).toBe(200)
    expect((await api().post('/api/v1/auth/refresh').send({ refreshToken: session.body.refreshToken })).status).toBe(401)

    const entry = await AuditLog.findOne({ accountId: s.id, action: 'account.reset_password' }).lean()
    expect(entry).toMatchObject({ actorId: w.actors.adminHere.id })
    expect(JSON.stringify(entry)).not.toContain(res.body.password)
  })

  it('when the administrator of another region resets it, then 403 and the password is unchanged', async () => {
    const s = await staffAccount(w.actors.adminHere)
    const other = await account({ role: 'admin', regionCode: OTHER_COUNTY })
    expect((await reset(other, s.id)).status).toBe(403)
    expect((await login(s.username, s.password)).status).toBe(200)
  })
})
