import type { NextFunction, Request, Response } from 'express'
import mongoose from 'mongoose'
import { ZodError } from 'zod'
import type { ErrorBody, ErrorCode } from '@xz/shared'
import { AppError, isDbUnavailable, isDuplicateKey } from './errors'
import { logger } from './logger'

function body(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } }
}

/** Turns any thrown error into the API error model; unknown errors become INTERNAL with details only in the log. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }))
    const first = issues[0]
    const message = first ? `${first.path ? first.path + ': ' : ''}${first.message}` : '请求参数不正确'
    return new AppError('VALIDATION_FAILED', message, { issues })
  }
  const e = err as { type?: string; status?: number; name?: string }
  if (e?.type === 'entity.parse.failed') return new AppError('BAD_JSON', '请求体不是有效的 JSON')
  if (e?.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', '请求体过大')
  if (e?.type && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError('VALIDATION_FAILED', '请求格式不正确')
  }
  if (err instanceof mongoose.Error.CastError) return new AppError('VALIDATION_FAILED', `参数 ${err.path} 格式不正确`)
  if (err instanceof mongoose.Error.ValidationError) {
    return new AppError('VALIDATION_FAILED', '数据校验失败', {
      issues: Object.values(err.errors).map((x) => ({ path: x.path, message: x.message })),
    })
  }
  if (isDuplicateKey(err)) return new AppError('CONFLICT', '记录已存在')
  if (isDbUnavailable(err)) return new AppError('DB_UNAVAILABLE', '数据库暂不可用，请稍后再试')
  return new AppError('INTERNAL', '系统异常，请稍后再试')
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(new AppError('NOT_FOUND', `接口不存在: ${req.method} ${req.path}`))
}

// Express recognises error middleware by its four parameters.
export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const appErr = toAppError(err)
  if (appErr.code === 'INTERNAL') {
    logger.error({ err, reqId: req.id }, 'unhandled error')
  } else if (appErr.code === 'DB_UNAVAILABLE') {
    logger.warn({ reqId: req.id, err: (err as Error)?.message }, 'database unavailable')
  }
  if (res.headersSent) return
  if (appErr.code === 'DB_UNAVAILABLE') res.setHeader('Retry-After', '5')
  res.status(appErr.status).json(body(appErr.code, appErr.message, appErr.details))
}
