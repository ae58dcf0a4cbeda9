import express, { type Request, type RequestHandler, type Response, type Router } from 'express'
import multer from 'multer'
import type * as z from 'zod'
import { findUnsafeText, type EmptyResponse, type UploadSpec, type FileResponse, type ParsedPart, type Role, type Route, type RouteSpec, type StatusOf } from '@xz/shared'
import { config } from '../config'
import { optionalAuth, requireAuth, type AuthContext } from './auth'
import { AppError, invalidField } from './errors'
import { clientKey } from './rate-limit'
import { writePerUser } from './rate-policies'
import { responseDrift } from './response-check'

// ---------------------------------------------------------------------------------------------
// What a handler answers
// ---------------------------------------------------------------------------------------------

const REPLY: unique symbol = Symbol('reply')

/** A file the service builds; the router sends it as an attachment (a download), or inline (an image shown). */
export interface FileContent {
  filename?: string
  contentType: string
  data: string | Buffer
  /** Shown in place (no Content-Disposition) instead of downloaded. */
  inline?: boolean
}

/** A file received as multipart/form-data (the contract's `upload`). */
export interface UploadedFile {
  buffer: Buffer
  size: number
  /** As the client says: not to be trusted (check the bytes). */
  mimetype: string
  originalname: string
}

type Headers = Readonly<Record<string, string>>
export interface JsonReply<S extends number = number, B = unknown> {
  readonly [REPLY]: 'json'
  readonly status: S
  readonly body: B
  readonly headers?: Headers
}
export interface FileReply<S extends number = number> {
  readonly [REPLY]: 'file'
  readonly status: S
  readonly file: FileContent
  readonly headers?: Headers
}
export interface EmptyReply<S extends number = number> {
  readonly [REPLY]: 'empty'
  readonly status: S
  readonly headers?: Headers
}
export type AnyReply = JsonReply | FileReply | EmptyReply

/** Answers `status` with a JSON body (and response headers the contract declares). */
export function reply<const S extends number, B>(status: S, body: B, headers?: Headers): JsonReply<S, B> {
  return { [REPLY]: 'json', status, body, headers }
}
/** Answers `status` with a download. */
export function fileReply<const S extends number>(status: S, file: FileContent, headers?: Headers): FileReply<S> {
  return { [REPLY]: 'file', status, file, headers }
}
/** Answers `status` without a body. */
export function emptyReply<const S extends number>(status: S, headers?: Headers): EmptyReply<S> {
  return { [REPLY]: 'empty', status, headers }
}

function isReply(x: unknown): x is AnyReply {
  return typeof x === 'object' && x !== null && REPLY in x
}

type ReplyFor<S extends number, Spec> = Spec extends EmptyResponse
  ? EmptyReply<S>
  : Spec extends FileResponse<infer J>
    ? FileReply<S> | (J extends z.ZodType ? JsonReply<S, z.input<J>> : never)
    : Spec extends z.ZodType
      ? JsonReply<S, z.input<Spec>>
      : never
type Replies<R extends RouteSpec> = { [S in StatusOf<R>]: ReplyFor<S, R['responses'][S]> }[StatusOf<R>]
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never
/** A route with exactly one response may return its body (or nothing, for 204) instead of a reply. */
type Direct<R extends RouteSpec> = true extends IsUnion<StatusOf<R>>
  ? never
  : R['responses'][StatusOf<R>] extends infer Spec
    ? Spec extends EmptyResponse
      ? void
      : Spec extends z.ZodType
        ? z.input<Spec>
        : never
    : never

/** What a handler may return, checked by tsc against the contract's `responses`. */
export type HandlerResult<R extends RouteSpec> = Replies<R> | Direct<R>

// ---------------------------------------------------------------------------------------------
// What a handler receives
// ---------------------------------------------------------------------------------------------

/** The caller: narrowed to the roles of the route; undefined on public routes without a token. */
type AuthOf<R extends RouteSpec> = R['auth'] extends readonly []
  ? AuthContext
  : R['auth'] extends readonly (infer X extends Role)[]
    ? AuthContext & { role: X }
    : AuthContext | undefined

export interface HandlerInput<R extends RouteSpec> {
  params: ParsedPart<R, 'params'>
  query: ParsedPart<R, 'query'>
  body: ParsedPart<R, 'body'>
  headers: ParsedPart<R, 'headers'>
  /** The uploaded file of a route that takes one (undefined when none was sent). */
  file: R['upload'] extends object ? UploadedFile | undefined : undefined
  auth: AuthOf<R>
  /** The caller's address as rate limits count it (login lockout). */
  clientKey: string
}

export type Handler<R extends RouteSpec> = (input: HandlerInput<R>) => Promise<HandlerResult<R>> | HandlerResult<R>

export interface RouteOptions {
  /**
   * Rate limits (lib/rate-policies.ts), applied after authentication. Writes without their own get the
   * default per-user write limit; `false` opts out (e.g. health).
   */
  rateLimit?: RequestHandler[] | false
}

/** A handler, or a handler with server-side options. */
export type Implementation<R extends RouteSpec> = Handler<R> | (RouteOptions & { handler: Handler<R> })

export type Implementations<C extends Record<string, Route>> = { readonly [K in keyof C]: Implementation<C[K]> }

// ---------------------------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------------------------

export interface RegisteredRoute {
  method: Route['method']
  path: string
  tag: string
  route: Route
  rateLimit: RequestHandler[] | false | undefined
}

/** Every route the app registers, in order (read by the OpenAPI generator, its completeness test and the route-walking tests). */
export const routeRegistry: RegisteredRoute[] = []

export interface FeatureRouter {
  readonly router: Router
  readonly routes: readonly Route[]
}

/**
 * Registers a handler for every route of a contract (tsc refuses a missing one), in the contract's order:
 * `implement(bookingContract, { list: ({ auth, query }) => listMyBookings(auth, query), … })`.
 * Authentication and validation come from the contract; the handler receives only parsed input and
 * returns what the contract says it answers.
 */
export function implement<C extends Record<string, Route>>(contract: C, implementations: Implementations<C>): FeatureRouter {
  const router = express.Router()
  const routes: Route[] = []
  for (const name of Object.keys(contract) as (keyof C & string)[]) {
    const route = contract[name]
    const impl = implementations[name] as Implementation<Route>
    const { handler, rateLimit } = typeof impl === 'function' ? { handler: impl, rateLimit: undefined } : impl
    register(router, route, handler, rateLimit)
    routes.push(route)
  }
  return { router, routes }
}

function register(router: Router, route: Route, handler: Handler<Route>, rateLimit: RequestHandler[] | false | undefined): void {
  routeRegistry.push({ method: route.method, path: route.path, tag: route.tag, route, rateLimit })
  const authMw = route.auth === undefined || route.auth === 'optional' ? optionalAuth : requireAuth(...route.auth)
  const limits = rateLimit === false ? [] : (rateLimit ?? (route.method === 'get' ? [] : [writePerUser]))
  router[route.method](route.path, authMw, ...limits, async (req: Request, res: Response) => {
    checkInput(req, route.body !== undefined)
    const file = route.upload ? await receiveUpload(req, res, route.upload) : undefined
    const input = {
      body: route.body ? route.body.parse(req.body ?? {}) : undefined,
      query: route.query ? route.query.parse(req.query) : undefined,
      params: route.params ? route.params.parse(req.params) : undefined,
      headers: route.headers ? route.headers.parse(req.headers) : undefined,
      file,
      auth: req.auth,
      clientKey: clientKey(req),
    } as HandlerInput<Route>
    const result = await handler(input)
    if (res.headersSent) return
    send(res, route, toReply(route, result))
  })
}

/** The reply of a handler's result (a route with one response may return its body directly). */
function toReply(route: Route, result: unknown): AnyReply {
  if (isReply(result)) return result
  const statuses = Object.keys(route.responses).map(Number)
  if (statuses.length !== 1) throw new Error(`${route.method.toUpperCase()} ${route.path}: a route with several responses must answer with reply(status, …)`)
  const spec = route.responses[statuses[0]]
  return (spec as EmptyResponse).kind === 'empty' ? emptyReply(statuses[0]) : reply(statuses[0], result)
}

function send(res: Response, route: Route, r: AnyReply): void {
  if (config().checkResponses) {
    const drift = responseDrift(route, r.status, r[REPLY], r[REPLY] === 'json' ? r.body : r[REPLY] === 'file' ? r.file.contentType : undefined, r.headers)
    if (drift.length) {
      throw new AppError('INTERNAL', `Response does not match its contract (${route.method.toUpperCase()} ${route.path} → ${r.status}): ${drift.slice(0, 5).join('; ')}`, { drift })
    }
  }
  for (const [name, value] of Object.entries(r.headers ?? {})) res.setHeader(name, value)
  res.status(r.status)
  switch (r[REPLY]) {
    case 'empty':
      res.end()
      return
    case 'file':
      if (!r.file.inline) res.attachment(r.file.filename)
      res.type(r.file.contentType)
      res.send(r.file.data)
      return
    case 'json':
      sendJson(res, r.body)
  }
}

/** Answers of at least this many characters are kept serialized with the object answered (see sendJson). */
const KEPT_BODY_CHARS = 64 * 1024
const keptBodies = new WeakMap<object, Buffer>()

/**
 * A JSON answer. The bytes of a large *frozen* answer are kept with the object (weakly): a handler that answers the
 * very same object again (a kept result such as the public 好差评 figures of 5,000 points, 1.7 MB, frozen by the code
 * that keeps it to say it never changes) sends them again instead of serializing megabytes per request.
 */
function sendJson(res: Response, body: unknown): void {
  if (typeof body !== 'object' || body === null || !Object.isFrozen(body)) {
    res.json(body)
    return
  }
  let bytes = keptBodies.get(body)
  if (!bytes) {
    const text = JSON.stringify(body)
    if (text.length < KEPT_BODY_CHARS) {
      res.type('json').send(text)
      return
    }
    bytes = Buffer.from(text)
    keptBodies.set(body, bytes)
  }
  res.type('json').send(bytes)
}

/** Parses the one file of an upload route (multipart/form-data, in memory, at most `maxBytes`). */
function receiveUpload(req: Request, res: Response, spec: UploadSpec): Promise<UploadedFile | undefined> {
  if (!req.is('multipart/form-data')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `请以 multipart/form-data 上传${spec.noun}`)
  const parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: spec.maxBytes, files: 1, fields: 5 } }).single(spec.field)
  return new Promise((resolve, reject) =>
    parse(req, res, (err: unknown) => {
      if (!err) return resolve(req.file)
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') return reject(new AppError('PAYLOAD_TOO_LARGE', `${spec.noun}不能超过 ${spec.maxBytes / 1024 / 1024} MB`))
        return reject(invalidField(spec.field, `请上传一张${spec.noun}（字段名 ${spec.field}）`))
      }
      reject(err)
    }),
  )
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
