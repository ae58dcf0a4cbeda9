/**
 * What every grouped command shares: items queued while one command is on its way leave together in the next one,
 * and alone an item leaves at once (no timer). `next` takes the next command's items off the queue; `send` sends them
 * and answers each, returning any to send again first.
 */
export abstract class CommandGroup<Item> {
  protected queue: Item[] = []
  private flushing = false

  protected enqueue(item: Item): void {
    this.queue.push(item)
    if (!this.flushing) void this.flush()
  }

  protected abstract next(): Item[]
  protected abstract send(batch: Item[]): Promise<Item[] | void>

  private async flush(): Promise<void> {
    this.flushing = true
    try {
      while (this.queue.length > 0) {
        const again = await this.send(this.next())
        if (again?.length) this.queue.unshift(...again)
      }
    } finally {
      this.flushing = false
    }
  }
}
