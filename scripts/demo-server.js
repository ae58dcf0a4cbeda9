// Starts the compiled server on the embedded database with demo data, in a temporary folder, on free ports
// (used by `npm test` to give WeChat's runtime real data). Returns { base, stop() }.
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const net = require('node:net')
const os = require('node:os')
const path = require('node:path')
const { ROOT } = require('./lib')

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

async function startDemoServer(extraEnv = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-demo-'))
  const [port, dbPort] = [await freePort(), await freePort()]
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    EMBEDDED_DB_PORT: String(dbPort),
    DATA_DIR: dataDir,
    MONGODB_URI: '',
    SEED: 'true',
    JOBS: 'false',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  }
  const child = spawn(process.execPath, [path.join(ROOT, 'server', 'dist', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`demo server exited:\n${output}`)
    try {
      const res = await fetch(`${base}/api/v1/health`)
      if (res.ok) break
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`demo server did not start:\n${output}`)
    await new Promise((r) => setTimeout(r, 300))
  }
  return {
    base,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

module.exports = { startDemoServer, freePort }
