import { type Model, Types } from 'mongoose'
import { CommandGroup } from './command-group'

interface Waiter {
  resolve: (doc: unknown) => void
  reject: (err: unknown) => void
}

/**
 * Ids per command at most: far below what FerretDB patch 05 pushes down (1,000) and what a reply should carry.
 */
export const GROUP_MAX_IDS = 100

/**
 * Grouped reads by `_id` of one collection (the booking path's per-request reads: the holder's state, the standing,
 * the slot's occupancy hint and waitlist flag, the day's cancellation): ids asked for while one `find` is on its way
 * go together in the next, one `find({ _id: { $in } })`, so under load a hundred reads cost a few commands instead of
 * a hundred, and alone a read still leaves at once (no timer).
 *
 * A read is never answered from an older command than the one it was queued for: it waits for the command after the
 * one in flight, so it sees every write that completed before it was asked. On the embedded database the `$in` is
 * served by the `_id` index (FerretDB patch 05); on MongoDB it always is. Each instance reads one projection.
 */
interface Wanted {
  key: string
  id: unknown
  waiters: Waiter[]
}

export class GroupReads<T> extends CommandGroup<Wanted> {
  /** The queued ids by key, so that an id asked for twice before its command leaves is read once. */
  private queued = new Map<string, Wanted>()

  constructor(
    private readonly model: () => Model<any>,
    private readonly projection?: Record<string, 0 | 1>,
  ) {
    super()
  }

  /** The lean document with this `_id`, or null. */
  read(id: unknown): Promise<T | null> {
    return new Promise<T | null>((resolve, reject) => {
      // cast here, so that an id of the wrong shape fails its own read only, never the others of its command
      try {
        id = this.castId(id)
      } catch (err) {
        reject(err)
        return
      }
      const key = String(id)
      const waiter = { resolve: resolve as (doc: unknown) => void, reject }
      const entry = this.queued.get(key)
      if (entry) return void entry.waiters.push(waiter)
      const wanted = { key, id, waiters: [waiter] }
      this.queued.set(key, wanted)
      this.enqueue(wanted)
    })
  }

  /** The id as the collection stores it: an ObjectId for ObjectId `_id`s (a 24-hex string is converted), else as given. */
  private castId(id: unknown): unknown {
    this.objectIds ??= this.model().schema.path('_id')?.instance === 'ObjectId'
    if (!this.objectIds || id instanceof Types.ObjectId) return id
    if (typeof id === 'string' && /^[0-9a-f]{24}$/i.test(id)) return new Types.ObjectId(id)
    throw Object.assign(new Error(`not an ObjectId: ${String(id)}`), { name: 'CastError' })
  }

  private objectIds?: boolean

  /** True when a document with this `_id` exists. */
  async exists(id: unknown): Promise<boolean> {
    return (await this.read(id)) !== null
  }

  protected next(): Wanted[] {
    const batch = this.queue.splice(0, GROUP_MAX_IDS)
    for (const w of batch) this.queued.delete(w.key)
    return batch
  }

  protected async send(batch: Wanted[]): Promise<void> {
    try {
      const ids = batch.map((b) => b.id)
      const filter = { _id: ids.length === 1 ? ids[0] : { $in: ids } }
      // through the driver: the ids are cast already (read), and the documents are wanted as stored (lean)
      const docs = await this.model()
        .collection.find(filter as never, { projection: this.projection })
        .toArray()
      const byKey = new Map(docs.map((d) => [String(d._id), d]))
      for (const b of batch) for (const w of b.waiters) w.resolve(byKey.get(b.key) ?? null)
    } catch (err) {
      for (const b of batch) for (const w of b.waiters) w.reject(err)
    }
  }
}
