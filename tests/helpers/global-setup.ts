import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmbeddedDb } from '../../server/src/lib/embedded-db'
import { freePort } from './ports'

/**
 * Starts one embedded database (FerretDB, SQLite in a fresh temp dir) for the whole run; every test file
 * then uses a database of its own on it. With TEST_MONGODB_URI set (e.g. a real MongoDB), that server is used.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_MONGODB_URI) {
    process.env.XZ_TEST_DB_BASE = process.env.TEST_MONGODB_URI.replace(/\/[^/]*$/, '')
    return
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-test-db-'))
  const port = await freePort()
  const db = await startEmbeddedDb({ dataDir: dir, port, supervise: false }, (m) => process.stdout.write(`\n${m}\n`))
  ;(globalThis as Record<string, unknown>).__XZ_TEST_DB__ = { db, dir }
  process.env.XZ_TEST_DB_BASE = `mongodb://127.0.0.1:${port}`
  process.env.XZ_TEST_DB_DIR = dir
}
