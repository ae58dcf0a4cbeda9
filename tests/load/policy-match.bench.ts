/**
 * Policy matching benchmark (a script, not a test):
 *   npx tsx --conditions=@xz/source tests/load/policy-match.bench.ts   (or: npm run bench:policies)
 *
 * The matcher runs in memory over the cached policies and enterprise profiles (see policy-cache.ts). This measures,
 * with the 30 demo policies and ENTERPRISES generated profiles (varied from the 50 demo ones): one enterprise over all
 * policies (为你推荐, a policy page list), one policy over all enterprises (publication, 月通报), and the editor's
 * live per-condition count.
 */
import { performance } from 'node:perf_hooks'
import { addDays, leafConditions, localDate, matchPolicy, matchStatus, type MatchProfile } from '@xz/shared'
import { demoEnterprises, demoPolicies } from '../../server/src/modules/policies/demo-data'
import { latencyStats } from './bench-lib'

const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 20_000)
const today = localDate(new Date())

const profiles: MatchProfile[] = Array.from({ length: ENTERPRISES }, (_, i) => {
  const e = demoEnterprises[i % demoEnterprises.length]
  return {
    industry: e.industry,
    registeredRegion: e.registeredRegion,
    scale: e.scale,
    employees: e.employees === undefined ? undefined : e.employees + (i % 37),
    revenueBand: e.revenueBand,
    establishedOn: e.age === undefined ? undefined : addDays(today, -Math.round(e.age * 365) - (i % 400)),
    qualifications: e.qualifications,
    tags: e.tags,
  }
})
const policies = demoPolicies.map((p) => ({ conditions: p.conditions, validFrom: addDays(today, -365), validTo: p.validTo ?? addDays(today, 730) }))

function measure(label: string, runs: number, fn: () => unknown): void {
  for (let i = 0; i < Math.min(20, runs); i++) fn()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    fn()
    samples.push(performance.now() - t)
  }
  const { p50, p95 } = latencyStats(samples)
  console.log(`${label.padEnd(58)} p50 ${p50.toFixed(3)} ms  p95 ${p95.toFixed(3)} ms`)
}

console.log(`policies: ${policies.length}, enterprises: ${profiles.length}`)
let k = 0
measure('one enterprise over all policies (为你推荐)', 2000, () => policies.map((p) => matchPolicy(p, profiles[k++ % profiles.length], today)))
let j = 0
measure(`one policy over ${profiles.length} enterprises, with explanations`, 10, () => profiles.map((e) => matchPolicy(policies[j++ % policies.length], e, today).status))
measure(`one policy over ${profiles.length} enterprises, status only (publish)`, 30, () => profiles.map((e) => matchStatus(policies[j++ % policies.length], e, today)))
const tree = demoPolicies[11].conditions
const leaves = leafConditions(tree)
measure(`live counts: ${leaves.length} conditions × ${profiles.length} enterprises`, 20, () => {
  for (const e of profiles) {
    matchStatus({ conditions: tree }, e, today)
    for (const l of leaves) matchStatus({ conditions: l.condition }, e, today)
  }
})
