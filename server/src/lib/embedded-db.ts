import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { config, REPO_ROOT } from '../config'
import { applyPatches, FERRETDB_MODULE, readPatches } from './embedded-db-patch'
import { logger } from './logger'

/**
 * The embedded default database: FerretDB v1.24.2 (MongoDB wire protocol, SQLite storage) embedded in a
 * small Go program of ours (server/embedded-db), built with our patch set (server/embedded-db/patches, see
 * embedded-db-patch.ts). Built once into the cache folder and rebuilt only when its source or patches change;
 * run as a child process and restarted if it dies.
 */
export const EMBEDDED_SRC = path.join(REPO_ROOT, 'server', 'embedded-db')
export const EMBEDDED_PATCHES = path.join(EMBEDDED_SRC, 'patches')

/** Bump when the build recipe below changes in a way that changes the binary. */
const BUILD_RECIPE = 'vendor+patch v1'

function sourceHash(): string {
  const h = crypto.createHash('sha256')
  h.update(BUILD_RECIPE)
  for (const f of ['main.go', 'go.mod', 'go.sum']) h.update(fs.readFileSync(path.join(EMBEDDED_SRC, f)))
  for (const p of readPatches(EMBEDDED_PATCHES)) h.update(`\0${p.name}\0${p.text}`)
  return h.digest('hex').slice(0, 16)
}

export class EmbeddedDbError extends Error {}

function goStep(args: string[], cwd: string): void {
  const res = spawnSync('go', args, {
    cwd,
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  if (res.status !== 0) {
    throw new EmbeddedDbError(`Building the embedded database failed at \`go ${args.join(' ')}\`:\n${res.stderr || res.stdout}`)
  }
}

/**
 * Builds the patched binary: copies our Go program into a scratch folder, vendors its modules there (from the Go
 * module cache or proxy; ~230 MB, removed afterwards, never committed), applies the patch set to the vendored
 * FerretDB (failing loudly when a patch does not apply) and builds from the vendor folder.
 */
function buildEmbeddedBinary(out: string, scratchRoot: string): void {
  const scratch = fs.mkdtempSync(path.join(scratchRoot, 'build-'))
  try {
    for (const f of ['main.go', 'go.mod', 'go.sum']) fs.copyFileSync(path.join(EMBEDDED_SRC, f), path.join(scratch, f))
    goStep(['mod', 'vendor'], scratch)
    try {
      applyPatches(path.join(scratch, 'vendor', ...FERRETDB_MODULE.split('/')), readPatches(EMBEDDED_PATCHES))
    } catch (err) {
      throw new EmbeddedDbError(`Patching FerretDB failed: ${(err as Error).message}`)
    }
    goStep(['build', '-trimpath', '-mod=vendor', '-o', out, '.'], scratch)
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}

/** Path of the binary for the current source, building it first when needed. */
export function ensureEmbeddedBinary(log: (msg: string) => void = (m) => logger.info(m)): string {
  const cacheDir = config().EMBEDDED_DB_CACHE
  const bin = path.join(cacheDir, `ferretdb-${sourceHash()}`)
  if (fs.existsSync(bin)) return bin
  const go = spawnSync('go', ['version'], { encoding: 'utf8' })
  if (go.error || go.status !== 0) {
    throw new EmbeddedDbError(
      'MONGODB_URI is not set, so the embedded database would be used, but Go (>= 1.24) is not installed to build it.\n' +
        'Either install Go (Debian: apt-get install golang-go, or https://go.dev/dl) and run again,\n' +
        'or point the server at a MongoDB 6+ server: MONGODB_URI=mongodb://127.0.0.1:27017/xinzhou npm start',
    )
  }
  log('Building the embedded database (FerretDB 1.24.2 with SQLite, patched) — once, this takes a few minutes…')
  fs.mkdirSync(cacheDir, { recursive: true })
  const tmp = `${bin}.tmp-${process.pid}`
  const started = Date.now()
  buildEmbeddedBinary(tmp, cacheDir)
  fs.renameSync(tmp, bin)
  log(`Embedded database built in ${Math.round((Date.now() - started) / 1000)} s: ${bin}`)
  return bin
}

/** A free TCP port on the host (the embedded database's default when EMBEDDED_DB_PORT is not set). */
export function freeTcpPort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, host, () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

export function waitForPort(host: string, port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const sock = net.connect({ host, port })
      sock.once('connect', () => {
        sock.destroy()
        resolve()
      })
      sock.once('error', () => {
        sock.destroy()
        if (Date.now() > deadline) reject(new EmbeddedDbError(`embedded database did not open ${host}:${port}`))
        else setTimeout(attempt, 100)
      })
    }
    attempt()
  })
}

export interface EmbeddedDbOptions {
  dataDir: string
  port: number
  host?: string
  /** Restart the process when it exits unexpectedly (default true). */
  supervise?: boolean
}

/** A running embedded database; `uri(db)` gives a connection string for a database name. */
export class EmbeddedDb {
  private child?: ChildProcess
  private stopping = false
  private restarts = 0
  readonly host: string

  constructor(
    private readonly bin: string,
    private readonly opts: EmbeddedDbOptions,
  ) {
    this.host = opts.host ?? '127.0.0.1'
  }

  get pid(): number | undefined {
    return this.child?.pid
  }

  uri(dbName: string): string {
    return `mongodb://${this.host}:${this.opts.port}/${dbName}?directConnection=true&retryWrites=false`
  }

  async start(): Promise<void> {
    fs.mkdirSync(this.opts.dataDir, { recursive: true })
    const child = spawn(this.bin, ['-listen', `${this.host}:${this.opts.port}`, '-dir', path.resolve(this.opts.dataDir)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    this.child = child
    child.stderr?.on('data', (d: Buffer) => logger.warn({ embeddedDb: d.toString().trim() }, 'embedded database'))
    child.once('exit', (code, signal) => {
      if (this.stopping || this.child !== child || this.opts.supervise === false) return
      logger.error({ code, signal }, 'embedded database exited; restarting')
      const delay = Math.min(8000, 1000 * 2 ** Math.min(this.restarts++, 3))
      setTimeout(() => {
        if (this.stopping) return
        this.start().catch((err) => logger.error({ err }, 'embedded database restart failed'))
      }, delay)
    })
    await waitForPort(this.host, this.opts.port)
    this.restarts = 0
  }

  async stop(): Promise<void> {
    this.stopping = true
    const child = this.child
    if (!child || child.exitCode !== null) return
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => child.kill('SIGKILL'), 5000)
      child.once('exit', () => {
        clearTimeout(t)
        resolve()
      })
      child.kill('SIGTERM')
    })
  }
}

/** Builds if needed, then starts the embedded database. */
export async function startEmbeddedDb(opts: EmbeddedDbOptions, log?: (msg: string) => void): Promise<EmbeddedDb> {
  const db = new EmbeddedDb(ensureEmbeddedBinary(log), opts)
  await db.start()
  return db
}

/** Where a running server records the port of its embedded database (read by the operator command). */
export function embeddedPortFile(dataDir: string): string {
  return path.join(dataDir, 'embedded-db.port')
}

export function writeEmbeddedPortFile(dataDir: string, port: number): void {
  fs.mkdirSync(dataDir, { recursive: true })
  fs.writeFileSync(embeddedPortFile(dataDir), String(port))
}

/** The port a running server's embedded database listens on, if one recorded it. */
export function readEmbeddedPortFile(dataDir: string): number | undefined {
  try {
    const port = Number(fs.readFileSync(embeddedPortFile(dataDir), 'utf8').trim())
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined
  } catch {
    return undefined
  }
}
