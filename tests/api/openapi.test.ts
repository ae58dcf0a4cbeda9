import { api, testApp } from '../helpers/app'

interface Layer {
  // Express 5 router layer (internal shape)
  route?: { path: string; methods: Record<string, boolean> }
  name: string
  handle: { stack?: Layer[] }
  matchers?: unknown[]
  regexp?: RegExp
}

describe('OpenAPI document', () => {
  it('is served at /api/openapi.json with every /api/v1 route the app registers', async () => {
    const res = await api().get('/api/openapi.json')
    expect(res.status).toBe(200)
    expect(res.body.openapi).toBe('3.1.0')
    const documented = new Set<string>()
    for (const [p, ops] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`)
    }
    const registered = registeredRoutes()
    expect(registered.length).toBeGreaterThan(5)
    const missing = registered.filter((r) => !documented.has(r))
    expect(missing).toEqual([])
  })

  it('describes request bodies from the shared schemas', async () => {
    const res = await api().get('/api/openapi.json')
    const op = res.body.paths['/api/v1/auth/staff'].post
    expect(op.requestBody.content['application/json'].schema.properties).toHaveProperty('username')
    expect(op.requestBody.content['application/json'].schema.required).toEqual(['username', 'password'])
  })

  it('has a browsable page at /api/docs', async () => {
    const page = await api().get('/api/docs')
    expect(page.status).toBe(200)
    expect(page.text).toContain('swagger-ui')
    const asset = await api().get('/api/docs/assets/swagger-ui-bundle.js')
    expect(asset.status).toBe(200)
  })
})

/**
 * Routes as Express sees them: every feature router is mounted on the /api/v1 router by base path, so
 * we rebuild `METHOD /api/v1<base><path>` from each feature router's own stack and mount regexp.
 */
function registeredRoutes(): string[] {
  const app = testApp() as unknown as { router: { stack: Layer[] } }
  const out: string[] = []
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const m of Object.keys(layer.route.methods)) {
          out.push(`${m.toUpperCase()} ${prefix}${layer.route.path === '/' ? '' : layer.route.path}`)
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + mountOf(layer, prefix))
      }
    }
  }
  walk(app.router.stack, '')
  return out.filter((r) => r.includes(' /api/v1'))
}

/** Recovers the literal mount path of a router layer from its matcher (Express 5 / path-to-regexp 8). */
function mountOf(layer: Layer, prefix: string): string {
  const match = (layer.matchers as ((p: string) => { path?: string } | false)[] | undefined)?.[0]
  if (!match || (layer as unknown as { slash?: boolean }).slash) return ''
  for (const candidate of candidatePaths) {
    if (!candidate.startsWith(prefix)) continue
    const rel = candidate.slice(prefix.length)
    if (!rel.startsWith('/')) continue
    const res = match(rel)
    if (res && res.path && res.path !== '/') return res.path
  }
  return ''
}

let candidatePaths: string[] = []
beforeAll(async () => {
  const doc = (await api().get('/api/openapi.json')).body as { paths: Record<string, unknown> }
  // every prefix of every documented path, longest first, is a candidate mount path
  const set = new Set<string>()
  for (const p of Object.keys(doc.paths)) {
    const parts = p.split('/')
    for (let i = 2; i <= parts.length; i++) set.add(parts.slice(0, i).join('/'))
  }
  set.add('/api/v1')
  candidatePaths = [...set].sort((a, b) => b.length - a.length)
})

describe('OpenAPI: real rules (issue 13)', () => {
  it('lists the real error statuses per route instead of a blanket default', async () => {
    const res = await api().get('/api/openapi.json')
    const login = res.body.paths['/api/v1/auth/staff'].post.responses
    expect(Object.keys(login)).toEqual(expect.arrayContaining(['200', '400', '415', '429', '503']))
    expect(login.default).toBeUndefined()
    const health = res.body.paths['/api/v1/health'].get.responses
    expect(health['429']).toBeUndefined()
    expect(health['401']).toBeUndefined()
    const me = res.body.paths['/api/v1/me'].get.responses
    expect(me['401'].description).toContain('UNAUTHENTICATED')
  })

  it('gives formats and patterns for dates, mobiles, credit codes and ids', async () => {
    const res = await api().get('/api/openapi.json')
    const params = res.body.paths['/api/v1/calendar'].get.parameters as { name: string; schema: { format?: string; pattern?: string } }[]
    const from = params.find((p) => p.name === 'from')!
    expect(from.schema.format).toBe('date')
    expect(new RegExp(from.schema.pattern!).test('9999-12-31')).toBe(false)
    expect(new RegExp(from.schema.pattern!).test('2026-10-01')).toBe(true)
    const meBody = res.body.paths['/api/v1/me'].patch.requestBody.content['application/json'].schema
    expect(meBody.properties.mobile.format).toBe('cn-mobile')
    expect(meBody.properties.enterprise.anyOf?.[0]?.properties?.creditCode?.format ?? meBody.properties.enterprise.properties?.creditCode?.format).toBe('cn-credit-code')
    const hall = res.body.paths['/api/v1/halls/{id}'].get.parameters.find((p: { name: string }) => p.name === 'id')
    expect(hall.schema.format).toBe('objectid')
  })
})
