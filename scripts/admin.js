#!/usr/bin/env node
// `npm run admin -- <command> <username>`: operator commands (see server/src/admin.ts), compiled first when stale.
const { spawnSync } = require('node:child_process')
const path = require('node:path')
const { ROOT, buildServer } = require('./lib')

buildServer()
const res = spawnSync(process.execPath, [path.join(ROOT, 'server', 'dist', 'admin.js'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: ROOT })
process.exit(res.status ?? 1)
