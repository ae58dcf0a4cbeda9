import * as z from 'zod'
import { ERROR_HTTP_STATUS, ErrorBodySchema, headerName, type EmptyResponse, type FileResponse, type ResponseSpec, type Route } from '@xz/shared'
import { routeRegistry, type RegisteredRoute } from './routes'

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

function parameters(spec: Route, path: string) {
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
  if (spec.headers) {
    const js = schemaOf(spec.headers, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] }
    for (const [name, { description, ...schema }] of Object.entries(js.properties ?? {})) {
      out.push({ name: headerName(name), in: 'header', required: (js.required ?? []).includes(name), ...(description ? { description } : {}), schema })
    }
  }
  return out
}

type Registered = RegisteredRoute

/** One declared response: its JSON schema, its download types, or nothing (204). */
function successResponse(spec: ResponseSpec, headers: Route['responseHeaders']): Record<string, unknown> {
  const asFile = spec as FileResponse
  const content: Record<string, unknown> = {}
  if (asFile.kind === 'file') {
    for (const type of asFile.contentTypes) content[type] = { schema: { type: 'string', format: 'binary' } }
    if (asFile.json) content['application/json'] = { schema: schemaOf(asFile.json, 'output') }
  } else if ((spec as EmptyResponse).kind !== 'empty') {
    content['application/json'] = { schema: schemaOf(spec as z.ZodType, 'output') }
  }
  return {
    description: (spec as EmptyResponse).kind === 'empty' ? 'No content' : 'OK',
    ...(headers ? { headers: Object.fromEntries(Object.entries(headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])) } : {}),
    ...(Object.keys(content).length ? { content } : {}),
  }
}

/** The error statuses a route can really answer, each with the codes behind it (derived from its declaration). */
function errorResponses(r: Registered, errorSchema: JsonSchema): Record<string, unknown> {
  const codes: Record<number, string[]> = {}
  const add = (status: number, ...c: string[]) => (codes[status] = [...(codes[status] ?? []), ...c])
  const hasInput = Boolean(r.route.body || r.route.query || r.route.params || r.route.headers)
  if (hasInput) add(400, 'VALIDATION_FAILED')
  if (r.route.body) {
    add(400, 'BAD_JSON')
    add(413, 'PAYLOAD_TOO_LARGE')
    add(415, 'UNSUPPORTED_MEDIA_TYPE')
  }
  if (r.route.auth !== undefined && r.route.auth !== 'optional') {
    add(401, 'UNAUTHENTICATED', 'TOKEN_EXPIRED')
    add(403, 'ACCOUNT_DISABLED', ...(r.route.auth.length ? ['FORBIDDEN'] : []))
  }
  if (r.path.includes('/:')) add(404, 'NOT_FOUND')
  if (r.method !== 'get') {
    // business rules of writes (the message says which)
    add(409, 'CONFLICT', 'DUPLICATE')
    add(422, 'RULE_VIOLATION', 'INVALID_STATE')
  }
  if (r.rateLimit !== false && (r.method !== 'get' || (r.rateLimit?.length ?? 0) > 0)) add(429, 'RATE_LIMITED')
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
    const responses: Record<string, unknown> = errorResponses(r, errorSchema)
    for (const [status, spec] of Object.entries(r.route.responses)) {
      const documented = successResponse(spec, r.route.responseHeaders)
      // a declared non-2xx answer (health's 503) documents its body over the generic error one
      responses[status] = status in responses ? { ...documented, description: `${(responses[status] as { description: string }).description}; or this body` } : documented
    }
    paths[p][r.method] = {
      tags: [r.tag],
      summary: r.route.summary,
      operationId: `${r.method}_${r.path.replace(/[^A-Za-z0-9]+/g, '_')}`,
      ...(r.route.auth === 'optional'
        ? { security: [{}, { bearer: [] }], description: 'Public; the answer depends on the caller when signed in' }
        : r.route.auth !== undefined
          ? {
              security: [{ bearer: [] }],
              description: r.route.auth.length ? `Roles: ${r.route.auth.join(', ')}` : 'Any signed-in user',
            }
          : {}),
      parameters: parameters(r.route, r.path),
      ...(r.route.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.route.body, 'input') } } } }
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
