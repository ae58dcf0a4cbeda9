import { ERROR_HTTP_STATUS, type ErrorCode } from '@xz/shared'

/** The only error the server throws on purpose; the error middleware turns it into the API error body. */
export class AppError extends Error {
  readonly status: number

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? code)
    this.name = 'AppError'
    this.status = ERROR_HTTP_STATUS[code]
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在`)
export const forbidden = (message = '无权执行此操作') => new AppError('FORBIDDEN', message)

/** MongoDB duplicate-key error (the one atomic primitive the embedded database offers). */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000
}

const DB_DOWN_NAMES = new Set([
  'MongoNetworkError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoNetworkTimeoutError',
  'MongoPoolClearedError',
])

/** True for errors that mean "the database is not reachable right now". */
export function isDbUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false
  const e = err as { name?: string; message?: string; cause?: unknown }
  if (e.name && DB_DOWN_NAMES.has(e.name)) return true
  if (e.name === 'MongooseServerSelectionError') return true
  if (typeof e.message === 'string' && /buffering timed out|Client must be connected|connection .* closed|ECONNREFUSED/i.test(e.message)) return true
  return e.cause ? isDbUnavailable(e.cause) : false
}

/** A 400 that names the offending field, shaped like the schema validation errors. */
export function invalidField(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path, message, code: 'custom' }] })
}
