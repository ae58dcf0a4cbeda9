import type { NextFunction, Request, Response } from 'express'
import { logger } from './logger'

/**
 * A request still unanswered after `ms` is answered 503 REQUEST_TIMEOUT (with Retry-After) and logged.
 * The handler may still finish later: ApiRouter and the error handler skip writing once headers are sent.
 * This guards slow I/O (a stuck database call, a slow upstream); it cannot interrupt synchronous work,
 * which is why every loop whose bound comes from a request is capped (see dateRange in shared/time.ts).
 */
export function requestTimeout(ms: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = Date.now()
    const timer = setTimeout(() => {
      if (res.headersSent) return
      logger.warn({ reqId: req.id, method: req.method, url: req.originalUrl, ms: Date.now() - started }, 'request timed out')
      res.setHeader('Retry-After', '5')
      res.status(503).json({ error: { code: 'REQUEST_TIMEOUT', message: '系统繁忙，请求超时，请稍后再试' } })
    }, ms)
    const clear = () => clearTimeout(timer)
    res.once('finish', clear)
    res.once('close', clear)
    next()
  }
}
