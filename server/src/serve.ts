import crypto from 'node:crypto'
import fs from 'node:fs'
import type { Server } from 'node:http'
import path from 'node:path'
import mongoose from 'mongoose'
import { config } from './config'
import { createApp } from './app'
import { setDevJwtSecret } from './lib/auth'
import { CONNECT_OPTIONS, disconnectDb, ensureIndexes } from './lib/db'
import { EmbeddedDbError, freeTcpPort, startEmbeddedDb, writeEmbeddedPortFile, type EmbeddedDb } from './lib/embedded-db'
import { JobRunner } from './lib/jobs'
import { logger } from './lib/logger'
import { backgroundJobs } from './modules/jobs'
import { seedIfEmpty } from './modules/seed'
import { backfillAuditDates } from './modules/audit'
import { backfillHallDays } from './modules/bookings'
import { sleep } from './lib/clock'
import { warmCaches } from './modules/warm-caches'

/** Announcements for the person running `npm start` (progress of the first start, demo credentials). */
function say(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n')
}

/** Development JWT secret: random once, kept in DATA_DIR so that logins survive restarts. */
function devSecret(dataDir: string): string {
  const file = path.join(dataDir, '.dev-jwt-secret')
  fs.mkdirSync(dataDir, { recursive: true })
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 })
  return fs.readFileSync(file, 'utf8').trim()
}

async function connectWithRetry(uri: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await mongoose.connect(uri, CONNECT_OPTIONS)
      await ensureIndexes()
      return
    } catch (err) {
      if (attempt >= 10) throw err
      logger.warn({ err: (err as Error).message, attempt }, 'database not reachable yet; retrying')
      await sleep(Math.min(5000, 500 * attempt))
    }
  }
}

export async function run(): Promise<void> {
  const c = config()
  if (!c.JWT_SECRET) setDevJwtSecret(devSecret(c.DATA_DIR))

  let embedded: EmbeddedDb | undefined
  let uri = c.MONGODB_URI
  if (!uri) {
    say(`Starting the embedded database (data in ${c.DATA_DIR})…`)
    // a free port by default, so that two instances with different data folders never collide
    const port = c.EMBEDDED_DB_PORT ?? (await freeTcpPort())
    embedded = await startEmbeddedDb({ dataDir: c.DATA_DIR, port }, say)
    // the operator command (`npm run admin`) finds the running database through this file
    writeEmbeddedPortFile(c.DATA_DIR, port)
    uri = embedded.uri('xinzhou')
  }
  await connectWithRetry(uri)
  logger.info({ db: mongoose.connection.name, embedded: Boolean(embedded) }, 'database connected')
  await backfillHallDays()
  await backfillAuditDates()

  if (c.SEED) {
    await seedIfEmpty({
      adminPassword: c.SEED_ADMIN_PASSWORD,
      staffPassword: c.SEED_STAFF_PASSWORD,
      production: c.NODE_ENV === 'production',
      history: true,
      print: say,
    })
  }

  const warmStarted = Date.now()
  await warmCaches()
  logger.info({ ms: Date.now() - warmStarted }, 'caches loaded')

  const jobs = new JobRunner(backgroundJobs, c.JOB_INTERVAL_MS)
  if (c.JOBS) jobs.start()

  const app = createApp()
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(c.PORT, c.HOST, () => resolve(s))
  })
  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : c.PORT
  say(`忻州政务·无忧办 is running: http://${c.HOST}:${port}/  (API: /api/v1, docs: /api/docs)`)
  logger.info({ port }, 'listening')

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    logger.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    server.close()
    server.closeIdleConnections?.()
    await jobs.stop()
    await disconnectDb().catch(() => undefined)
    await embedded?.stop()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}


export function reportStartFailure(err: unknown): never {
  if (err instanceof EmbeddedDbError) {
    process.stderr.write(`\n${err.message}\n\n`)
  } else {
    logger.fatal({ err }, 'failed to start')
    process.stderr.write(`Failed to start: ${(err as Error)?.message ?? err}\n`)
  }
  process.exit(1)
}
