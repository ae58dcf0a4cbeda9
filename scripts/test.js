#!/usr/bin/env node
// `npm test`: the whole suite. Lints (including the feature-boundary rule, scripts/eslint-boundaries.js),
// compiles the server (multi-process tests run it), builds the H5 front-end
// (browser tests drive it), runs every jest project (starting the embedded database itself), then builds
// the WeChat package and checks it with WeChat's own tooling against the real server.
const fs = require('node:fs')
const path = require('node:path')
const { ROOT, run, buildMiniapp, buildServer } = require('./lib')
const { startDemoServer } = require('./demo-server')

const args = process.argv.slice(2)
const t0 = Date.now()
if (args.length === 0) {
  console.log('• Linting (eslint: TypeScript rules, feature boundaries, no API paths in the mini-program)…')
  run('npx', ['eslint', '.'])
}
buildServer()
buildMiniapp('h5')

console.log('• Running jest (all projects)…')
run('npx', ['jest', ...(process.env.CI ? ['--ci'] : []), ...args])

const weappCheck = path.join(ROOT, 'tests', 'weapp-validate', 'run.js')
if (args.length === 0 && fs.existsSync(weappCheck)) {
  // WeChat's tooling pins old Babel versions: it lives in its own package, installed on first use
  if (!fs.existsSync(path.join(ROOT, 'tests', 'weapp-validate', 'node_modules', 'miniprogram-ci'))) {
    console.log('• Installing WeChat\'s validation tooling (tests/weapp-validate, once)…')
    run('npm', ['ci', '--prefix', 'tests/weapp-validate', '--no-audit', '--no-fund'])
  }
  buildMiniapp('weapp')
  checkWeapp().then(() => console.log(`\n✓ npm test finished in ${Math.round((Date.now() - t0) / 1000)} s`))
} else {
  console.log(`\n✓ npm test finished in ${Math.round((Date.now() - t0) / 1000)} s`)
}

/** WeChat's compilers and runtime over the built package, with its requests going to a real seeded server. */
async function checkWeapp() {
  const staffPassword = 'weapp-check-staff-pw'
  console.log('• Starting a demo server (embedded database + demo data) for the WeChat runtime checks…')
  const server = await startDemoServer({ SEED_STAFF_PASSWORD: staffPassword, SEED_ADMIN_PASSWORD: 'weapp-check-admin-pw' })
  console.log(`• Checking the WeChat package with WeChat's own tooling (WX_API_BASE=${server.base})…`)
  const ms = run(process.execPath, [weappCheck], {
    noExit: true,
    env: { ...process.env, WX_API_BASE: server.base, WX_STAFF_PASSWORD: staffPassword, WX_ADMIN_PASSWORD: 'weapp-check-admin-pw' },
  })
  await server.stop()
  if (ms < 0) {
    console.error('\n✗ the WeChat package checks failed')
    process.exit(1)
  }
}
