import crypto from 'node:crypto'
import mongoose from 'mongoose'
import { LEGAL_VERSION } from '@xz/shared'
import { hashPassword } from '../../server/src/lib/auth'
import { Account } from '../../server/src/modules/auth/auth.model'
import { api } from './app'

export interface Session {
  id: string
  token: string
  refreshToken: string
  auth: { Authorization: string }
}

export interface CitizenOptions {
  /** Record agreement to the current 用户协议/隐私政策 (default true; false for a citizen who has not agreed). */
  agree?: boolean
}

/**
 * Signs a citizen in through the real route (development code2Session: code X → openid dev_X) and, unless told
 * otherwise, records the agreement through the real route (personal data is refused before it).
 */
export async function citizen(code = `c${crypto.randomBytes(6).toString('hex')}`, opts: CitizenOptions = {}): Promise<Session> {
  const res = await api().post('/api/v1/auth/wechat').send({ code })
  if (res.status !== 200) throw new Error(`citizen login failed: ${res.status} ${JSON.stringify(res.body)}`)
  if (opts.agree !== false) {
    const agreed = await api().post('/api/v1/me/agreement').set({ Authorization: `Bearer ${res.body.accessToken}` }).send({ version: LEGAL_VERSION })
    if (agreed.status !== 200) throw new Error(`citizen agreement failed: ${agreed.status} ${JSON.stringify(agreed.body)}`)
  }
  return {
    id: res.body.user.id,
    token: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  }
}

export interface AccountOptions {
  role: 'staff' | 'admin'
  hallIds?: (string | mongoose.Types.ObjectId)[]
  regionCode?: string
  username?: string
  password?: string
  name?: string
}

/** Creates a staff/admin account in the database and signs it in through the real route. */
export async function account(opts: AccountOptions): Promise<Session & { username: string; password: string }> {
  const username = opts.username ?? `${opts.role}_${crypto.randomBytes(5).toString('hex')}`
  const password = opts.password ?? 'Passw0rd!test'
  await Account.create({
    username,
    passwordHash: await hashPassword(password),
    name: opts.name ?? (opts.role === 'admin' ? '测试管理员' : '测试窗口人员'),
    role: opts.role,
    hallIds: opts.hallIds ?? [],
    regionCode: opts.regionCode,
  })
  const res = await api().post('/api/v1/auth/staff').send({ username, password })
  if (res.status !== 200) throw new Error(`staff login failed: ${res.status} ${JSON.stringify(res.body)}`)
  return {
    id: res.body.user.id,
    token: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
    username,
    password,
  }
}
