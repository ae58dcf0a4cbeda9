import type { Me, TokenPair, UpdateMe } from '@xz/shared'
import { config } from '../../config'
import { forgetHolderState, hashPassword, randomToken, sha256, signAccessToken, verifyPassword, type AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, isDuplicateKey } from '../../lib/errors'
import { Account, AuthClaim, RefreshToken, User } from './auth.model'
import { code2SessionProvider } from './wechat.client'
import { requireAgreement } from './agreement'

const LOCK_ATTEMPTS = 5
const LOCK_WINDOW_MS = 15 * 60 * 1000

type UserLike = { _id: { toString(): string }; name?: string | null; mobile?: string | null; enterprise?: { name?: string | null; creditCode?: string | null } | null }
type AccountLike = { _id: { toString(): string }; username: string; name: string; role: string; hallIds: { toString(): string }[]; regionCode?: string | null; departmentId?: { toString(): string } | null }

export function userToMe(u: UserLike): Me {
  return {
    id: u._id.toString(),
    role: 'citizen',
    name: u.name ?? undefined,
    mobile: u.mobile ?? undefined,
    enterprise: u.enterprise?.name && u.enterprise.creditCode ? { name: u.enterprise.name, creditCode: u.enterprise.creditCode } : undefined,
  }
}

export function accountToMe(a: AccountLike): Me {
  return {
    id: a._id.toString(),
    role: a.role as Me['role'],
    name: a.name,
    username: a.username,
    hallIds: a.hallIds.map(String),
    regionCode: a.regionCode ?? undefined,
    departmentId: a.departmentId ? a.departmentId.toString() : undefined,
  }
}

function contextOf(me: Me): AuthContext {
  return { sub: me.id, role: me.role, hallIds: me.hallIds ?? [], regionCode: me.regionCode, departmentId: me.departmentId, name: me.name }
}

async function issueTokens(me: Me, kind: 'user' | 'account', tv: number | null | undefined, familyId = randomToken(12)): Promise<TokenPair> {
  const refreshToken = randomToken(32)
  const at = now()
  await RefreshToken.create({
    _id: sha256(refreshToken),
    familyId,
    subject: me.id,
    kind,
    createdAt: at,
    expiresAt: new Date(at.getTime() + config().REFRESH_TTL_DAYS * 86_400_000),
  })
  return { accessToken: signAccessToken({ ...contextOf(me), tv: tv ?? 0 }), refreshToken, expiresIn: config().JWT_ACCESS_TTL_SECONDS, user: me }
}

export async function loginWithWechat(code: string): Promise<TokenPair> {
  const provider = code2SessionProvider()
  if (!provider) throw new AppError('WECHAT_LOGIN_FAILED', '微信登录未配置')
  const session = await provider.code2Session(code)
  // (no findOneAndUpdate here: User has a select:false field, and FerretDB rejects its projection)
  const found = await User.updateOne(
    { openid: session.openid },
    { $set: { sessionKey: session.sessionKey, ...(session.unionid ? { unionid: session.unionid } : {}) } },
  )
  let user = found.matchedCount ? await User.findOne({ openid: session.openid }) : null
  if (!user) {
    try {
      user = await User.create({ openid: session.openid, unionid: session.unionid, sessionKey: session.sessionKey })
    } catch (err) {
      // a parallel first login of the same person created it: use that one
      if (!isDuplicateKey(err)) throw err
      user = await User.findOne({ openid: session.openid })
    }
  }
  if (user!.deletedAt) {
    // signing in again after deleting the account starts a new, empty one
    await User.updateOne({ _id: user!._id }, { $unset: { deletedAt: 1 } })
    forgetHolderState(`u:${user!._id.toString()}`)
  }
  return issueTokens(userToMe(user!), 'user', user!.tokenVersion)
}

/**
 * The lock generation of a username (`lockgen:<username>`): part of every attempt slot's key, so that an
 * operator or administrator lifts every lock of the username at once by changing it (no scan needed).
 */
async function lockGeneration(username: string): Promise<string> {
  const doc = await AuthClaim.findById(`lockgen:${username}`).lean()
  return doc?.ref ?? '0'
}

/** Lifts every login lock of a username (password reset, operator `unlock`). */
export async function unlockUsername(username: string): Promise<void> {
  const ref = `${Date.now().toString(36)}${randomToken(3)}`
  await AuthClaim.updateOne({ _id: `lockgen:${username}` }, { $set: { at: now(), ref } }, { upsert: true })
}

/**
 * Holds one of the five attempt slots of the (username, client address) pair while the password is
 * checked. A failed attempt keeps its slot for 15 minutes; when all five are held the pair is locked.
 * Only the pair: guessing from elsewhere cannot lock the owner out (the username as a whole is slowed
 * down instead, see loginPerUsername). Slots are unique-key claims, so parallel guessing cannot get past five.
 */
async function claimAttemptSlot(username: string, client: string): Promise<string | undefined> {
  const at = now()
  const gen = await lockGeneration(username)
  for (let k = 1; k <= LOCK_ATTEMPTS; k++) {
    const id = `login:${username}|${client}|${gen}#${k}`
    for (let tries = 0; tries < 2; tries++) {
      try {
        await AuthClaim.create({ _id: id, at })
        return id
      } catch (err) {
        if (!isDuplicateKey(err)) throw err
        const held = await AuthClaim.findById(id).lean()
        if (held && held.at.getTime() > at.getTime() - LOCK_WINDOW_MS) break
        await AuthClaim.deleteOne({ _id: id, at: held?.at })
      }
    }
  }
  return undefined
}

export async function loginStaff(username: string, password: string, client = 'local'): Promise<TokenPair> {
  const slot = await claimAttemptSlot(username, client)
  if (!slot) {
    throw new AppError('ACCOUNT_LOCKED', '密码错误次数过多，本设备已暂停登录此账号 15 分钟', { lockMinutes: 15 })
  }
  const account = await Account.findOne({ username }).select('+passwordHash')
  const ok = account ? await verifyPassword(password, account.passwordHash) : await hashPassword(password).then(() => false)
  if (!ok || !account) throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误')
  await AuthClaim.deleteOne({ _id: slot })
  if (account.disabled) throw new AppError('ACCOUNT_DISABLED', '账号已停用，请联系管理员')
  return issueTokens(accountToMe(account), 'account', account.tokenVersion)
}

/** Rotates a refresh token. A token may be spent once; presenting a spent token revokes its whole login. */
export async function refresh(refreshToken: string): Promise<TokenPair> {
  const id = sha256(refreshToken)
  const token = await RefreshToken.findById(id)
  if (!token || token.expiresAt < now()) throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录')
  // the holder's state first: a disabled account hears so, not that its token was reused
  const user = token.kind === 'user' ? await User.findById(token.subject) : null
  const account = token.kind === 'account' ? await Account.findById(token.subject) : null
  if (token.kind === 'user' && (!user || user.deletedAt)) throw new AppError('UNAUTHENTICATED', '账号不存在或已注销')
  if (token.kind === 'account') {
    if (!account) throw new AppError('UNAUTHENTICATED', '账号不存在')
    if (account.disabled) throw new AppError('ACCOUNT_DISABLED', '账号已停用，请联系管理员')
  }
  if (token.revokedReason === 'revoked') throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录')
  const reused = async () => {
    await RefreshToken.updateMany({ familyId: token.familyId }, { $set: { revokedAt: now() } })
    return new AppError('REFRESH_TOKEN_REUSED', '登录凭证已被使用，为保护账号安全请重新登录')
  }
  if (token.revokedAt) throw await reused()
  try {
    await AuthClaim.create({ _id: `spent:${id}`, at: now(), ref: token.familyId })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    throw await reused()
  }
  await RefreshToken.updateOne({ _id: id }, { $set: { revokedAt: now() } })
  if (user) return issueTokens(userToMe(user), 'user', user.tokenVersion, token.familyId)
  return issueTokens(accountToMe(account!), 'account', account!.tokenVersion, token.familyId)
}

/**
 * Signs an account or a user out everywhere at once: its refresh tokens are revoked and its token version
 * changes, so every access token already issued is refused on its next request (lib/auth assertNotRevoked).
 * ($inc is not atomic on the embedded database, but two racing bumps still both change the version.)
 */
export async function revokeAccountSessions(accountId: string): Promise<void> {
  await Account.updateOne({ _id: accountId }, { $inc: { tokenVersion: 1 } })
  forgetHolderState(`a:${accountId}`)
  await RefreshToken.updateMany({ subject: accountId, kind: 'account', revokedAt: { $exists: false } }, { $set: { revokedAt: now(), revokedReason: 'revoked' } })
}

export async function revokeUserSessions(userId: string): Promise<void> {
  await User.updateOne({ _id: userId }, { $inc: { tokenVersion: 1 } })
  forgetHolderState(`u:${userId}`)
  await RefreshToken.updateMany({ subject: userId, kind: 'user', revokedAt: { $exists: false } }, { $set: { revokedAt: now(), revokedReason: 'revoked' } })
}

export async function getMe(auth: AuthContext): Promise<Me> {
  if (auth.role === 'citizen') {
    const user = await User.findById(auth.sub)
    if (!user) throw new AppError('UNAUTHENTICATED', '账号不存在')
    return userToMe(user)
  }
  const account = await Account.findById(auth.sub)
  if (!account) throw new AppError('UNAUTHENTICATED', '账号不存在')
  if (account.disabled) throw new AppError('ACCOUNT_DISABLED', '账号已停用，请联系管理员')
  return accountToMe(account)
}

export async function updateMe(auth: AuthContext, patch: UpdateMe): Promise<Me> {
  if (auth.role !== 'citizen') {
    if (patch.name === undefined) return getMe(auth)
    await Account.updateOne({ _id: auth.sub }, { $set: { name: patch.name } })
    return getMe(auth)
  }
  // personal fields need the agreement first (removing the enterprise does not)
  if (patch.name !== undefined || patch.mobile !== undefined || patch.enterprise) await requireAgreement(auth)
  const $set: Record<string, unknown> = {}
  const $unset: Record<string, 1> = {}
  if (patch.name !== undefined) $set.name = patch.name
  if (patch.mobile !== undefined) $set.mobile = patch.mobile
  if (patch.enterprise === null) $unset.enterprise = 1
  else if (patch.enterprise) $set.enterprise = patch.enterprise
  const update: Record<string, unknown> = {}
  if (Object.keys($set).length) update.$set = $set
  if (Object.keys($unset).length) update.$unset = $unset
  if (Object.keys(update).length) await User.updateOne({ _id: auth.sub }, update)
  return getMe(auth)
}
