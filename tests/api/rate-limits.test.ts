/**
 * Rate limits, the login lock and revocation with TWO server processes sharing one database (issue 13).
 * Requests alternate between the processes; the limits are counted in the database (unique hit claims),
 * so together the processes allow exactly the limit. Client addresses are simulated with
 * X-Forwarded-For (the server trusts it from the loopback proxy only).
 */
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import path from 'node:path'
import { STATE_CACHE_MS } from '../../server/src/lib/auth'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { CITY, makeHall } from '../helpers/desk-fixtures'
import { REPO_ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process'
import { sleep } from '../../server/src/lib/clock'

jest.setTimeout(240_000)
const db = useTestDb()
let servers: ServerProcess[] = []

beforeAll(async () => {
  servers = await Promise.all([0, 1].map(() => startServerProcess({ dbUri: db.uri, env: { RATE_LIMITS: 'true' } })))
})
afterAll(async () => Promise.all(servers.map((s) => s.stop())))

interface Answer {
  status: number
  body: any
  retryAfter: string | null
  ms: number
}
async function call(i: number, method: string, urlPath: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const started = Date.now()
  const res = await fetch(`${servers[i % 2].url}${urlPath}`, {
    method,
    headers: { ...(opts.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...opts.headers },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started }
}
const from = (ip: string) => ({ 'X-Forwarded-For': ip })
const ip = () => `203.0.113.${crypto.randomInt(1, 254)}`
const uniqueIp = (() => {
  let n = 0
  return () => `198.51.${100 + Math.floor(n / 250)}.${(n++ % 250) + 1}`
})()

/** Fixed windows start on the minute: wait when fewer than `needMs` remain in this one. */
async function roomInWindow(needMs = 30_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000)
  if (left < needMs) await sleep(left + 200)
}

const count = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length

describe('rate limits across two processes', () => {
  it('when 30 sign-ins from one address arrive at once through both processes, then exactly 20 are heard and 10 get 429 RATE_LIMITED with Retry-After', async () => {
    await roomInWindow()
    const addr = uniqueIp()
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => call(i, 'POST', '/api/v1/auth/staff', { body: { username: `nobody${i}`, password: 'wrong-password' }, headers: from(addr) })),
    )
    expect(count(answers, 401)).toBe(20)
    const limited = answers.filter((a) => a.status === 429)
    expect(limited).toHaveLength(10)
    for (const a of limited) {
      expect(a.body.error.code).toBe('RATE_LIMITED')
      expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1)
      expect(Number(a.retryAfter)).toBeLessThanOrEqual(60)
    }
    // another address is not affected
    expect((await call(0, 'POST', '/api/v1/auth/staff', { body: { username: 'nobody', password: 'wrong-password' }, headers: from(uniqueIp()) })).status).toBe(401)
  })

  it('when a citizen sends 15 booking and 15 rating writes, then 10 of each are heard and 5 get 429; another citizen is not affected', async () => {
    const c = await citizen()
    const other = await citizen()
    await roomInWindow()
    const bookings = await Promise.all(Array.from({ length: 15 }, (_, i) => call(i, 'POST', '/api/v1/bookings', { body: {}, headers: c.auth })))
    expect(count(bookings, 400)).toBe(10)
    expect(count(bookings, 429)).toBe(5)
    const ratings = await Promise.all(Array.from({ length: 15 }, (_, i) => call(i, 'POST', '/api/v1/ratings', { body: {}, headers: c.auth })))
    expect(count(ratings, 400)).toBe(10)
    expect(count(ratings, 429)).toBe(5)
    expect((await call(1, 'POST', '/api/v1/bookings', { body: {}, headers: other.auth })).status).toBe(400)
  })

  it('when 70 WeChat sign-ins come from one address, then 60 succeed and 10 get 429', async () => {
    await roomInWindow()
    const addr = uniqueIp()
    const answers = await Promise.all(
      Array.from({ length: 70 }, (_, i) => call(i, 'POST', '/api/v1/auth/wechat', { body: { code: `rl${i}${crypto.randomBytes(3).toString('hex')}` }, headers: from(addr) })),
    )
    expect(count(answers, 200)).toBe(60)
    expect(count(answers, 429)).toBe(10)
  })
})

describe('login lock that cannot be turned against the owner', () => {
  it('when an attacker fails 5 times for a username, then only the attacker’s address is locked and the owner signs in from elsewhere', async () => {
    const hall = await makeHall()
    const owner = await account({ role: 'staff', hallIds: [hall._id] })
    const attacker = uniqueIp()
    for (let i = 0; i < 5; i++) {
      const res = await call(i, 'POST', '/api/v1/auth/staff', { body: { username: owner.username, password: `guess-${i}` }, headers: from(attacker) })
      expect(res.status).toBe(401)
    }
    const locked = await call(1, 'POST', '/api/v1/auth/staff', { body: { username: owner.username, password: owner.password }, headers: from(attacker) })
    expect(locked.status).toBe(429)
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED')
    const ownerIn = await call(0, 'POST', '/api/v1/auth/staff', { body: { username: owner.username, password: owner.password }, headers: from(uniqueIp()) })
    expect(ownerIn.status).toBe(200)
  })

  it('when guesses for one username come from many addresses, then later ones are slowed down, never refused, and the owner still gets in', async () => {
    const hall = await makeHall()
    const owner = await account({ role: 'staff', hallIds: [hall._id] })
    const times: number[] = []
    for (let i = 0; i < 14; i++) {
      const res = await call(i, 'POST', '/api/v1/auth/staff', { body: { username: owner.username, password: `guess-${i}` }, headers: from(uniqueIp()) })
      expect(res.status).toBe(401)
      times.push(res.ms)
    }
    // attempts 11…14 wait 200, 400, 600, 800 ms more
    expect(times[13]).toBeGreaterThanOrEqual(800)
    expect(times[13] - Math.min(...times.slice(0, 10))).toBeGreaterThanOrEqual(600)
    const ownerIn = await call(1, 'POST', '/api/v1/auth/staff', { body: { username: owner.username, password: owner.password }, headers: from(uniqueIp()) })
    expect(ownerIn.status).toBe(200)
    expect(ownerIn.ms).toBeGreaterThanOrEqual(1000)
  })

  it('when the operator runs `admin unlock` and `admin reset-password`, then the lock is lifted, the new password works and the old sessions end', async () => {
    const hall = await makeHall()
    const owner = await account({ role: 'staff', hallIds: [hall._id] })
    const here = uniqueIp()
    for (let i = 0; i < 5; i++) await call(i, 'POST', '/api/v1/auth/staff', { body: { username: owner.username, password: `guess-${i}` }, headers: from(here) })
    const right = { username: owner.username, password: owner.password }
    expect((await call(0, 'POST', '/api/v1/auth/staff', { body: right, headers: from(here) })).body.error.code).toBe('ACCOUNT_LOCKED')

    const admin = (args: string[]) =>
      spawnSync(process.execPath, [path.join(REPO_ROOT, 'server', 'dist', 'admin.js'), ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, MONGODB_URI: db.uri, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      })
    const unlock = admin(['unlock', owner.username])
    expect(unlock.status).toBe(0)
    expect(unlock.stdout).toContain('已解除')
    expect((await call(1, 'POST', '/api/v1/auth/staff', { body: right, headers: from(here) })).status).toBe(200)

    const reset = admin(['reset-password', owner.username])
    expect(reset.status).toBe(0)
    const newPassword = /新密码（只显示这一次）：(\S+)/.exec(reset.stdout)?.[1]
    expect(newPassword).toBeTruthy()
    expect((await call(0, 'POST', '/api/v1/auth/staff', { body: right, headers: from(here) })).status).toBe(401)
    expect((await call(1, 'POST', '/api/v1/auth/staff', { body: { ...right, password: newPassword }, headers: from(here) })).status).toBe(200)
    expect((await call(0, 'GET', '/api/v1/me', { headers: owner.auth })).status).toBe(401)
    expect((await call(1, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } })).status).toBe(401)

    expect(admin(['reset-password', 'no-such-user']).status).toBe(1)
    expect(admin([]).status).toBe(2)
  })
})

describe('revocation at once, across processes', () => {
  let admin: Session
  beforeAll(async () => {
    admin = await account({ role: 'admin', regionCode: CITY })
  })

  it('when an administrator disables a staff account on one process, then its token is refused at once there and within the cache time on the other; refresh says ACCOUNT_DISABLED', async () => {
    const hall = await makeHall()
    const staff = await account({ role: 'staff', hallIds: [hall._id] })
    // both processes have seen the token as valid (so both hold a cached state)
    // a staff route whose handler does not look at the account itself: only the per-request check can refuse
    const work = '/api/v1/staff/ratings'
    expect((await call(0, 'GET', work, { headers: staff.auth })).status).toBe(200)
    expect((await call(1, 'GET', work, { headers: staff.auth })).status).toBe(200)
    const disabledAt = Date.now()
    expect((await call(0, 'PATCH', `/api/v1/admin/accounts/${staff.id}`, { body: { disabled: true }, headers: admin.auth })).status).toBe(200)
    const here = await call(0, 'GET', work, { headers: staff.auth })
    expect(here.status).toBe(403)
    expect(here.body.error.code).toBe('ACCOUNT_DISABLED')
    let there: Answer
    do {
      there = await call(1, 'GET', work, { headers: staff.auth })
      if (there.status === 200) await sleep(100)
    } while (there.status === 200 && Date.now() - disabledAt < 10_000)
    expect(there.body.error.code).toBe('ACCOUNT_DISABLED')
    // the cache time plus slack for a loaded test machine
    expect(Date.now() - disabledAt).toBeLessThan(STATE_CACHE_MS + 3000)
    const refresh = await call(1, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: staff.refreshToken } })
    expect(refresh.status).toBe(403)
    expect(refresh.body.error.code).toBe('ACCOUNT_DISABLED')
  })

  it('when a staff account is moved to another point, then its old token (with the old points) stops working', async () => {
    const hall = await makeHall()
    const other = await makeHall()
    const staff = await account({ role: 'staff', hallIds: [hall._id] })
    expect((await call(1, 'GET', '/api/v1/staff/ratings', { headers: staff.auth })).status).toBe(200)
    expect((await call(1, 'PATCH', `/api/v1/admin/accounts/${staff.id}`, { body: { hallIds: [other._id.toString()] }, headers: admin.auth })).status).toBe(200)
    const old = await call(1, 'GET', '/api/v1/staff/ratings', { headers: staff.auth })
    expect(old.status).toBe(401)
    const fresh = await call(0, 'POST', '/api/v1/auth/staff', { body: { username: staff.username, password: staff.password }, headers: from(ip()) })
    expect(fresh.status).toBe(200)
    expect(fresh.body.user.hallIds).toEqual([other._id.toString()])
  })
})
