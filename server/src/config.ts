import path from 'node:path'
import * as z from 'zod'
import { parseProfile } from '@xz/shared'

/** The repository root (works from src/ under tsx and from dist/ when compiled). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..')

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .transform((v) => v === 'true' || v === '1')

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  MONGODB_URI: z.string().optional(),
  DATA_DIR: z.string().default(path.join(REPO_ROOT, 'data')),
  /** Fixed port of the embedded database; unset: a free port is picked at start. */
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Where the embedded database binary is built and cached. */
  EMBEDDED_DB_CACHE: z.string().default(path.join(REPO_ROOT, '.cache', 'embedded-db')),
  JWT_SECRET: z.string().min(16, 'JWT_SECRET must be at least 16 characters').optional(),
  JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().min(30).default(900),
  REFRESH_TTL_DAYS: z.coerce.number().int().min(1).default(30),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  WECHAT_TEMPLATE_REMINDER: z.string().optional(),
  WECHAT_TEMPLATE_NOTICE: z.string().optional(),
  CORS_ORIGINS: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  SEED: bool.default(true),
  SEED_ADMIN_PASSWORD: z.string().min(8).optional(),
  SEED_STAFF_PASSWORD: z.string().min(8).optional(),
  JOBS: bool.default(true),
  JOB_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  /** A request still unanswered after this long gets 503 REQUEST_TIMEOUT (and a log line). */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(50).max(600_000).default(10_000),
  /** Rate limits on (default). The test suite turns them off except in the tests about them. */
  RATE_LIMITS: bool.default(true),
  /** Test builds only (NODE_ENV=test): mounts /api/v1/__test/slow, a deliberately slow route. */
  TEST_ROUTES: bool.default(false),
  H5_DIR: z.string().default(path.join(REPO_ROOT, 'miniapp', 'dist', 'h5')),
  /** 好差评 exchange (SPEC §2.13): the provincial endpoint; without it ratings are exported as files per period. */
  EXCHANGE_ENDPOINT: z.url().optional(),
  /** Sent as `Authorization: Bearer <token>`; a secret, only from the environment. */
  EXCHANGE_TOKEN: z.string().optional(),
  /** JSON of the provincial interface profile (partial; merged over the default profile). */
  EXCHANGE_PROFILE: z.string().optional(),
  EXCHANGE_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** How long a pusher owns an item; at least twice the timeout so a live pusher never overlaps a taker. */
  EXCHANGE_LEASE_MS: z.coerce.number().int().min(200).default(60_000),
  EXCHANGE_BACKOFF_MS: z.coerce.number().int().min(10).default(30_000),
  EXCHANGE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(8),
  /**
   * Parse every response against its route contract and answer 500 on drift (lib/response-check.ts).
   * Default: on in test and development, off in production.
   */
  CHECK_RESPONSES: bool.optional(),
})

export type Config = ReturnType<typeof loadConfig>

/** Parses the environment once; throws with every problem listed. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  // empty strings mean "unset" (e.g. `MONGODB_URI= npm start`)
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = EnvSchema.safeParse(cleaned)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const c = parsed.data
  if (c.NODE_ENV === 'production' && !c.JWT_SECRET) {
    throw new Error('Refusing to start: NODE_ENV=production requires JWT_SECRET (at least 16 characters).')
  }
  const wechatConfigured = Boolean(c.WECHAT_APPID && c.WECHAT_SECRET)
  if (c.EXCHANGE_LEASE_MS < 2 * c.EXCHANGE_TIMEOUT_MS) {
    throw new Error('Invalid configuration:\n  EXCHANGE_LEASE_MS: must be at least twice EXCHANGE_TIMEOUT_MS (a push and its bookkeeping fit in a lease)')
  }
  let exchangeProfile
  try {
    exchangeProfile = parseProfile(c.EXCHANGE_PROFILE)
  } catch (err) {
    throw new Error(`Invalid configuration:\n  EXCHANGE_PROFILE: ${err instanceof Error ? err.message : String(err)}`)
  }
  return {
    ...c,
    wechatConfigured,
    /** The development WeChat login (code X → openid dev_X): never in production, never with real credentials. */
    devLogin: !wechatConfigured && c.NODE_ENV !== 'production',
    corsOrigins: c.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    logLevel: c.LOG_LEVEL ?? (c.NODE_ENV === 'test' ? 'silent' : 'info'),
    exchangeProfile,
    checkResponses: c.CHECK_RESPONSES ?? c.NODE_ENV !== 'production',
  }
}

let current: Config | undefined

/** The process-wide configuration (parsed on first use). */
export function config(): Config {
  current ??= loadConfig()
  return current
}

/** Replaces the process-wide configuration (tests and main.ts). */
export function setConfig(next: Config): Config {
  current = next
  return next
}
