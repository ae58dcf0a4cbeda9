/**
 * Boundary values of every date and number parameter in the route registry (read from the zod schemas):
 * min, max, max+1, min-1, far future, far past and empty, sent to a real server process. Each request must
 * be answered 2xx or 4xx within 2 s, and /health must keep answering throughout (issue 13: one request
 * with `to=9999-12-31` used to spin the event loop until the heap ran out).
 */
import { createApp } from '../../server/src/app'
import { routeRegistry } from '../../server/src/lib/routes'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { CITY, makeHall } from '../helpers/desk-fixtures'
import { boundaryFields, boundaryValues, fillPath, type Field } from '../helpers/schema-walk'
import { startServerProcess, type ServerProcess } from '../helpers/server-process'
import { sleep } from '../../server/src/lib/clock'

jest.setTimeout(300_000)
const db = useTestDb()
createApp() // fills the route registry

let server: ServerProcess
const sessions: Record<string, Session | undefined> = {}

beforeAll(async () => {
  const hall = await makeHall()
  sessions.citizen = await citizen()
  sessions.staff = await account({ role: 'staff', hallIds: [hall._id] })
  sessions.admin = await account({ role: 'admin', regionCode: CITY })
  server = await startServerProcess({ dbUri: db.uri })
})
afterAll(async () => server?.stop())

/** Polls /health every 100 ms; records the slowest answer and any failure. */
function watchHealth() {
  let stop = false
  const seen = { count: 0, failures: 0, slowestMs: 0 }
  const loop = (async () => {
    while (!stop) {
      const t = Date.now()
      try {
        const res = await fetch(`${server.url}/api/v1/health`, { signal: AbortSignal.timeout(2000) })
        if (res.status !== 200) seen.failures++
      } catch {
        seen.failures++
      }
      seen.slowestMs = Math.max(seen.slowestMs, Date.now() - t)
      seen.count++
      await sleep(100)
    }
  })()
  return {
    seen,
    async stop() {
      stop = true
      await loop
    },
  }
}

function roleFor(auth: string[] | undefined): Session | undefined {
  if (auth === undefined) return undefined
  if (auth.length === 0 || auth.includes('admin')) return sessions.admin
  return sessions[auth[0]]
}

describe('boundary values of every date and number parameter', () => {
  it('when each is sent to its route, then the answer is 2xx or 4xx within 2 s and /health keeps answering', async () => {
    const health = watchHealth()
    const problems: string[] = []
    let sent = 0
    for (const route of routeRegistry) {
      const fields = boundaryFields(route)
      if (fields.length === 0) continue
      const who = roleFor(route.route.auth === 'optional' ? undefined : (route.route.auth as string[] | undefined))
      const sameKind = (f: Field) => fields.filter((g) => g.where === f.where && g.kind === f.kind)
      for (const f of fields) {
        for (const value of boundaryValues(f)) {
          // the value alone, and (for date pairs like from/to) in every date field of the same part at once
          for (const together of sameKind(f).length > 1 ? [false, true] : [false]) {
            const targets = together ? sameKind(f) : [f]
            const put = (where: Field['where']) => Object.fromEntries(targets.filter((t) => t.where === where).map((t) => [t.name, value]))
            const query = new URLSearchParams(Object.entries(put('query')).map(([k, v]) => [k, String(v)]))
            const path = fillPath(route.path, Object.fromEntries(Object.entries(put('params')).map(([k, v]) => [k, String(v)])))
            const body = route.method === 'get' ? undefined : JSON.stringify(put('body'))
            const url = `${server.url}/api/v1${path}${query.size ? `?${query}` : ''}`
            const started = Date.now()
            sent++
            try {
              const res = await fetch(url, {
                method: route.method.toUpperCase(),
                headers: { ...(who ? who.auth : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
                body,
                signal: AbortSignal.timeout(2000),
              })
              await res.text()
              if (res.status >= 500) problems.push(`${res.status} ${route.method.toUpperCase()} ${url} ${body ?? ''}`)
            } catch (err) {
              problems.push(`no answer in ${Date.now() - started} ms: ${route.method.toUpperCase()} ${url} ${body ?? ''} (${(err as Error).name})`)
            }
          }
        }
      }
    }
    await health.stop()
    expect(problems).toEqual([])
    expect(sent).toBeGreaterThan(100)
    expect(health.seen.failures).toBe(0)
    expect(health.seen.count).toBeGreaterThan(5)
    expect(health.seen.slowestMs).toBeLessThan(2000)
    console.log(`boundaries: ${sent} requests, /health polled ${health.seen.count}×, slowest ${health.seen.slowestMs} ms`)
  })

  it('when the calendar or statistics are asked for year 9999, then 400 names the field at once', async () => {
    const cal = await fetch(`${server.url}/api/v1/calendar?from=9999-12-31&to=9999-12-31`, { signal: AbortSignal.timeout(2000) })
    expect(cal.status).toBe(400)
    const calBody = await cal.json()
    expect(calBody.error.code).toBe('VALIDATION_FAILED')
    expect(calBody.error.details.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['from', 'to']))
    const stats = await fetch(`${server.url}/api/v1/stats/overview?to=9999-12-31`, { headers: sessions.admin!.auth, signal: AbortSignal.timeout(2000) })
    expect(stats.status).toBe(400)
    expect((await stats.json()).error.details.issues[0].path).toBe('to')
  })
})
