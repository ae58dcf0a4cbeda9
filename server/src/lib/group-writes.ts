import type mongoose from 'mongoose'
import { CommandGroup } from './command-group'

// (documents with string `_id`s too: the statements are cast by the model)
type Op = mongoose.AnyBulkWriteOperation<any>

interface Queued {
  op: Op
  resolve: () => void
  reject: (err: unknown) => void
}

/**
 * Group commit for small independent writes of one collection (the booking's occupancy hint, the end of its
 * operation lock): writes queued while one `bulkWrite` is on its way go together in the next one, so under load a
 * hundred writes cost a few commands instead of a hundred, and alone a write still leaves at once (no timer).
 *
 * Every write is still its own statement with its own filter (`ordered: false`: one failing statement fails only
 * its own promise), so this changes how many round trips there are, never what is written. The database is the
 * embedded one's bottleneck per command, not per statement: one `update` of ten statements costs about what one
 * statement does (see notes/embedded-db.md and the booking benchmark).
 */
/**
 * Statements per command at most. A command's cost grows with its statements after all, and on the embedded
 * database an `update` command used to hold one SQL connection per statement until it ended (FerretDB patch 03 fixes
 * that): a bounded group keeps one command from ever needing a large share of a database's 100 connections.
 */
export const GROUP_MAX_STATEMENTS = 32

export class GroupWrites extends CommandGroup<Queued> {
  /**
   * `raw`: the statements are written through the driver as they are, not cast by the model (for documents the caller
   * has already built with the model's types, such as the booking itself: see bookings/placement.ts).
   */
  constructor(
    private readonly model: () => mongoose.Model<any>,
    private readonly opts: { raw?: boolean } = {},
  ) {
    super()
  }

  /** Resolves once the statement is written; rejects with its own write error, or the command's. */
  write(op: Op): Promise<void> {
    return new Promise<void>((resolve, reject) => this.enqueue({ op, resolve, reject }))
  }

  protected next(): Queued[] {
    return this.queue.splice(0, GROUP_MAX_STATEMENTS)
  }

  protected async send(batch: Queued[]): Promise<void> {
    try {
      // (a statement the model cannot cast fails the whole batch rather than being skipped in silence: the callers
      // write fixed shapes, so that would be a bug to see)
      const ops = batch.map((q) => q.op)
      if (this.opts.raw) await this.model().collection.bulkWrite(ops as never, { ordered: false })
      else await this.model().bulkWrite(ops, { ordered: false, throwOnValidationError: true })
      for (const q of batch) q.resolve()
    } catch (err) {
      const failed = new Map<number, unknown>()
      type WriteError = { index: number; code?: number; errmsg?: string }
      const errors = (err as { writeErrors?: WriteError | WriteError[] }).writeErrors ?? []
      for (const e of Array.isArray(errors) ? errors : [errors]) {
        failed.set(e.index, Object.assign(new Error(e.errmsg ?? 'write failed'), { code: e.code }))
      }
      // a bulk write error names the statements that failed; any other error failed them all
      const all = failed.size === 0
      batch.forEach((q, i) => (all ? q.reject(err) : failed.has(i) ? q.reject(failed.get(i)) : q.resolve()))
    }
  }
}

interface Run {
  docs: Record<string, unknown>[]
  resolve: (inserted: number) => void
  reject: (err: unknown) => void
}

/** Documents per ordered command at most (a few bookings' claims each). */
export const GROUP_MAX_RUN_DOCUMENTS = 96

/**
 * Group commit for *ordered* runs of inserts into one collection (a booking's claims: its quota, an active place, a
 * seat, in that order): the runs queued while one command is on its way are sent together as ONE ordered insert, their
 * documents one run after the other, so under load the claims of many bookings cost one command and one commit
 * instead of one each.
 *
 * Each run keeps the meaning of its own ordered insert. An ordered insert stops at its first refused document (a taken
 * `_id`), so the runs before that document are written whole, the run it belongs to is written up to it (the caller
 * learns how far: `insert` resolves to the number of its documents written), and the runs after it were not tried at
 * all: they go again, first, in the next command. A run therefore never holds a document that comes after one of its
 * own refusals, as when it is sent alone. Any other error rejects every run of the command not yet answered (written
 * or not, as after any failed insert: the callers' repair handles that).
 */
export class OrderedGroupInserts extends CommandGroup<Run> {
  constructor(private readonly model: () => mongoose.Model<any>) {
    super()
  }

  /** Inserts the run in order (documents as built: not cast by the model); resolves to how many were written. */
  insert(docs: Record<string, unknown>[]): Promise<number> {
    return new Promise<number>((resolve, reject) => this.enqueue({ docs, resolve, reject }))
  }

  /** Whole runs, up to GROUP_MAX_RUN_DOCUMENTS documents (at least one run). */
  protected next(): Run[] {
    const batch: Run[] = []
    let size = 0
    while (this.queue.length > 0 && (batch.length === 0 || size + this.queue[0].docs.length <= GROUP_MAX_RUN_DOCUMENTS)) {
      const run = this.queue.shift()!
      batch.push(run)
      size += run.docs.length
    }
    return batch
  }

  /** Sends one ordered command; answers the runs it decided and returns the runs to send again. */
  protected async send(batch: Run[]): Promise<Run[]> {
    const docs = batch.flatMap((r) => r.docs)
    let stoppedAt = docs.length
    try {
      if (docs.length > 0) await this.model().collection.insertMany(docs, { ordered: true })
    } catch (err) {
      type WriteError = { index?: number; code?: number }
      const errors = (err as { writeErrors?: WriteError | WriteError[] }).writeErrors
      const first = Array.isArray(errors) ? errors[0] : errors
      if (first?.code !== 11000 || typeof first.index !== 'number') {
        for (const r of batch) r.reject(err)
        return []
      }
      stoppedAt = first.index
    }
    const again: Run[] = []
    let start = 0
    for (const r of batch) {
      const end = start + r.docs.length
      if (end <= stoppedAt) r.resolve(r.docs.length)
      else if (start <= stoppedAt) r.resolve(stoppedAt - start) // (stoppedAt < end: the refused document is its own)
      else again.push(r)
      start = end
    }
    return again
  }
}
