import * as z from 'zod'
import { ERROR_HTTP_STATUS, ErrorBodySchema } from '@xz/shared'
import { routeRegistry } from './routes'

type JsonSchema = Record<string, unknown>

function schemaOf(s: z.ZodType, io: 'input' | 'output'): JsonSchema {
  try {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as JsonSchema
    return rest
  } catch {
    return {}
  }
}

/** Express path `/bookings/:id/cancel` → OpenAPI `/bookings/{id}/cancel`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
}

function parameters(spec: (typeof routeRegistry)[number]['spec'], path: string) {
  const out: unknown[] = []
  const addFrom = (s: z.ZodType | undefined, where: 'query' | 'path') => {
    if (!s) return
    const js = schemaOf(s, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] }
    for (const [name, schema] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema })
    }
  }
  addFrom(spec.query, 'query')
  addFrom(spec.params, 'path')
  // path params not described by a schema
  for (const m of path.matchAll(/:([A-Za-z0-9_]+)/g)) {
    if (!out.some((p) => (p as { name: string }).name === m[1])) {
      out.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })
    }
  }
  for (const [name, description] of Object.entries(spec.headers ?? {})) {
    out.push({ name, in: 'header', required: false, description, schema: { type: 'string' } })
  }
  return out
}

type Registered = (typeof routeRegistry)[number]

/** The error statuses a route can really answer, each with the codes behind it (derived from its declaration). */
function errorResponses(r: Registered, errorSchema: JsonSchema): Record<string, unknown> {
  const codes: Record<number, string[]> = {}
  const add = (status: number, ...c: string[]) => (codes[status] = [...(codes[status] ?? []), ...c])
  const hasInput = Boolean(r.spec.body || r.spec.query || r.spec.params)
  if (hasInput) add(400, 'VALIDATION_FAILED')
  if (r.spec.body) {
    add(400, 'BAD_JSON')
    add(413, 'PAYLOAD_TOO_LARGE')
    add(415, 'UNSUPPORTED_MEDIA_TYPE')
  }
  if (r.spec.auth !== undefined) {
    add(401, 'UNAUTHENTICATED', 'TOKEN_EXPIRED')
    add(403, 'ACCOUNT_DISABLED', ...(r.spec.auth.length ? ['FORBIDDEN'] : []))
  }
  if (r.path.includes('/:')) add(404, 'NOT_FOUND')
  if (r.method !== 'get') {
    // business rules of writes (the message says which)
    add(409, 'CONFLICT', 'DUPLICATE')
    add(422, 'RULE_VIOLATION', 'INVALID_STATE')
  }
  if (r.spec.rateLimit !== false && (r.method !== 'get' || (r.spec.rateLimit?.length ?? 0) > 0)) add(429, 'RATE_LIMITED')
  if (r.path === '/auth/staff') add(429, 'ACCOUNT_LOCKED')
  add(503, 'DB_UNAVAILABLE', 'REQUEST_TIMEOUT')
  return Object.fromEntries(
    Object.entries(codes).map(([status, list]) => [
      status,
      { description: `Error: ${[...new Set(list)].join(', ')}`, content: { 'application/json': { schema: errorSchema } } },
    ]),
  )
}

/** OpenAPI 3.1 document generated from the route registry and the shared zod schemas. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  const errorSchema = schemaOf(ErrorBodySchema, 'output')
  for (const r of routeRegistry) {
    const p = toOpenApiPath('/api/v1' + r.path)
    paths[p] ??= {}
    const status = String(r.spec.status ?? 200)
    const responses: Record<string, unknown> = {
      [status]: {
        description: 'OK',
        ...(r.spec.response ? { content: { 'application/json': { schema: schemaOf(r.spec.response, 'output') } } } : {}),
      },
      ...errorResponses(r, errorSchema),
    }
    paths[p][r.method] = {
      tags: [r.tag],
      summary: r.spec.summary,
      operationId: `${r.method}_${r.path.replace(/[^A-Za-z0-9]+/g, '_')}`,
      ...(r.spec.auth !== undefined
        ? {
            security: [{ bearer: [] }],
            description: r.spec.auth.length ? `Roles: ${r.spec.auth.join(', ')}` : 'Any signed-in user',
          }
        : {}),
      parameters: parameters(r.spec, r.path),
      ...(r.spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.spec.body, 'input') } } } }
        : {}),
      responses,
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '忻州政务·无忧办 API',
      version: '1.0.0',
      description:
        'Off-hours appointments, service guides and 好差评 for Xinzhou. Errors: {"error":{"code","message","details?"}}. ' +
        'Codes and statuses: ' +
        Object.entries(ERROR_HTTP_STATUS)
          .map(([c, s]) => `${c}=${s}`)
          .join(', '),
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  }
}
