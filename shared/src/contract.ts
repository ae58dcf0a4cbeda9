import './zod'
import * as z from 'zod'
import type { Role } from './enums'

/**
 * One contract per route (the ts-rest idea in a few lines): method, path, who may call it, the schemas of
 * its path params, query, body and request headers, and every response it may give. The server registers
 * its handlers against these objects (and checks their return types against `responses`); the mini-program
 * calls them (`call(bookingContract.create, { body })`). Pure: no Node or Taro imports.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** A response without a body (204). */
export interface EmptyResponse {
  readonly kind: 'empty'
}

/** A download (CSV, XLSX, JSON lines) of one of `contentTypes`; `json` when the same status may answer JSON instead. */
export interface FileResponse<J extends z.ZodType | undefined = z.ZodType | undefined> {
  readonly kind: 'file'
  readonly contentTypes: readonly string[]
  readonly json: J
}

export type ResponseSpec = z.ZodType | EmptyResponse | FileResponse

/** One file sent as multipart/form-data: its field, its size limit, and what it is (in messages: 请上传一张照片). */
export interface UploadSpec {
  readonly field: string
  readonly maxBytes: number
  readonly noun: string
}

export const noContent: EmptyResponse = { kind: 'empty' }

export function fileResponse(contentTypes: readonly string[]): FileResponse<undefined>
export function fileResponse<J extends z.ZodType>(contentTypes: readonly string[], json: J): FileResponse<J>
export function fileResponse(contentTypes: readonly string[], json?: z.ZodType): FileResponse {
  return { kind: 'file', contentTypes, json }
}

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

/**
 * Who may call: roles (`[]` = any signed-in user); `'optional'` = anyone, and a signed-in caller's token is
 * read (the answer depends on it); absent = public.
 */
export type RouteAuth = readonly Role[] | 'optional'

export interface RouteSpec {
  readonly method: HttpMethod
  /** Express-style path relative to /api/v1, `:name` for a path parameter. */
  readonly path: string
  readonly summary: string
  /** OpenAPI tag, when not the contract's own. */
  readonly tag?: string
  readonly auth?: RouteAuth
  readonly params?: z.ZodType
  readonly query?: z.ZodType
  readonly body?: z.ZodType
  /** Request headers the route reads, lower-case names (Node's `req.headers`). */
  readonly headers?: z.ZodObject
  /** A route that takes one file as multipart/form-data (instead of a JSON body). */
  readonly upload?: UploadSpec
  /** Every status the route answers on success (errors are the one error model, `ErrorBodySchema`). */
  readonly responses: { readonly [status: number]: ResponseSpec }
  /** Response headers the route sets, name → description. */
  readonly responseHeaders?: { readonly [name: string]: string }
}

/** A route of a contract: its spec plus the contract's tag and the route's name in it. */
export type Route<S extends RouteSpec = RouteSpec> = S & { readonly tag: string; readonly name: string }

/** Names the parameters of an Express-style path: `/a/:id/b/:date` → 'id' | 'date'. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1])
}

function shapeKeys(schema: z.ZodType | undefined): string[] {
  const def = (schema as { _zod?: { def?: { type?: string; shape?: Record<string, unknown> } } } | undefined)?._zod?.def
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : []
}

/**
 * Declares the routes of a feature. Checked once, at import: every path parameter has a schema, every
 * header name is lower-case, every route declares at least one response.
 */
export function defineContract<const T extends Record<string, RouteSpec>>(tag: string, routes: T): { readonly [K in keyof T]: Route<T[K]> } {
  const out: Record<string, Route> = {}
  for (const [name, spec] of Object.entries(routes)) {
    const where = `${spec.method.toUpperCase()} ${spec.path}`
    const declared = shapeKeys(spec.params)
    for (const p of pathParamNames(spec.path)) {
      if (!declared.includes(p)) throw new Error(`contract ${tag}.${name} (${where}): path parameter :${p} has no schema`)
    }
    for (const h of shapeKeys(spec.headers)) {
      if (h !== h.toLowerCase()) throw new Error(`contract ${tag}.${name} (${where}): header ${h} must be lower-case`)
    }
    if (Object.keys(spec.responses).length === 0) throw new Error(`contract ${tag}.${name} (${where}): no response declared`)
    out[name] = { tag, ...spec, name }
  }
  return out as { readonly [K in keyof T]: Route<T[K]> }
}

// ---------------------------------------------------------------------------------------------
// Types derived from a route (for the server's handlers and the mini-program's calls)
// ---------------------------------------------------------------------------------------------

type Part = 'params' | 'query' | 'body' | 'headers'
/** What the server works with after parsing (`z.output`), or undefined when the route has no such part. */
export type ParsedPart<R extends RouteSpec, K extends Part> = R[K] extends z.ZodType ? z.output<R[K]> : undefined
/** What a caller sends (`z.input`). */
export type SentPart<R extends RouteSpec, K extends Part> = R[K] extends z.ZodType ? z.input<R[K]> : undefined

export type SuccessStatus = 200 | 201 | 202 | 204
export type StatusOf<R extends RouteSpec> = keyof R['responses'] & number

/** The JSON a response spec carries (the file part of a download is not JSON). */
export type JsonOf<S, IO extends 'input' | 'output' = 'output'> = S extends z.ZodType
  ? IO extends 'input'
    ? z.input<S>
    : z.output<S>
  : S extends FileResponse<infer J>
    ? J extends z.ZodType
      ? IO extends 'input'
        ? z.input<J>
        : z.output<J>
      : never
    : S extends EmptyResponse
      ? undefined
      : never

/** What a successful call resolves with: the union of the 2xx responses' bodies. */
export type ResponseOf<R extends RouteSpec> = {
  [S in StatusOf<R>]: S extends SuccessStatus ? JsonOf<R['responses'][S]> : never
}[StatusOf<R>]

/** The empty object type: `Empty extends T` when every property of T is optional. */
type Empty = Record<never, never>
type OptionalIfEmpty<K extends string, T> = [T] extends [undefined] ? { [P in K]?: never } : Empty extends T ? { [P in K]?: T } : { [P in K]: T }

/** The argument of a call: params, query, body and headers, each required only when the route needs it. */
export type CallInput<R extends RouteSpec> = OptionalIfEmpty<'params', SentPart<R, 'params'>> &
  OptionalIfEmpty<'query', SentPart<R, 'query'>> &
  OptionalIfEmpty<'body', SentPart<R, 'body'>> &
  OptionalIfEmpty<'headers', SentPart<R, 'headers'>>

/** `call(route)` when nothing is required, `call(route, input)` otherwise. */
export type CallArgs<R extends RouteSpec> = Empty extends CallInput<R> ? [input?: CallInput<R>] : [input: CallInput<R>]

/** The path of a route with its parameters filled in (encoded): `/bookings/:id` → `/bookings/65…`. */
export function pathOf(route: Pick<RouteSpec, 'path'>, params?: Record<string, unknown>): string {
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const value = params?.[name]
    if (value === undefined || value === null || value === '') throw new Error(`pathOf ${route.path}: missing :${name}`)
    return encodeURIComponent(String(value))
  })
}

/** `idempotency-key` (as contracts name it, after Node's `req.headers`) → `Idempotency-Key` (as sent and documented). */
export function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())
}

/** A query string (without '?') of the defined values; '' when there are none. */
export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return ''
  return Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
}

/** Drops the undefined values of a query (a GET sends the rest as its query string). */
export function definedEntries<T extends Record<string, unknown>>(query: T | undefined): Partial<T> | undefined {
  if (!query) return undefined
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Partial<T>
}
