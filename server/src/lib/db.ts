import mongoose from 'mongoose'
import { logger } from './logger'

/** Connection options that work on both MongoDB and the embedded FerretDB (see notes/embedded-db.md). */
export const CONNECT_OPTIONS: mongoose.ConnectOptions = {
  serverSelectionTimeoutMS: 5000,
  maxPoolSize: 10,
  autoIndex: false,
  autoCreate: true,
  retryWrites: false,
  directConnection: true,
  heartbeatFrequencyMS: 2000,
}

// Fail fast instead of queueing operations while the database is down: routes answer 503 at once.
mongoose.set('bufferCommands', false)
mongoose.set('strictQuery', true)

export async function connectDb(uri: string): Promise<typeof mongoose> {
  await mongoose.connect(uri, CONNECT_OPTIONS)
  await ensureIndexes()
  logger.info({ db: mongoose.connection.name }, 'database connected')
  return mongoose
}

/** Creates the indexes of every registered model explicitly, so that index failures surface at start. */
export async function ensureIndexes(): Promise<void> {
  for (const name of mongoose.modelNames()) {
    await mongoose.model(name).createIndexes()
  }
}

export function dbUp(): boolean {
  return mongoose.connection.readyState === 1
}

/** A live round trip to the database (health check). */
export async function pingDb(timeoutMs = 1500): Promise<boolean> {
  const db = mongoose.connection.db
  if (!db || mongoose.connection.readyState !== 1) return false
  try {
    await Promise.race([
      db.admin().command({ ping: 1 }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('ping timeout')), timeoutMs)),
    ])
    return true
  } catch {
    return false
  }
}

export async function disconnectDb(): Promise<void> {
  await mongoose.disconnect()
}
