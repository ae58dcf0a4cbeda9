#!/usr/bin/env node
// `npm test`: the whole suite. Compiles the server (multi-process tests run it), builds the H5 front-end
// (browser tests drive it), runs every jest project (starting the embedded database itself), then builds
// the WeChat package and checks it with WeChat's own tooling against the real server.
const fs = require('node:fs')
const path = require('node:path')
const { ROOT, run, buildMiniapp, buildServer } = require('./lib')

const args = process.argv.slice(2)
const t0 = Date.now()
buildServer()
buildMiniapp('h5')

console.log('• Running jest (all projects)…')
run('npx', ['jest', ...(process.env.CI ? ['--ci'] : []), ...args])

const weappCheck = path.join(ROOT, 'tests', 'weapp-validate', 'run.js')
if (args.length === 0 && fs.existsSync(weappCheck)) {
  buildMiniapp('weapp')
  console.log('• Checking the WeChat package with WeChat\'s own tooling…')
  run(process.execPath, [weappCheck])
}
console.log(`\n✓ npm test finished in ${Math.round((Date.now() - t0) / 1000)} s`)
