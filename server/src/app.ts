import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import cors from 'cors'
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express'
import helmet from 'helmet'
import { pinoHttp } from 'pino-http'
import swaggerUiDist from 'swagger-ui-dist'
import { config } from './config'
import { randomToken } from './lib/auth'
import { dbUp } from './lib/db'
import { AppError } from './lib/errors'
import { errorHandler, notFoundHandler } from './lib/error-handler'
import { logger } from './lib/logger'
import { requestTimeout } from './lib/timeout'
import { buildOpenApi } from './lib/openapi'
import { methodNotAllowed } from './lib/routes'
import { featureRouters } from './modules'
import { sleep } from './lib/clock'

const DOCS_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>忻州政务·无忧办 API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui' })`

/**
 * CSP hashes of the inline scripts of the built H5 index.html (Taro's root font-size script). The CSP stays strict
 * (no 'unsafe-inline'): exactly these scripts may run. Read again when the file changes (a rebuild while serving).
 */
function inlineScriptHashes(indexFile: string): () => string[] {
  let cached: { mtimeMs: number; hashes: string[] } | undefined
  return () => {
    let mtimeMs: number
    try {
      mtimeMs = fs.statSync(indexFile).mtimeMs
    } catch {
      return []
    }
    if (cached?.mtimeMs !== mtimeMs) {
      const html = fs.readFileSync(indexFile, 'utf8')
      const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
        .filter((m) => m[1].length > 0)
        .map((m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`)
      cached = { mtimeMs, hashes }
    }
    return cached.hashes
  }
}

/** While the database is down every API route answers 503 at once (health answers for itself). */
function requireDb(req: Request, _res: Response, next: NextFunction): void {
  if (req.path === '/health' || dbUp()) return next()
  next(new AppError('DB_UNAVAILABLE', '数据库暂不可用，请稍后再试'))
}

/**
 * The headers a middleware sets when its outcome does not depend on the request (helmet without function
 * directives), recorded once and then set in one step: helmet runs a dozen middlewares per request otherwise.
 */
function fixedHeaders(middleware: (req: Request, res: Response, next: (err?: unknown) => void) => void): RequestHandler {
  const headers: Array<[string, string | string[]]> = []
  const recorder = {
    setHeader: (name: string, value: string | number | string[]) => headers.push([name, Array.isArray(value) ? value : String(value)]),
    removeHeader: () => undefined,
    getHeader: () => undefined,
  }
  let done = false
  middleware({} as Request, recorder as unknown as Response, () => (done = true))
  if (!done) throw new Error('fixedHeaders: the middleware did not finish at once')
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value)
    next()
  }
}

/** Builds the Express app; never listens (tests import it, main.ts serves it). */
export function createApp(): Express {
  const c = config()
  const app = express()
  app.disable('x-powered-by')
  // no ETag on API answers: nothing revalidates them (personal data is never cached), and hashing every body cost
  // CPU on each request (the H5 files are served with their own ETags by express.static)
  app.set('etag', false)
  app.set('trust proxy', 'loopback')
  app.set('query parser', 'simple')

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomToken(9)
        res.setHeader('X-Request-Id', id)
        return id
      },
      autoLogging: c.NODE_ENV !== 'test',
    }),
  )
  const h5Index = path.join(c.H5_DIR, 'index.html')
  const h5ScriptHashes = inlineScriptHashes(h5Index)
  const securityHeaders = (scriptSrc: Array<string | (() => string)>) =>
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc,
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          // blob: the H5 build's Taro.uploadFile reads the photo chosen with chooseImage (a blob: URL) before sending it
          connectSrc: ["'self'", 'blob:'],
          fontSrc: ["'self'", 'data:'],
        },
      },
      crossOriginEmbedderPolicy: false,
    })
  // the API (and its docs page, whose scripts are files): the same headers, computed once
  const apiHeaders = fixedHeaders(securityHeaders(["'self'"]))
  // helmet joins the values with spaces, so one function may supply several hashes (of the H5 page's inline scripts)
  const pageHeaders = securityHeaders(["'self'", () => h5ScriptHashes().join(' ') || "'self'"])
  app.use((req, res, next) => (req.path.startsWith('/api/') ? apiHeaders(req, res, next) : pageHeaders(req, res, next)))
  app.use(
    '/api',
    cors({
      origin: (origin, cb) => cb(null, !origin || c.corsOrigins.includes(origin) || c.corsOrigins.includes('*')),
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
    }),
  )
  app.use('/api', express.json({ limit: '100kb', strict: true }))

  app.use('/api', requestTimeout(c.REQUEST_TIMEOUT_MS))

  const api = express.Router()
  api.use(requireDb)
  if (c.NODE_ENV === 'test' && c.TEST_ROUTES) {
    // test builds only, outside the route registry: a deliberately slow request (awaits, never blocks the loop)
    api.get('/__test/slow', async (req, res) => {
      const ms = Math.min(Number(req.query.ms) || 0, 60_000)
      await sleep(ms)
      if (!res.headersSent) res.json({ sleptMs: ms })
    })
  }
  for (const r of featureRouters) api.use(r.router)
  api.use(methodNotAllowed)
  app.use('/api/v1', api)

  app.get('/api/openapi.json', (_req, res) => {
    res.json(buildOpenApi())
  })
  app.get('/api/docs', (_req, res) => {
    res.type('html').send(DOCS_HTML)
  })
  app.get('/api/docs/init.js', (_req, res) => {
    res.type('js').send(DOCS_INIT)
  })
  app.use('/api/docs/assets', express.static(swaggerUiDist.getAbsoluteFSPath(), { index: false }))
  app.use('/api', notFoundHandler)

  // The H5 front-end (hash router: static files suffice).
  app.use(express.static(c.H5_DIR, { index: 'index.html', maxAge: '1h', setHeaders: noCacheHtml }))
  app.get('/', (_req, res) => {
    if (fs.existsSync(h5Index)) return res.sendFile(h5Index)
    res
      .type('html')
      .send('<!doctype html><meta charset="utf-8"><title>忻州政务·无忧办</title><p>前端尚未构建：请运行 <code>npm run build</code>。API 文档见 <a href="/api/docs">/api/docs</a>。</p>')
  })
  app.use(notFoundHandler)
  app.use(errorHandler)
  return app
}

function noCacheHtml(res: Response, file: string): void {
  if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache')
}
