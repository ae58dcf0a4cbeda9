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

/**
 * Creates the indexes of every registered model explicitly, so that index failures surface at start.
 *
 * Index names matter: an index whose name ends in `_pushdown` tells the patched embedded database that its first
 * field always holds a scalar, so an equality on it is searched in SQL (server/embedded-db/patches). On the embedded
 * database only the indexes it uses are kept (`usedByEmbeddedDb`). When a
 * model renames an index (e.g. `userId_1_status_1` → `userId_1_status_1_pushdown`), the index with the same key
 * under the old name is dropped first: MongoDB refuses two indexes with one key.
 */
export async function ensureIndexes(): Promise<void> {
  const embedded = await isFerretDb()
  for (const name of mongoose.modelNames()) {
    const model = mongoose.model(name)
    await dropRenamedIndexes(model)
    if (!embedded) {
      await model.createIndexes()
      continue
    }
    const [used, unused] = partition(model.schema.indexes(), ([, options]) => usedByEmbeddedDb(options))
    // (as Model.createIndexes does it for the plain schemas here: no discriminators, collations or write concerns)
    for (const [keys, { _autoIndex, ...options }] of used as [IndexSpec[0], IndexSpec[1] & { _autoIndex?: unknown }][]) {
      await model.collection.createIndex(keys as mongoose.mongo.IndexSpecification, options as mongoose.mongo.CreateIndexesOptions)
    }
    await dropIndexesWithKeys(model, unused.map(([keys]) => keys))
  }
}

type IndexSpec = ReturnType<mongoose.Schema['indexes']>[number]

/** Whether the connected server is FerretDB, the embedded database (its `buildInfo` names its version). */
async function isFerretDb(): Promise<boolean> {
  const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 })
  return 'ferretdbVersion' in info
}

/**
 * Whether an index does anything on the embedded database. FerretDB v1 searches SQL only by `_id` and (patched) by
 * the first field of an index named `*_pushdown`; it never reads any other index, yet every insert and update
 * maintains them all (three of the bookings' nine were 22 % of a booking insert's database CPU at the SPEC §6 volumes).
 * A unique index enforces its key, so it stays. MongoDB gets every index.
 */
export function usedByEmbeddedDb(options: IndexSpec[1]): boolean {
  return Boolean(options?.unique) || (typeof options?.name === 'string' && options.name.endsWith('_pushdown'))
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))]
}

/** Drops the collection's indexes on exactly these keys (made by an earlier version, or before this rule). */
async function dropIndexesWithKeys(model: mongoose.Model<any>, keys: IndexSpec[0][]): Promise<void> {
  if (keys.length === 0) return
  for (const index of await existingIndexes(model)) {
    if (!index.name || index.name === '_id_' || !keys.some((k) => JSON.stringify(k) === JSON.stringify(index.key))) continue
    logger.info({ collection: model.collection.name, index: index.name }, 'dropping an index the embedded database never reads')
    // several processes may do this at once: an index already dropped is fine
    await model.collection.dropIndex(index.name).catch(() => undefined)
  }
}

/** The collection's indexes; none while the collection does not exist. */
async function existingIndexes(model: mongoose.Model<any>): Promise<{ name?: string; key: Record<string, unknown> }[]> {
  try {
    return (await model.collection.indexes()) as { name?: string; key: Record<string, unknown> }[]
  } catch {
    return [] // no collection yet
  }
}

async function dropRenamedIndexes(model: mongoose.Model<any>): Promise<void> {
  const wanted = model.schema.indexes().filter(([, opts]) => typeof opts?.name === 'string')
  if (wanted.length === 0) return
  const existing = await existingIndexes(model)
  for (const [key, opts] of wanted) {
    const same = existing.find((i) => i.name !== opts.name && i.name !== '_id_' && JSON.stringify(i.key) === JSON.stringify(key))
    if (!same?.name) continue
    logger.info({ collection: model.collection.name, from: same.name, to: opts.name }, 'renaming an index')
    // several processes may do this at once: an index already dropped is fine
    await model.collection.dropIndex(same.name).catch(() => undefined)
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

/** Ids per `$in` read at most (FerretDB patch 05 searches an `_id` `$in` of up to 1,000 values through the index). */
const FIND_BY_IDS_CHUNK = 1000

/**
 * The lean documents with these `_id`s, in the order of `ids` (null where there is none): one `find` by `_id` `$in`
 * per thousand ids, which the embedded database searches through its `_id` index (patch 05) as MongoDB does.
 */
export async function findByIds<T extends { _id: unknown }>(model: mongoose.Model<any>, ids: readonly Id[], select?: string): Promise<(T | null)[]> {
  const unique = [...new Set(ids.map(String))]
  const found = new Map<string, T>()
  for (let i = 0; i < unique.length; i += FIND_BY_IDS_CHUNK) {
    const chunk = unique.slice(i, i + FIND_BY_IDS_CHUNK)
    for (const d of await model.find({ _id: { $in: chunk } }, select).lean<T[]>()) found.set(String(d._id), d)
  }
  return ids.map((id) => found.get(String(id)) ?? null)
}

/** A stored document's id. */
export type ObjectId = mongoose.Types.ObjectId
/** An id as a caller holds it: a stored document's id, or its hex string (route params, cache keys). */
export type Id = ObjectId | string
