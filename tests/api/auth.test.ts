import crypto from 'node:crypto'
import jwt from 'jsonwebtoken'
import { AuthClaim, RefreshToken, User } from '../../server/src/modules/auth/auth.model'
import { api } from '../helpers/app'
import { account, citizen } from '../helpers/auth'
import { useTestDb } from '../helpers/db'

useTestDb()

describe('POST /auth/wechat (development code2Session)', () => {
  it('when a new code signs in, then a citizen dev_<code> is created once and gets a token pair', async () => {
    const res = await api().post('/api/v1/auth/wechat').send({ code: 'alice' })
    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({ role: 'citizen' })
    expect(res.body.accessToken).toEqual(expect.any(String))
    expect(res.body).not.toHaveProperty('user.sessionKey')
    const again = await api().post('/api/v1/auth/wechat').send({ code: 'alice' })
    expect(again.body.user.id).toBe(res.body.user.id)
    expect(await User.countDocuments({ openid: 'dev_alice' })).toBe(1)
    const stored = await User.findOne({ openid: 'dev_alice' }).select('+sessionKey').lean()
    expect(stored?.sessionKey).toBe('dev-session-alice')
  })

  it('when ten first logins of one person race, then one user exists', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => api().post('/api/v1/auth/wechat').send({ code: 'racer' })))
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(new Set(results.map((r) => r.body.user.id)).size).toBe(1)
    expect(await User.countDocuments({ openid: 'dev_racer' })).toBe(1)
  })

  it.each([
    [{}, 'VALIDATION_FAILED'],
    [{ code: '' }, 'VALIDATION_FAILED'],
    [{ code: 42 }, 'VALIDATION_FAILED'],
    [{ code: { $gt: '' } }, 'VALIDATION_FAILED'],
    [{ code: 'x', extra: true }, 'VALIDATION_FAILED'],
  ])('when the body is %j, then 400 %s', async (body, code) => {
    const res = await api().post('/api/v1/auth/wechat').send(body)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe(code)
  })
})

describe('POST /auth/staff', () => {
  it('when the password is right, then a staff token carries role and points', async () => {
    const s = await account({ role: 'staff', hallIds: ['64b7f0c2a1b2c3d4e5f60718'] })
    const me = await api().get('/api/v1/me').set(s.auth)
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ role: 'staff', username: s.username, hallIds: ['64b7f0c2a1b2c3d4e5f60718'] })
    expect(me.body).not.toHaveProperty('passwordHash')
  })

  it('when the password is wrong, then 401 INVALID_CREDENTIALS, and unknown users get the same answer', async () => {
    const s = await account({ role: 'admin', regionCode: '140900' })
    const wrong = await api().post('/api/v1/auth/staff').send({ username: s.username, password: 'nope' })
    expect(wrong.status).toBe(401)
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS')
    const unknown = await api().post('/api/v1/auth/staff').send({ username: 'ghost', password: 'nope' })
    expect(unknown.status).toBe(401)
    expect(unknown.body.error.code).toBe('INVALID_CREDENTIALS')
  })

  it('when 5 attempts fail within 15 minutes, then the username is locked, even for the right password', async () => {
    const s = await account({ role: 'staff' })
    for (let i = 0; i < 5; i++) {
      const r = await api().post('/api/v1/auth/staff').send({ username: s.username, password: `bad${i}` })
      expect(r.status).toBe(401)
    }
    const locked = await api().post('/api/v1/auth/staff').send({ username: s.username, password: s.password })
    expect(locked.status).toBe(429)
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED')
  })

  it('when 30 wrong guesses arrive in parallel, then at most 5 are checked and the rest are refused as locked', async () => {
    const s = await account({ role: 'staff' })
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => api().post('/api/v1/auth/staff').send({ username: s.username, password: `g${i}` })),
    )
    expect(results.filter((r) => r.body.error?.code === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(5)
    expect(results.filter((r) => r.body.error?.code === 'ACCOUNT_LOCKED').length).toBeGreaterThanOrEqual(25)
  })

  it('when the failures are older than 15 minutes, then the lock is over', async () => {
    const s = await account({ role: 'staff' })
    const old = new Date(Date.now() - 16 * 60 * 1000)
    await AuthClaim.insertMany([1, 2, 3, 4, 5].map((k) => ({ _id: `login:${s.username}#${k}`, at: old })))
    const ok = await api().post('/api/v1/auth/staff').send({ username: s.username, password: s.password })
    expect(ok.status).toBe(200)
  })

  it('when the body carries an operator object, then 400 and no login', async () => {
    const res = await api().post('/api/v1/auth/staff').send({ username: { $gt: '' }, password: { $gt: '' } })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
  })
})

describe('POST /auth/refresh (rotating)', () => {
  it('when a refresh token is used, then a new pair comes back and the old one is spent', async () => {
    const c = await citizen()
    const r1 = await api().post('/api/v1/auth/refresh').send({ refreshToken: c.refreshToken })
    expect(r1.status).toBe(200)
    expect(r1.body.refreshToken).not.toBe(c.refreshToken)
    const me = await api().get('/api/v1/me').set({ Authorization: `Bearer ${r1.body.accessToken}` })
    expect(me.body.id).toBe(c.id)
  })

  it('when a spent refresh token is presented again, then the whole login is revoked', async () => {
    const c = await citizen()
    const r1 = await api().post('/api/v1/auth/refresh').send({ refreshToken: c.refreshToken })
    const reuse = await api().post('/api/v1/auth/refresh').send({ refreshToken: c.refreshToken })
    expect(reuse.status).toBe(401)
    expect(reuse.body.error.code).toBe('REFRESH_TOKEN_REUSED')
    const next = await api().post('/api/v1/auth/refresh').send({ refreshToken: r1.body.refreshToken })
    expect(next.status).toBe(401)
    const family = await RefreshToken.find({ subject: c.id })
    expect(family.every((t) => t.revokedAt)).toBe(true)
  })

  it('when the same token is refreshed twice in parallel, then only one succeeds', async () => {
    const c = await citizen()
    const results = await Promise.all([1, 2, 3].map(() => api().post('/api/v1/auth/refresh').send({ refreshToken: c.refreshToken })))
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
  })

  it('when the token is unknown, then 401', async () => {
    const res = await api().post('/api/v1/auth/refresh').send({ refreshToken: crypto.randomBytes(32).toString('base64url') })
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('UNAUTHENTICATED')
  })
})

describe('GET/PATCH /me', () => {
  it('when no token is sent, then 401', async () => {
    const res = await api().get('/api/v1/me')
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('UNAUTHENTICATED')
  })

  it('when the token is tampered with, signed with another key, expired or malformed, then 401', async () => {
    const c = await citizen()
    const [h, p, s] = c.token.split('.')
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'admin' })).toString('base64url')}.${s}`
    const otherKey = jwt.sign({ role: 'admin' }, 'another-secret-0123456789', { subject: c.id, issuer: 'xz-wuyouban' })
    const expired = jwt.sign({ role: 'citizen' }, process.env.JWT_SECRET!, { subject: c.id, issuer: 'xz-wuyouban', expiresIn: -10 })
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`
    for (const [token, code] of [
      [tampered, 'UNAUTHENTICATED'],
      [otherKey, 'UNAUTHENTICATED'],
      [expired, 'TOKEN_EXPIRED'],
      [none, 'UNAUTHENTICATED'],
      ['garbage', 'UNAUTHENTICATED'],
    ]) {
      const res = await api().get('/api/v1/me').set({ Authorization: `Bearer ${token}` })
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe(code)
    }
    const basic = await api().get('/api/v1/me').set({ Authorization: 'Basic abc' })
    expect(basic.status).toBe(401)
  })

  it('when a citizen sets name, mobile and enterprise, then they are validated and stored', async () => {
    const c = await citizen()
    const res = await api()
      .patch('/api/v1/me')
      .set(c.auth)
      .send({ name: '李华', mobile: '+86 139 1234 5678', enterprise: { name: '忻州市晋北商贸有限公司', creditCode: '91440300708461136t' } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ name: '李华', mobile: '13912345678', enterprise: { creditCode: '91440300708461136T' } })
    const stored = await User.findById(c.id).lean()
    expect(stored?.enterprise?.creditCode).toBe('91440300708461136T')

    const cleared = await api().patch('/api/v1/me').set(c.auth).send({ enterprise: null })
    expect(cleared.body.enterprise).toBeUndefined()
  })

  it('when the credit code or mobile is wrong, then 400 names the field and nothing changes', async () => {
    const c = await citizen()
    await api().patch('/api/v1/me').set(c.auth).send({ name: '王芳' })
    const bad = await api()
      .patch('/api/v1/me')
      .set(c.auth)
      .send({ name: '不应保存', enterprise: { name: '某某公司', creditCode: '91440300708461136X' } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('enterprise.creditCode')
    const badMobile = await api().patch('/api/v1/me').set(c.auth).send({ mobile: '12345' })
    expect(badMobile.body.error.details.issues[0].path).toBe('mobile')
    expect((await User.findById(c.id).lean())?.name).toBe('王芳')
  })
})

describe('bad input never gives a 500', () => {
  it('when the JSON is malformed, then 400 BAD_JSON', async () => {
    const res = await api().post('/api/v1/auth/staff').set('Content-Type', 'application/json').send('{"username": ')
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('BAD_JSON')
  })

  it('when the body is 1 MB, then 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await api()
      .post('/api/v1/auth/wechat')
      .send({ code: 'x'.repeat(1024 * 1024) })
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('when the route does not exist, then 404 NOT_FOUND in the error model', async () => {
    const res = await api().get('/api/v1/nope')
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('NOT_FOUND')
  })
})
