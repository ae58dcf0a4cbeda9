// Helpers shared by the root scripts (plain Node, no dependencies).
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const ROOT = path.resolve(__dirname, '..')

function run(cmd, args, opts = {}) {
  const started = Date.now()
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env, ...opts })
  if (res.status !== 0) {
    if (opts.noExit) return -1
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${res.status ?? res.signal})`)
    process.exit(res.status || 1)
  }
  return Date.now() - started
}

/** Newest modification time (ms) of the files under the given folders. */
function newestMtime(dirs) {
  let newest = 0
  const walk = (p) => {
    let st
    try {
      st = fs.statSync(p)
    } catch {
      return
    }
    if (st.isDirectory()) {
      if (/node_modules|dist|\.swc/.test(path.basename(p))) return
      for (const f of fs.readdirSync(p)) walk(path.join(p, f))
    } else newest = Math.max(newest, st.mtimeMs)
  }
  dirs.forEach((d) => walk(path.join(ROOT, d)))
  return newest
}

function mtime(file) {
  try {
    return fs.statSync(path.join(ROOT, file)).mtimeMs
  } catch {
    return 0
  }
}

const FRONTEND_SOURCES = ['miniapp/src', 'miniapp/config', 'miniapp/babel.config.js', 'miniapp/package.json', 'shared/src']

/** Builds a mini-program target unless its output is newer than every source file. */
function buildMiniapp(target, { force = false } = {}) {
  const marker = target === 'h5' ? 'miniapp/dist/h5/index.html' : 'miniapp/dist/weapp/app.json'
  if (!force && mtime(marker) > newestMtime(FRONTEND_SOURCES)) {
    console.log(`• ${target} build is up to date`)
    return
  }
  console.log(`• Building the ${target} front-end…`)
  const ms = run('npx', ['taro', 'build', '--type', target], {
    cwd: path.join(ROOT, 'miniapp'),
    env: { ...process.env, NODE_ENV: 'production' },
  })
  console.log(`• ${target} built in ${(ms / 1000).toFixed(1)} s`)
}

function buildServer() {
  console.log('• Compiling shared/ and server/ (tsc -b)…')
  run('npx', ['tsc', '-b', 'server'])
}

module.exports = { ROOT, run, buildMiniapp, buildServer }
