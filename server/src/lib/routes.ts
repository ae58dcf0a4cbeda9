import express, { type Request, type RequestHandler, type Response, type Router } from 'express'
import type * as z from 'zod'
import { findUnsafeText, type Role } from '@xz/shared'
import { optionalAuth, requireAuth, type AuthContext } from './auth'
import { AppError } from './errors'
import { writePerUser } from './rate-policies'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** Describes one route: used both to wire Express and to generate the OpenAPI document. */
export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  summary: string
  /** Roles allowed; [] = any signed-in user; undefined = public. */
  auth?: Role[]
  body?: B
  query?: Q
  params?: P
  response?: z.ZodType
  /** Success status (default 200). */
  status?: number
  /** Extra request headers documented (e.g. Idempotency-Key). */
  headers?: Record<string, string>
  /**
   * Rate limits (lib/rate-policies.ts), applied after authentication. Writes without their own get the
   * default per-user write limit; `false` opts out (e.g. health).
   */
  rateLimit?: RequestHandler[] | false
}

export interface RouteInput<B, Q, P> {
  body: B
  query: Q
  params: P
  auth: AuthContext
  /** Present only for public routes without a token. */
  maybeAuth: AuthContext | undefined
  req: Request
  res: Response
}

export interface RegisteredRoute {
  method: Method
  path: string
  tag: string
  spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>
}

/** Every route the app registers, in order (read by the OpenAPI generator and its completeness test). */
export const routeRegistry: RegisteredRoute[] = []

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined

/**
 * A feature router: `r.post('/', { summary, auth: ['citizen'], body: Schema }, (input) => service.create(...))`.
 * Validation parses with the shared schema; the handler receives only parsed input and returns the response body.
 */
export class ApiRouter {
  readonly router: Router = express.Router()

  constructor(
    readonly base: string,
    readonly tag: string,
  ) {}

  get<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(path: string, spec: RouteSpec<B, Q, P>, handler: Handler<B, Q, P>) {
    return this.add('get', path, spec, handler)
  }
  post<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(path: string, spec: RouteSpec<B, Q, P>, handler: Handler<B, Q, P>) {
    return this.add('post', path, spec, handler)
  }
  put<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(path: string, spec: RouteSpec<B, Q, P>, handler: Handler<B, Q, P>) {
    return this.add('put', path, spec, handler)
  }
  patch<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(path: string, spec: RouteSpec<B, Q, P>, handler: Handler<B, Q, P>) {
    return this.add('patch', path, spec, handler)
  }
  delete<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(path: string, spec: RouteSpec<B, Q, P>, handler: Handler<B, Q, P>) {
    return this.add('delete', path, spec, handler)
  }

  private add<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
    method: Method,
    path: string,
    spec: RouteSpec<B, Q, P>,
    handler: Handler<B, Q, P>,
  ): this {
    const full = (this.base + (path === '/' ? '' : path)) || '/'
    routeRegistry.push({ method, path: full, tag: this.tag, spec: spec as RouteSpec<z.ZodType, z.ZodType, z.ZodType> })
    const authMw = spec.auth === undefined ? optionalAuth : requireAuth(...spec.auth)
    const limits = spec.rateLimit === false ? [] : (spec.rateLimit ?? (method === 'get' ? [] : [writePerUser]))
    this.router[method](path, authMw, ...limits, async (req: Request, res: Response) => {
      checkInput(req, spec.body !== undefined)
      const input = {
        body: spec.body ? spec.body.parse(req.body ?? {}) : undefined,
        query: spec.query ? spec.query.parse(req.query) : undefined,
        params: spec.params ? spec.params.parse(req.params) : undefined,
        auth: req.auth as AuthContext,
        maybeAuth: req.auth,
        req,
        res,
      } as RouteInput<Infer<B>, Infer<Q>, Infer<P>>
      const result = await handler(input)
      if (res.headersSent) return
      res.status(res.statusCode !== 200 ? res.statusCode : (spec.status ?? 200))
      if (result === undefined) res.end()
      else res.json(result)
    })
    return this
  }
}

/**
 * Input hygiene for every route, before the schemas run: a route that takes a body needs a JSON body
 * (415 for another content type, 400 when there is none), and no string anywhere in the body, query or
 * path may hold control characters, bidi overrides or lone surrogates (400 naming the field).
 */
function checkInput(req: Request, takesBody: boolean): void {
  if (takesBody) {
    if (req.headers['content-type'] !== undefined && !req.is('application/json')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请求体须为 JSON（Content-Type: application/json）')
    }
    if (req.body === undefined) {
      throw new AppError('VALIDATION_FAILED', '请求体不能为空', { issues: [{ path: '', message: '请求体不能为空', code: 'invalid_type' }] })
    }
  }
  for (const [part, value] of [['query', req.query], ['params', req.params], ['body', req.body]] as const) {
    const bad = findUnsafeText(value)
    if (bad) {
      throw new AppError('VALIDATION_FAILED', `${bad.path || part}: ${bad.message}`, { issues: [{ path: bad.path, message: bad.message, code: 'custom' }] })
    }
  }
}

/** Express path → a RegExp that matches it (`:id` = one segment). */
function pathPattern(path: string): RegExp {
  const escaped = path.split(/(:[A-Za-z0-9_]+)/).map((p) => (p.startsWith(':') ? '[^/]+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
  return new RegExp(`^${escaped.join('')}/?$`)
}

/**
 * 405 for a path the API has with a method it does not (after every router had its chance), with `Allow`.
 * Paths are relative to /api/v1.
 */
export function methodNotAllowed(req: Request, res: Response, next: (err?: unknown) => void): void {
  const allowed = new Set<string>()
  for (const r of routeRegistry) if (pathPattern(r.path).test(req.path)) allowed.add(r.method.toUpperCase())
  if (allowed.size === 0 || allowed.has(req.method)) return next()
  if (allowed.has('GET')) allowed.add('HEAD')
  res.setHeader('Allow', [...allowed].join(', '))
  next(new AppError('METHOD_NOT_ALLOWED', `接口不支持 ${req.method} 方法`))
}

type Handler<B, Q, P> = (input: RouteInput<Infer<B>, Infer<Q>, Infer<P>>) => Promise<unknown> | unknown
