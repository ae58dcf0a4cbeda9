import { logger } from './logger'
import { sleep } from './clock'

/**
 * A periodic piece of background work. Every process runs every job; a job must make its effects
 * happen once by claiming each unit of work with a unique key before doing it.
 */
export interface Job {
  name: string
  run(): Promise<unknown>
}

/**
 * A gate for work a job does less often than every tick: true at most once per `ms` in this process (the first call
 * is true).
 */
export function atMostEvery(ms: number): () => boolean {
  let at = -Infinity
  return () => {
    if (Date.now() - at < ms) return false
    at = Date.now()
    return true
  }
}

export class JobRunner {
  private timer?: NodeJS.Timeout
  private running = false

  constructor(
    private readonly jobs: Job[],
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs)
    this.timer.unref()
    void this.tick()
  }

  /** One pass over every job (tests call this directly). */
  async tick(): Promise<void> {
    if (this.running) return
    this.running = true
    try {
      for (const job of this.jobs) {
        try {
          await job.run()
        } catch (err) {
          logger.warn({ err, job: job.name }, 'background job failed; will retry')
        }
      }
    } finally {
      this.running = false
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    while (this.running) await sleep(20)
  }
}
