import crypto from 'node:crypto'
import mongoose from 'mongoose'
import { CONNECT_OPTIONS, ensureIndexes } from '../../server/src/lib/db'

/** Base URI of the test database server (set by global-setup). */
export function testDbBase(): string {
  const base = process.env.XZ_TEST_DB_BASE
  if (!base) throw new Error('XZ_TEST_DB_BASE is not set: run the tests through jest (global-setup starts the database)')
  return base
}

/** A fresh database name: one per test file (and per jest worker). */
export function freshDbName(prefix = 't'): string {
  return `${prefix}_${process.env.JEST_WORKER_ID ?? '0'}_${crypto.randomBytes(5).toString('hex')}`
}

export function testDbUri(name: string): string {
  return `${testDbBase()}/${name}?directConnection=true&retryWrites=false`
}

/**
 * Connects mongoose to a fresh database for this test file (with every model's indexes) and drops it afterwards.
 * Import the models the file uses before calling this, so their indexes get created. `monitorCommands` lets a
 * test count the driver's commands (`commandStarted` events).
 */
export function useTestDb(opts: { monitorCommands?: boolean } = {}): { name: string; uri: string } {
  const ref = { name: freshDbName(), uri: '' }
  ref.uri = testDbUri(ref.name)
  beforeAll(async () => {
    await mongoose.connect(ref.uri, { ...CONNECT_OPTIONS, monitorCommands: Boolean(opts.monitorCommands) })
    await ensureIndexes()
  })
  afterAll(async () => {
    await mongoose.connection.dropDatabase().catch(() => undefined)
    await mongoose.disconnect()
  })
  return ref
}

export interface Command {
  name: string
  collection: string
  command: Record<string, unknown>
}

/** The driver's commands while `fn` runs (the file must `useTestDb({ monitorCommands: true })`), without handshakes. */
export async function recording<T>(fn: () => Promise<T>): Promise<{ result: T; commands: Command[] }> {
  const commands: Command[] = []
  const on = (e: { commandName: string; command: Record<string, unknown> }) => {
    if (!['hello', 'isMaster', 'ping', 'endSessions'].includes(e.commandName)) {
      commands.push({ name: e.commandName, collection: String(e.command[e.commandName]), command: e.command })
    }
  }
  const client = mongoose.connection.getClient()
  client.on('commandStarted', on)
  try {
    return { result: await fn(), commands }
  } finally {
    client.off('commandStarted', on)
  }
}
