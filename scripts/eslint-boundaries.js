// ESLint rule `boundaries/feature-surface` (eslint.config.js): a server feature is its folder,
// server/src/modules/<feature>/, and its one public surface is that folder's index.ts. Code outside the
// folder (another feature, app.ts, lib/) imports the feature as `../<feature>`, never one of its files.
// A feature's own files import each other freely; the composition root (modules/index.ts, jobs.ts) also
// picks up each feature's `<name>.routes.ts` and `<name>.jobs.ts`, which no feature imports.
const fs = require('node:fs')
const path = require('node:path')

const MODULES = path.join(__dirname, '..', 'server', 'src', 'modules')

/** The feature folder a path lies in (with whether it names the folder itself, i.e. its index), or undefined. */
function locate(file) {
  const rel = path.relative(MODULES, file)
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined
  const parts = rel.split(path.sep)
  const feature = parts[0].replace(/\.ts$/, '')
  const dir = path.join(MODULES, feature)
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return undefined // modules/index.ts, jobs.ts, wiring.ts
  const inner = parts.slice(1).join('/').replace(/\.ts$/, '')
  return { feature, inner, isSurface: inner === '' || inner === 'index' }
}

const featureSurface = {
  meta: {
    type: 'problem',
    docs: { description: "Import another server feature only through its index.ts (modules/<feature>), never its internals" },
    schema: [],
    messages: {
      internal: "'{{source}}' reaches into the {{feature}} feature: import '{{surface}}' (its index.ts) instead, and export what you need there",
    },
  },
  create(context) {
    const filename = context.filename ?? context.getFilename()
    const importer = locate(filename)
    const isRoot = path.dirname(path.resolve(filename)) === MODULES
    function check(node) {
      const source = node.source && node.source.value
      if (typeof source !== 'string' || !source.startsWith('.')) return
      const target = locate(path.resolve(path.dirname(filename), source))
      if (!target || target.isSurface) return
      if (importer && importer.feature === target.feature) return
      if (isRoot && /^[\w-]+\.(routes|jobs)$/.test(target.inner)) return
      let surface = path.relative(path.dirname(filename), path.join(MODULES, target.feature)).split(path.sep).join('/')
      if (!surface.startsWith('.')) surface = `./${surface}`
      context.report({ node: node.source, messageId: 'internal', data: { source, feature: target.feature, surface } })
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check }
  },
}

module.exports = { rules: { 'feature-surface': featureSurface } }
