import { randomUUID } from 'node:crypto'
import mongoose, { Schema } from 'mongoose'
import { isDuplicateKey } from './errors'
import { GroupReads } from './group-reads'

/**
 * Read-mostly data kept in process memory (points, session rules, the calendar, regions…), shared by every server
 * process through version documents: `data_versions` holds one document per data set (`_id` = its name) whose
 * `version` is set to a new random value after every write to that data set, in whichever process. A cache reads
 * that one document by `_id` (at most every `CACHE_CHECK_MS`, concurrent readers sharing one read) and reloads the
 * whole set when the version moved. So a change made in one process is visible in every process within
 * `CACHE_CHECK_MS` plus one reload, and at once in the process that made it.
 *
 * Only data sets that stay bounded (thousands of documents, not a growing history) belong here.
 */
const dataVersionSchema = new Schema(
  { _id: { type: String }, version: { type: String, required: true } },
  { collection: 'data_versions', versionKey: false },
)
export const DataVersion = mongoose.model('DataVersion', dataVersionSchema)

/** How long a cache trusts its version without reading it again (ms). */
export const CACHE_CHECK_MS = Number(process.env.CACHE_CHECK_MS ?? 250)

const caches = new Map<string, Set<VersionedCache<unknown>>>()

/** Marks a data set as changed, here and (through its version document) in every other process. */
export async function bumpVersion(id: string): Promise<void> {
  for (const c of caches.get(id) ?? []) c.invalidate()
  await writeNewVersion(DataVersion, id)
  for (const c of caches.get(id) ?? []) c.invalidate()
}

/** Sets the version document `id` of a versions collection (`{ _id, version }`) to a new random value, creating it if missing. */
export async function writeNewVersion(versions: typeof DataVersion, id: string): Promise<void> {
  const update = { $set: { version: randomUUID() } }
  try {
    await versions.updateOne({ _id: id }, update, { upsert: true })
  } catch (err) {
    // another process created the document at the same moment: set it again, so that this write counts too
    if (!isDuplicateKey(err)) throw err
    await versions.updateOne({ _id: id }, update)
  }
}

/**
 * Bumps the data set's version after every write through the schema's model (raw `Model.collection` writes must
 * call `bumpVersion` themselves).
 */
export function trackWrites(schema: Schema, id: string): void {
  afterEveryWrite(schema, async () => bumpVersion(id))
}

/** Runs `onWrite` after every write through the schema's model (save, insertMany, bulkWrite, query and document updates and deletes). */
export function afterEveryWrite(schema: Schema, onWrite: () => Promise<void>): void {
  // (no parameters: a post hook of two parameters would be taken for one that calls `next`)
  const bump = async () => onWrite()
  schema.post('save', bump)
  schema.post('insertMany', bump)
  schema.post('bulkWrite', bump)
  schema.post(
    ['updateOne', 'updateMany', 'replaceOne', 'findOneAndUpdate', 'findOneAndReplace', 'deleteOne', 'deleteMany', 'findOneAndDelete'],
    { document: false, query: true },
    bump,
  )
  schema.post(['updateOne', 'deleteOne'], { document: true, query: false }, bump)
}

/** Every cache's version check, grouped (lib/group-reads): concurrent checks of several data sets share a command. */
const versionReads = new GroupReads<{ version?: string | null }>(() => DataVersion, { version: 1 })

async function readVersion(id: string): Promise<string | null> {
  const doc = await versionReads.read(id)
  return doc?.version ?? null
}

export class VersionedCache<T> {
  private data?: { version: string | null; value: T }
  private checkedAt = 0
  /** Changes on every local invalidation: a reload that began before one does not count as fresh. */
  private generation = 0
  private pending?: { generation: number; value: Promise<T> }

  constructor(
    readonly id: string,
    private readonly loader: () => Promise<T>,
    private readonly checkMs = CACHE_CHECK_MS,
  ) {
    let set = caches.get(id)
    if (!set) caches.set(id, (set = new Set()))
    set.add(this as VersionedCache<unknown>)
  }

  /** The data set, current as of its version read at most `checkMs` ago (or after the last local write). */
  get(): Promise<T> {
    if (this.data && Date.now() - this.checkedAt < this.checkMs) return Promise.resolve(this.data.value)
    // share one reload between concurrent readers, but never one that began before a local write
    if (this.pending?.generation !== this.generation) {
      const pending = { generation: this.generation, value: this.refresh() }
      this.pending = pending
      void pending.value.finally(() => {
        if (this.pending === pending) this.pending = undefined
      }).catch(() => undefined)
    }
    return this.pending.value
  }

  invalidate(): void {
    this.generation++
    this.checkedAt = 0
  }

  private async refresh(): Promise<T> {
    const generation = this.generation
    const version = await readVersion(this.id)
    // the version is read BEFORE the data, so a write during the load makes the next check load again
    if (!this.data || this.data.version !== version) this.data = { version, value: await this.loader() }
    if (generation === this.generation) this.checkedAt = Date.now()
    return this.data.value
  }
}

/**
 * An in-process copy of a bounded collection (hundreds or thousands of documents) that matching runs over: each read
 * compares the data set's version document and reloads only when a write in any process has changed it. The version
 * is read on every call (check interval 0): a change must be seen by the very next request, whichever process serves it.
 */
export class ItemsCache<T> {
  private readonly cache: VersionedCache<T[]>

  constructor(
    private readonly id: string,
    load: () => Promise<T[]>,
  ) {
    this.cache = new VersionedCache(id, load, 0)
  }

  items(): Promise<T[]> {
    return this.cache.get()
  }

  /** Call after every write: every process reloads at its next read. */
  touch(): Promise<void> {
    return bumpVersion(this.id)
  }
}
