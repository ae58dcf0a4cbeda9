import type { NextFunction, Request, Response } from 'express'
import { ipKeyGenerator, rateLimit, type IncrementResponse, type Options, type Store } from 'express-rate-limit'
import mongoose, { Schema } from 'mongoose'
import { config } from '../config'
import { now, sleep } from './clock'
import { AppError, isDuplicateKey } from './errors'
import { GroupWrites } from './group-writes'

/**
 * One hit of a rate-limited key in one fixed window: `_id = "rl:<key>:<window>:<n>"`. The n-th hit of a
 * window is claimed by inserting the n-th document; a unique `_id` insert is the one atomic primitive of
 * the embedded database ($inc is not), so two processes can never both count as the same hit and the
 * limit holds across processes. Documents expire with their window (removed by a background job).
 */
const rateLimitHitSchema = new Schema({
  _id: { type: String },
  at: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
})
export const RateLimitHit = mongoose.model('RateLimitHit', rateLimitHitSchema)
/** Hits of every key, grouped: under load one `insert` command carries many (each still its own `_id`). */
// (raw: the hits are built here with the schema's types, a string `_id` and two dates)
const hitInserts = new GroupWrites(() => RateLimitHit, { raw: true })

/**
 * express-rate-limit Store on the database. Each process hands out hit numbers per key and window itself
 * (synchronously, so parallel requests in one process try distinct numbers) and moves past numbers another
 * process already claimed (duplicate key). It never probes past limit + 1: a caller over the limit costs
 * no database write at all.
 */
export class DbRateLimitStore implements Store {
  readonly localKeys = false
  windowMs = 60_000
  private readonly seen = new Map<string, number>()

  constructor(
    readonly prefix: string,
    private readonly maxHits: number,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs
  }

  private window(): { base: (key: string) => string; resetTime: Date; at: Date } {
    const at = now()
    const w = Math.floor(at.getTime() / this.windowMs)
    return { base: (key) => `rl:${this.prefix}:${key}:${w}`, resetTime: new Date((w + 1) * this.windowMs), at }
  }

  async increment(key: string): Promise<IncrementResponse> {
    const { base, resetTime, at } = this.window()
    const id = base(key)
    if (this.seen.size > 10_000) this.prune(at)
    for (;;) {
      const n = (this.seen.get(id) ?? 0) + 1
      if (n > this.maxHits) return { totalHits: this.maxHits + 1, resetTime }
      this.seen.set(id, n) // reserved before awaiting: the next parallel request in this process takes n + 1
      try {
        await hitInserts.write({ insertOne: { document: { _id: `${id}:${n}`, at, expiresAt: resetTime } } })
        return { totalHits: n, resetTime }
      } catch (err) {
        if (!isDuplicateKey(err)) throw err
        // another process holds n: try the next free number
      }
    }
  }

  async decrement(key: string): Promise<void> {
    const { base } = this.window()
    const id = base(key)
    const n = this.seen.get(id)
    if (!n) return
    await RateLimitHit.deleteOne({ _id: `${id}:${n}` })
    this.seen.set(id, n - 1)
  }

  /** Operator use only (scans by prefix): forgets every window of a key. */
  async resetKey(key: string): Promise<void> {
    const prefix = `rl:${this.prefix}:${key}:`
    for (const k of this.seen.keys()) if (k.startsWith(prefix)) this.seen.delete(k)
    await RateLimitHit.deleteMany({ _id: { $regex: `^${escapeRegex(prefix)}` } })
  }

  private prune(at: Date): void {
    const w = Math.floor(at.getTime() / this.windowMs)
    for (const k of this.seen.keys()) if (!k.endsWith(`:${w}`)) this.seen.delete(k)
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Removes expired hit documents (a background job; a scan is fine there, never in a request). */
export async function cleanUpRateLimitHits(): Promise<number> {
  const res = await RateLimitHit.deleteMany({ expiresAt: { $lt: now() } })
  return res.deletedCount
}

/** The client's address (IPv6 grouped by /56 as express-rate-limit recommends). */
export function clientKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown')
}

export interface RateLimitPolicy {
  /** Names the limit in keys and logs, e.g. 'login-ip'. */
  name: string
  windowMs: number
  limit: number
  /** What is counted: the client address (default), the signed-in user, or a value of the body. */
  by?: 'ip' | 'user' | ((req: Request) => string | undefined)
  /** Why this number (shown in the README table). */
  reason?: string
}

/** Every policy in use (README and tests read them). */
export const rateLimitPolicies: RateLimitPolicy[] = []

/**
 * Express middleware enforcing a policy: 429 RATE_LIMITED with Retry-After (seconds until the window
 * ends) and the error details { limit, windowSeconds, retryAfterSeconds }. Skipped when RATE_LIMITS=false
 * (the test suite's default, so unrelated tests are not throttled; the rate-limit tests turn it on).
 */
export function rateLimiter(policy: RateLimitPolicy) {
  rateLimitPolicies.push(policy)
  const store = new DbRateLimitStore(policy.name, policy.limit)
  const by = policy.by ?? 'ip'
  return rateLimit({
    windowMs: policy.windowMs,
    limit: policy.limit,
    store,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    validate: false,
    passOnStoreError: false,
    skip: (req) => !config().RATE_LIMITS || (typeof by === 'function' && by(req) === undefined),
    keyGenerator: (req) => {
      if (by === 'ip') return clientKey(req)
      if (by === 'user') return req.auth ? `u:${req.auth.sub}` : `ip:${clientKey(req)}`
      return by(req)!.toLowerCase()
    },
    handler: (req: Request, res: Response, next: NextFunction) => {
      const info = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit
      const retry = Math.max(1, Math.ceil(((info?.resetTime?.getTime() ?? now().getTime() + policy.windowMs) - now().getTime()) / 1000))
      res.setHeader('Retry-After', String(retry))
      next(
        new AppError('RATE_LIMITED', `操作过于频繁，请 ${retry} 秒后再试`, {
          limit: policy.limit,
          windowSeconds: Math.round(policy.windowMs / 1000),
          retryAfterSeconds: retry,
          policy: policy.name,
        }),
      )
    },
  })
}

/**
 * Slows down rather than refuses: after `freeHits` hits of a key in the window, each further request
 * waits `stepMs` more (at most `maxDelayMs`) before it is handled. Used per username on sign-in, where a
 * refusal would let anyone lock the owner out, while a delay only makes guessing expensive.
 */
export function slowDown(policy: RateLimitPolicy & { freeHits: number; stepMs: number; maxDelayMs: number; by: (req: Request) => string | undefined }) {
  rateLimitPolicies.push(policy)
  const store = new DbRateLimitStore(policy.name, policy.limit)
  store.windowMs = policy.windowMs
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const key = config().RATE_LIMITS ? policy.by(req) : undefined
    if (key === undefined) return next()
    const { totalHits } = await store.increment(key.toLowerCase())
    const over = totalHits - policy.freeHits
    if (over > 0) await sleep(Math.min(policy.maxDelayMs, over * policy.stepMs))
    next()
  }
}

/** Stores by policy name, for the operator's `unlock` command. */
export async function resetRateLimitKey(policyName: string, key: string): Promise<void> {
  const store = new DbRateLimitStore(policyName, 1)
  await store.resetKey(key.toLowerCase())
}

let lastCleanup = 0
/** Background job: expired hit documents go every 10 minutes (deleting is idempotent, so no claim needed). */
export const rateLimitCleanupJob = {
  name: 'rate-limit-cleanup',
  async run(): Promise<number> {
    if (Date.now() - lastCleanup < 10 * 60_000) return 0
    lastCleanup = Date.now()
    return cleanUpRateLimitHits()
  },
}
