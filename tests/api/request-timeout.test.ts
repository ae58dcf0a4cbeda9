/**
 * A request that takes longer than REQUEST_TIMEOUT_MS is answered 503 REQUEST_TIMEOUT (with Retry-After),
 * while /health keeps answering. Uses a real server process with the test-only slow route
 * (TEST_ROUTES=true, mounted only when NODE_ENV=test) and a 300 ms limit.
 */
import { useTestDb } from '../helpers/db'
import { startServerProcess, type ServerProcess } from '../helpers/server-process'
import { sleep } from '../../server/src/lib/clock'

jest.setTimeout(120_000)
const db = useTestDb()
let server: ServerProcess

beforeAll(async () => {
  server = await startServerProcess({ dbUri: db.uri, env: { REQUEST_TIMEOUT_MS: '300', TEST_ROUTES: 'true' } })
})
afterAll(async () => server?.stop())

describe('request timeout', () => {
  it('when a request takes longer than the limit, then 503 REQUEST_TIMEOUT comes at the limit and /health answers meanwhile', async () => {
    const started = Date.now()
    const slow = fetch(`${server.url}/api/v1/__test/slow?ms=5000`)
    await sleep(50)
    const health = await fetch(`${server.url}/api/v1/health`, { signal: AbortSignal.timeout(1000) })
    expect(health.status).toBe(200)
    const res = await slow
    const elapsed = Date.now() - started
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect((await res.json()).error.code).toBe('REQUEST_TIMEOUT')
    expect(elapsed).toBeGreaterThanOrEqual(290)
    expect(elapsed).toBeLessThan(3000)
  })

  it('when a request finishes within the limit, then it is answered normally', async () => {
    const res = await fetch(`${server.url}/api/v1/__test/slow?ms=20`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ sleptMs: 20 })
  })

  it('when the process was started without TEST_ROUTES, then the slow route does not exist', async () => {
    const other = await startServerProcess({ dbUri: db.uri })
    try {
      const res = await fetch(`${other.url}/api/v1/__test/slow?ms=20`)
      expect(res.status).toBe(404)
    } finally {
      await other.stop()
    }
  })
})
