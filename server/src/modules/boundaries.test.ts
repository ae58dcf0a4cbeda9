/**
 * Features keep to their own rooms: each is a folder with one public surface (index.ts, enforced file by file by
 * the lint rule in scripts/eslint-boundaries.js), and features depend on each other one way only. A call that has
 * to go the other way is a port (lib/ports.ts) plugged in by modules/wiring.ts; a use case of two features is a
 * feature of its own (e.g. session-changes).
 */
import fs from 'node:fs'
import path from 'node:path'

const MODULES = __dirname
const features = fs.readdirSync(MODULES).filter((f) => fs.statSync(path.join(MODULES, f)).isDirectory())

function sourcesOf(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return sourcesOf(p)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : []
  })
}

/** feature → the features its (non-test) files import, with one importing file each. */
function featureGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>()
  for (const feature of features) {
    const deps = new Map<string, string>()
    for (const file of sourcesOf(path.join(MODULES, feature))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const rel = path.relative(MODULES, path.resolve(path.dirname(file), m[1]))
        const other = rel.split(path.sep)[0]
        if (!rel.startsWith('..') && other !== feature && features.includes(other)) deps.set(other, path.relative(MODULES, file))
      }
    }
    graph.set(feature, deps)
  }
  return graph
}

/** A cycle through the graph, as `a → b → … → a` with the file behind each step, or undefined. */
function findCycle(graph: Map<string, Map<string, string>>): string | undefined {
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (f: string): string | undefined => {
    state.set(f, 'open')
    stack.push(f)
    for (const next of graph.get(f)?.keys() ?? []) {
      if (state.get(next) === 'open') {
        const loop = [...stack.slice(stack.indexOf(next)), next]
        return loop.map((x, i) => (i < loop.length - 1 ? `${x} (${graph.get(x)!.get(loop[i + 1])})` : x)).join(' → ')
      }
      if (!state.has(next)) {
        const found = visit(next)
        if (found) return found
      }
    }
    stack.pop()
    state.set(f, 'done')
    return undefined
  }
  for (const f of graph.keys()) {
    if (!state.has(f)) {
      const found = visit(f)
      if (found) return found
    }
  }
  return undefined
}

describe('feature boundaries', () => {
  it('when the features are listed, then each has its public surface (index.ts)', () => {
    expect(features.length).toBeGreaterThan(10)
    expect(features.filter((f) => !fs.existsSync(path.join(MODULES, f, 'index.ts')))).toEqual([])
  })

  it('when every import between features is followed, then no feature depends on itself through others', () => {
    expect(findCycle(featureGraph())).toBeUndefined()
  })

  it('when a cycle is put in a graph, then it is found and named with its files', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a/x.ts']])],
      ['b', new Map([['a', 'b/y.ts']])],
    ])
    expect(findCycle(graph)).toBe('a (a/x.ts) → b (b/y.ts) → a')
  })
})
