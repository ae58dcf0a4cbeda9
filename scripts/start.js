#!/usr/bin/env node
// `npm start`: build what is stale, then run the server (embedded database + demo data when MONGODB_URI is unset),
// serving the API and the H5 front-end on one port.
const { spawn } = require('node:child_process')
const path = require('node:path')
const { ROOT, buildMiniapp, buildServer } = require('./lib')

buildServer()
buildMiniapp('h5')

const child = spawn(process.execPath, [path.join(ROOT, 'server', 'dist', 'main.js')], { stdio: 'inherit', cwd: ROOT })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
