/**
 * Read-mostly data (points, the calendar, session rules) lives in each server process's memory, refreshed through
 * version documents (server/src/lib/versioned-cache.ts). With TWO server processes sharing one database, an
 * administrator's change made through one process must be visible through the other within a second.
 */
import { hallInput } from '../helpers/factories'
import { account, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { http as call, startServerProcess, type ServerProcess } from '../helpers/server-process'
import { sleep } from '../../server/src/lib/clock'

jest.setTimeout(120_000)
const db = useTestDb()

let servers: ServerProcess[] = []
let admin: Session

beforeAll(async () => {
  admin = await account({ role: 'admin', regionCode: '140900' })
  servers = await Promise.all([0, 1].map(() => startServerProcess({ dbUri: db.uri })))
})

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
})

/** Polls `check` through the other process until it holds; the time it took (ms), or Infinity after 5 s. */
async function visibleAfter(check: () => Promise<boolean>): Promise<number> {
  const started = Date.now()
  while (Date.now() - started < 5000) {
    if (await check()) return Date.now() - started
    await sleep(25)
  }
  return Infinity
}

describe('in-process caches across two server processes', () => {
  it('when an administrator creates, renames and archives a point through one process, then the other shows each change within a second', async () => {
    const [a, b] = servers
    // both processes have their caches loaded before the change
    await call(b, 'GET', '/api/v1/halls?lat=38.4&lng=112.7')
    const created = await call(a, 'POST', '/api/v1/admin/halls', { body: hallInput({ name: '缓存同步测试网点', location: { lat: 38.41, lng: 112.71 } }), headers: admin.auth })
    expect(created.status).toBe(201)
    const id = created.body.id as string
    const listed = async () => ((await call(b, 'GET', '/api/v1/halls?lat=38.41&lng=112.71')).body.items as { id: string; name: string }[]).find((h) => h.id === id)

    expect(await visibleAfter(async () => Boolean(await listed()))).toBeLessThan(1000)

    const renamed = await call(a, 'PATCH', `/api/v1/admin/halls/${id}`, { body: { name: '缓存同步测试网点（改名）' }, headers: admin.auth })
    expect(renamed.status).toBe(200)
    expect(await visibleAfter(async () => (await call(b, 'GET', `/api/v1/halls/${id}`)).body?.name === '缓存同步测试网点（改名）')).toBeLessThan(1000)

    expect((await call(a, 'POST', `/api/v1/admin/halls/${id}/archive`, { headers: admin.auth })).status).toBe(200)
    expect(await visibleAfter(async () => (await listed()) === undefined)).toBeLessThan(1000)
  })

  it('when an administrator overrides a date of the calendar through one process, then the other shows it within a second', async () => {
    const [a, b] = servers
    const date = '2026-11-11'
    const dayOf = async () => ((await call(b, 'GET', `/api/v1/calendar?from=${date}&to=${date}`)).body as { type: string; name: string }[])[0]
    expect((await dayOf()).type).toBe('workday')
    const put = await call(a, 'PUT', `/api/v1/admin/calendar/overrides/${date}`, { body: { type: 'holiday', name: '临时闭馆' }, headers: admin.auth })
    expect(put.status).toBe(200)
    expect(await visibleAfter(async () => (await dayOf()).type === 'holiday')).toBeLessThan(1000)
  })
})
