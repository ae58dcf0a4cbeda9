/**
 * What the benchmarks share: the environment, an embedded database of their own (temp dir, free port) with the
 * app listening on 127.0.0.1, latency percentiles and a timed burst of concurrent tasks. Import it first: it sets
 * the environment before any server module reads its configuration (the server modules are imported lazily, in
 * `runBench`).
 */
import fs from 'node:fs'
import http, { type Server } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { requestStatus } from '../helpers/http-status'

process.env.NODE_ENV ??= 'development'
process.env.LOG_LEVEL ??= 'silent'
process.env.JOBS = 'false'
// the production path: responses are parsed against their contracts' schemas in tests and development only
process.env.CHECK_RESPONSES ??= 'false'
process.env.SEED = 'false'

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/** p50 and p95 of unsorted samples (ms). */
export function latencyStats(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) }
}

/** Runs `n` tasks with at most `concurrency` in flight; returns each task's latency and the wall time. */
export async function burst(n: number, concurrency: number, task: (i: number) => Promise<unknown>) {
  const latencies: number[] = new Array(n)
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t = performance.now()
        await task(i)
        latencies[i] = performance.now() - t
      }
    }),
  )
  const wallMs = performance.now() - started
  return { wallMs, perSecond: (n / wallMs) * 1000, ...latencyStats(latencies) }
}

/** A burst's POST (tests/helpers/http-status: node:http with kept-alive sockets, lean on the client's CPU). */
export function postJson(url: string, headers: Record<string, string>, body: unknown): Promise<number> {
  return requestStatus(url, { agent: keepAlive, method: 'POST', headers, body })
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 256 })

export interface BenchContext {
  mongoose: typeof import('mongoose').default
  /** Starts the app on a free port of 127.0.0.1; resolves to the API base URL (`…/api/v1`). */
  serve(): Promise<string>
  /** The embedded database's process id (for CPU figures). */
  dbPid?: number
}

/** CPU time (ms) a process has used so far, user + system, from /proc (Linux). */
export function cpuMsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime, stime in clock ticks (USER_HZ 100)
}

/**
 * Runs a benchmark against a fresh embedded database (indexes ensured) and cleans up afterwards; a failure is
 * printed and ends the process with exit code 1.
 */
export function runBench(body: (ctx: BenchContext) => Promise<void>): void {
  main(body).catch((err) => {
    console.error(err)
    process.exit(1)
  })
}

async function main(body: (ctx: BenchContext) => Promise<void>): Promise<void> {
  const [{ default: mongoose }, { startEmbeddedDb }, { CONNECT_OPTIONS, ensureIndexes }, { createApp }, { freePort }] = await Promise.all([
    import('mongoose'),
    import('../../server/src/lib/embedded-db'),
    import('../../server/src/lib/db'),
    import('../../server/src/app'),
    import('../helpers/ports'),
  ])
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-bench-'))
  const port = await freePort()
  const db = await startEmbeddedDb({ dataDir: dir, port, supervise: false }, (m) => console.log(m))
  let server: Server | undefined
  const serve = async () => {
    const listening = await new Promise<Server>((resolve) => {
      const s = createApp().listen(0, '127.0.0.1', () => resolve(s))
    })
    server = listening
    return `http://127.0.0.1:${(listening.address() as { port: number }).port}/api/v1`
  }
  try {
    await mongoose.connect(db.uri('bench'), { ...CONNECT_OPTIONS, monitorCommands: Boolean(process.env.BENCH_TRACE) })
    await ensureIndexes()
    await body({ mongoose, serve, dbPid: db.pid })
  } finally {
    server?.close()
    await mongoose.disconnect().catch(() => undefined)
    await db.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
