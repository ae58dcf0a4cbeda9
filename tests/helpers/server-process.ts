/**
 * Real server processes for multi-process and crash tests: `node server/dist/main.js` against the test
 * database, on a free port of 127.0.0.1. Compiles the server first when its build is stale.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { freePort } from './ports'
import { sleep } from '../../server/src/lib/clock'

export const REPO_ROOT = path.resolve(__dirname, '..', '..')
const MAIN = path.join(REPO_ROOT, 'server', 'dist', 'main.js')
const BUILD_INFO = [path.join(REPO_ROOT, 'server', 'tsconfig.tsbuildinfo'), path.join(REPO_ROOT, 'shared', 'tsconfig.tsbuildinfo')]
const SOURCES = [path.join(REPO_ROOT, 'server', 'src'), path.join(REPO_ROOT, 'shared', 'src')]
const LOCK_DIR = path.join(REPO_ROOT, '.cache', 'server-build.lock')

function mtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs
  } catch {
    return 0
  }
}

function newestSource(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p))
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, mtime(p))
  }
  return newest
}

function isStale(): boolean {
  const built = Math.min(mtime(MAIN), ...BUILD_INFO.map(mtime))
  return built === 0 || SOURCES.some((d) => newestSource(d) > built)
}

/** Runs `npx tsc -b server` when server/dist is missing or older than the sources (one jest worker at a time). */
export async function ensureServerBuilt(): Promise<void> {
  if (!isStale()) return
  fs.mkdirSync(path.dirname(LOCK_DIR), { recursive: true })
  const deadline = Date.now() + 180_000
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR)
      break
    } catch {
      // another worker is compiling; a lock older than 3 minutes is left from a killed run
      if (Date.now() - mtime(LOCK_DIR) > 180_000) fs.rmSync(LOCK_DIR, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error('timed out waiting for another worker to compile the server')
      await sleep(250)
    }
  }
  try {
    if (!isStale()) return
    const res = spawnSync('npx', ['tsc', '-b', 'server'], { cwd: REPO_ROOT, encoding: 'utf8' })
    if (res.status !== 0) throw new Error(`tsc -b server failed:\n${res.stdout}\n${res.stderr}`)
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true })
  }
}

export interface ServerProcessOptions {
  /** MONGODB_URI of the database to share (e.g. `testDbUri(name)`). */
  dbUri: string
  /** Run background jobs in this process (default false). */
  jobs?: boolean
  /** Extra environment (e.g. JOB_INTERVAL_MS, WECHAT_*). */
  env?: Record<string, string>
  /** How long to wait for /health (default 30 s; a benchmark at city scale loads its caches first). */
  startTimeoutMs?: number
}

export interface ServerProcess {
  url: string
  port: number
  proc: ChildProcess
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>
  /** SIGKILL (a crash) and wait for the exit. */
  kill(): Promise<void>
  /** What the process wrote to stdout/stderr (for failure messages). */
  output(): string
}

function exited(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => proc.once('exit', () => resolve()))
}

/** Starts `node server/dist/main.js` and waits until `/api/v1/health` answers 200. */
export async function startServerProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  await ensureServerBuilt()
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    MONGODB_URI: opts.dbUri,
    PORT: String(port),
    HOST: '127.0.0.1',
    JWT_SECRET: process.env.JWT_SECRET,
    SEED: 'false',
    JOBS: opts.jobs ? 'true' : 'false',
    LOG_LEVEL: 'silent',
    ...opts.env,
  }
  const proc = spawn(process.execPath, [MAIN], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  proc.stdout!.on('data', (d) => (output += d))
  proc.stderr!.on('data', (d) => (output += d))
  const url = `http://127.0.0.1:${port}`
  const startTimeoutMs = opts.startTimeoutMs ?? 30_000
  const deadline = Date.now() + startTimeoutMs
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server process exited with ${proc.exitCode}:\n${output}`)
    try {
      const res = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(1000) })
      if (res.status === 200) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL')
      throw new Error(`server process did not become healthy within ${startTimeoutMs / 1000} s:\n${output}`)
    }
    await sleep(100)
  }
  return {
    url,
    port,
    proc,
    output: () => output,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return
      const done = exited(proc)
      proc.kill('SIGTERM')
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000)
      await done
      clearTimeout(timer)
    },
    async kill() {
      if (proc.exitCode !== null || proc.signalCode !== null) return
      const done = exited(proc)
      proc.kill('SIGKILL')
      await done
    },
  }
}

/** JSON over HTTP to a server process. */
export async function http(
  server: Pick<ServerProcess, 'url'>,
  method: string,
  urlPath: string,
  opts: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}${urlPath}`, {
    method,
    headers: { ...(opts.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...opts.headers },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}
