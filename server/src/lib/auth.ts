import crypto from 'node:crypto'
import { promisify } from 'node:util'
import type { NextFunction, Request, Response } from 'express'
import jwt from 'jsonwebtoken'
import { ROLES, type Role } from '@xz/shared'
import { config } from '../config'
import { Account, User } from '../modules/auth'
import { AppError } from './errors'
import { GroupReads } from './group-reads'

/** What a verified access token tells about the caller. */
export interface AuthContext {
  /** User id (citizen) or account id (staff/admin). */
  sub: string
  role: Role
  /** Staff: the points they work at. */
  hallIds: string[]
  /** Admin: the region they administer. */
  regionCode?: string
  /** 12345 handler: their department. */
  departmentId?: string
  name?: string
  /** The account's token version when the token was issued (absent = 0). */
  tv?: number
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthContext
  }
}

let devSecret: string | undefined

/** JWT secret: from the environment; in development/test a random per-process fallback set by main.ts. */
export function jwtSecret(): string {
  const s = config().JWT_SECRET ?? devSecret
  if (!s) throw new Error('JWT secret not configured')
  return s
}

/**
 * The secret as a key object, made once per secret: given a string, jsonwebtoken first tries to parse it as a PEM
 * key (and throws) on every sign and verify, about a millisecond of CPU per request.
 */
let signingKey: { secret: string; key: crypto.KeyObject } | undefined
function jwtKey(): crypto.KeyObject {
  const secret = jwtSecret()
  if (signingKey?.secret !== secret) signingKey = { secret, key: crypto.createSecretKey(Buffer.from(secret, 'utf8')) }
  return signingKey.key
}

export function setDevJwtSecret(secret: string): void {
  if (config().NODE_ENV === 'production') throw new Error('No development JWT secret in production')
  devSecret = secret
}

export function signAccessToken(ctx: AuthContext): string {
  return jwt.sign(
    { role: ctx.role, hallIds: ctx.hallIds, regionCode: ctx.regionCode, departmentId: ctx.departmentId, name: ctx.name, tv: ctx.tv ?? 0 },
    jwtKey(),
    { subject: ctx.sub, expiresIn: config().JWT_ACCESS_TTL_SECONDS, algorithm: 'HS256', issuer: 'xz-wuyouban' },
  )
}

export function verifyAccessToken(token: string): AuthContext {
  try {
    const p = jwt.verify(token, jwtKey(), { algorithms: ['HS256'], issuer: 'xz-wuyouban' }) as jwt.JwtPayload
    if (typeof p.sub !== 'string' || !(ROLES as readonly string[]).includes(p.role)) {
      throw new AppError('UNAUTHENTICATED', '登录凭证无效')
    }
    // a token without an expiry would be valid forever: never accepted, whoever signed it
    if (typeof p.exp !== 'number') throw new AppError('UNAUTHENTICATED', '登录凭证无效')
    return {
      sub: p.sub,
      role: p.role,
      hallIds: Array.isArray(p.hallIds) ? p.hallIds.map(String) : [],
      regionCode: typeof p.regionCode === 'string' ? p.regionCode : undefined,
      departmentId: typeof p.departmentId === 'string' ? p.departmentId : undefined,
      name: typeof p.name === 'string' ? p.name : undefined,
      tv: typeof p.tv === 'number' ? p.tv : 0,
    }
  } catch (err) {
    if (err instanceof AppError) throw err
    if (err instanceof jwt.TokenExpiredError) throw new AppError('TOKEN_EXPIRED', '登录已过期，请重新登录')
    throw new AppError('UNAUTHENTICATED', '登录凭证无效')
  }
}

function bearer(req: Request): string | undefined {
  const h = req.headers.authorization
  if (!h) return undefined
  const m = /^Bearer\s+(\S+)$/i.exec(h)
  if (!m) throw new AppError('UNAUTHENTICATED', '登录凭证格式不正确')
  return m[1]
}

// ---------------------------------------------------------------------------------------------
// Revocation: every request checks the holder's current state (reached by `_id`), cached per process for
// at most STATE_CACHE_MS, so disabling, reassigning or deleting an account takes effect everywhere
// within that time (at once in the process that made the change, which forgets its cached entry).
// ---------------------------------------------------------------------------------------------
export const STATE_CACHE_MS = 2000
interface HolderState {
  tv: number
  disabled: boolean
  gone: boolean
  /** Citizens: the version of the 用户协议 and 隐私政策 they agreed to (read with the rest, for requireAgreement). */
  agreedVersion?: string
  at: number
}
const stateCache = new Map<string, HolderState>()
/** Lookups in flight, shared by parallel requests of the same holder (one round trip, not fifty). */
const stateLoading = new Map<string, Promise<HolderState>>()

/** Forgets the cached state of an account or user (call after changing it). */
export function forgetHolderState(sub: string): void {
  stateCache.delete(sub)
  stateLoading.delete(sub)
}

async function holderState(ctx: AuthContext, accept: (s: HolderState) => boolean = () => true): Promise<HolderState> {
  const key = `${ctx.role === 'citizen' ? 'u' : 'a'}:${ctx.sub}`
  const cached = stateCache.get(key)
  if (cached && Date.now() - cached.at < STATE_CACHE_MS && accept(cached)) return cached
  if (!/^[0-9a-f]{24}$/i.test(ctx.sub)) return { tv: 0, disabled: false, gone: true, at: Date.now() }
  let loading = stateLoading.get(key)
  if (!loading) {
    loading = loadHolderState(ctx, key).finally(() => stateLoading.delete(key))
    stateLoading.set(key, loading)
  }
  return loading
}

/** Every request's revocation check, grouped: under load one command reads the holders of many requests. */
const userStates = new GroupReads<{ tokenVersion?: number; deletedAt?: Date; agreedVersion?: string | null }>(() => User, { tokenVersion: 1, deletedAt: 1, agreedVersion: 1 })
const accountStates = new GroupReads<{ tokenVersion?: number; disabled?: boolean }>(() => Account, { tokenVersion: 1, disabled: 1 })

async function loadHolderState(ctx: AuthContext, key: string): Promise<HolderState> {
  const doc = ctx.role === 'citizen' ? await userStates.read(ctx.sub) : await accountStates.read(ctx.sub)
  const state: HolderState = {
    tv: doc?.tokenVersion ?? 0,
    disabled: Boolean(doc && 'disabled' in doc && doc.disabled),
    gone: !doc || Boolean('deletedAt' in doc && doc.deletedAt),
    agreedVersion: (doc && 'agreedVersion' in doc && doc.agreedVersion) || undefined,
    at: Date.now(),
  }
  if (stateCache.size > 50_000) stateCache.clear()
  stateCache.set(key, state)
  return state
}

/** Rejects a verified token whose holder was disabled, deleted or signed out since it was issued. */
export async function assertNotRevoked(ctx: AuthContext): Promise<void> {
  const s = await holderState(ctx)
  if (s.gone) throw new AppError('UNAUTHENTICATED', '账号不存在或已注销')
  if (s.disabled) throw new AppError('ACCOUNT_DISABLED', '账号已停用，请联系管理员')
  if ((ctx.tv ?? 0) !== s.tv) throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录')
}

/**
 * The agreement version of a citizen, from the state the revocation check has just read (no round trip of its own).
 * Only an agreement is taken from the cache: a citizen who has just agreed in another process is read again, never
 * refused on a stale entry.
 */
export async function agreedVersionOf(ctx: AuthContext, current: string): Promise<string | undefined> {
  return (await holderState(ctx, (s) => s.agreedVersion === current)).agreedVersion
}

export function clearHolderStateCache(): void {
  stateCache.clear()
}

/** Attaches `req.auth` when a valid token is present; never rejects anonymous callers. */
export async function optionalAuth(req: Request, _res: Response, next: NextFunction): Promise<void> {
  const token = bearer(req)
  if (token) {
    const ctx = verifyAccessToken(token)
    await assertNotRevoked(ctx)
    req.auth = ctx
  }
  next()
}

/** Rejects callers without a valid token (401), revoked (401/403) or without one of the roles (403). */
export function requireAuth(...roles: Role[]) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const token = bearer(req)
    if (!token) throw new AppError('UNAUTHENTICATED', '请先登录')
    const ctx = verifyAccessToken(token)
    if (roles.length > 0 && !roles.includes(ctx.role)) throw new AppError('FORBIDDEN', '无权访问')
    await assertNotRevoked(ctx)
    req.auth = ctx
    next()
  }
}

// ---------------------------------------------------------------------------------------------
// Passwords: scrypt (memory-hard KDF from node:crypto), self-describing format.
// ---------------------------------------------------------------------------------------------
const scrypt = promisify(crypto.scrypt) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: crypto.ScryptOptions,
) => Promise<Buffer>
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 }

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16)
  const key = await scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p })
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$')
  if (alg !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  })
  return crypto.timingSafeEqual(key, expected)
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url')
}

export function sha256(input: string): string {
  return crypto.createHash('sha256').update(input).digest('hex')
}
