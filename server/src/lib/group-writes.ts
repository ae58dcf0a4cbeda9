import type mongoose from 'mongoose'

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

export class GroupWrites {
  private queue: Queued[] = []
  private flushing = false

  /**
   * `raw`: the statements are written through the driver as they are, not cast by the model (for documents the caller
   * has already built with the model's types, such as the booking itself: see bookings/placement.ts).
   */
  constructor(
    private readonly model: () => mongoose.Model<any>,
    private readonly opts: { raw?: boolean } = {},
  ) {}

  /** Resolves once the statement is written; rejects with its own write error, or the command's. */
  write(op: Op): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ op, resolve, reject })
      if (!this.flushing) void this.flush()
    })
  }

  private async flush(): Promise<void> {
    this.flushing = true
    try {
      while (this.queue.length > 0) {
        await this.send(this.queue.splice(0, GROUP_MAX_STATEMENTS))
      }
    } finally {
      this.flushing = false
    }
  }

  private async send(batch: Queued[]): Promise<void> {
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
