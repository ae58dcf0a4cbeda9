/**
 * Killing the embedded database under a running app: 503s (not hangs, not crashes), then the supervisor
 * restarts the database and the API comes back by itself.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import mongoose from 'mongoose'
import { CONNECT_OPTIONS } from '../../server/src/lib/db'
import { ensureEmbeddedBinary, EmbeddedDb } from '../../server/src/lib/embedded-db'
import { User } from '../../server/src/modules/auth/auth.model'
import { api } from '../helpers/app'
import { freePort } from '../helpers/ports'
import { sleep } from '../../server/src/lib/clock'

let db: EmbeddedDb
let dir: string

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-outage-'))
  db = new EmbeddedDb(ensureEmbeddedBinary(), { dataDir: dir, port: await freePort() })
  await db.start()
  await mongoose.connect(db.uri('outage'), CONNECT_OPTIONS)
  await User.createIndexes()
})

afterAll(async () => {
  await mongoose.disconnect()
  await db.stop()
  fs.rmSync(dir, { recursive: true, force: true })
})

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return true
    await sleep(200)
  }
  return false
}

it('when the embedded database is killed, then the API answers 503 DB_UNAVAILABLE, and recovers by itself', async () => {
  const before = await api().post('/api/v1/auth/wechat').send({ code: 'persisted' })
  expect(before.status).toBe(200)
  expect((await api().get('/api/v1/health')).body).toMatchObject({ status: 'ok', db: 'up' })

  const oldPid = db.pid!
  process.kill(oldPid, 'SIGKILL')

  // while it is down: fast 503s with the error model, never a 500 or a hang
  const sawDown = await waitFor(async () => (await api().get('/api/v1/health')).status === 503, 10_000)
  expect(sawDown).toBe(true)
  const [health, during] = await Promise.all([
    api().get('/api/v1/health'),
    api().post('/api/v1/auth/wechat').send({ code: 'during' }),
  ])
  expect(health.body).toMatchObject({ status: 'degraded', db: 'down' })
  expect(during.status).toBe(503)
  expect(during.body.error.code).toBe('DB_UNAVAILABLE')

  // the supervisor restarts it on the same port and data directory; the driver reconnects
  const back = await waitFor(async () => (await api().get('/api/v1/health')).status === 200, 30_000)
  expect(back).toBe(true)
  expect(db.pid).not.toBe(oldPid)
  const after = await api().post('/api/v1/auth/wechat').send({ code: 'persisted' })
  expect(after.status).toBe(200)
  expect(after.body.user.id).toBe(before.body.user.id) // data survived in the SQLite files
})
