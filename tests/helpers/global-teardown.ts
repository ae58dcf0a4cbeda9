import fs from 'node:fs'
import type { EmbeddedDb } from '../../server/src/lib/embedded-db'

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__XZ_TEST_DB__ as { db: EmbeddedDb; dir: string } | undefined
  if (!state) return
  await state.db.stop()
  fs.rmSync(state.dir, { recursive: true, force: true })
}
