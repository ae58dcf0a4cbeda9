/**
 * 周末办 / 网点 / 消息 benchmark (a script, not a test):
 *   npx tsx --conditions=@xz/source tests/load/followups.bench.ts   (or: npm run bench:followups)
 *
 * Seeds the demo data (with its weeks of served bookings) into its own embedded database, adds NOTICES outbox
 * notices spread over many users plus a few of one user, then measures p50/p95 over REQUESTS sequential requests of
 * `GET /weekend?date=<next Saturday>`, `GET /halls?openNow=true`, `GET /halls/:id`, `GET /notifications/unread-count`,
 * `GET /notifications` and `GET /me/pending-ratings` for that user.
 */
import { performance } from 'node:perf_hooks'
import { latencyStats, runBench } from './bench-lib'

// the development login signs tokens: a throwaway secret for this process only
process.env.JWT_SECRET ??= 'bench-followups-only-not-a-real-secret-0123456789'

const NOTICES = Number(process.env.BENCH_NOTICES ?? 20000)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100)
const WARMUP = 10

runBench(async ({ mongoose, serve }) => {
  const [{ seedIfEmpty }, { Notification }, { addDays, localDate, weekday }, { Hall }] = await Promise.all([
    import('../../server/src/modules/seed/seed'),
    import('../../server/src/modules/notifications/notification.model'),
    import('@xz/shared'),
    import('../../server/src/modules/halls/hall.model'),
  ])
  let t = performance.now()
  await seedIfEmpty({ production: false, history: true, print: () => undefined })
  console.log(`seed with demo history: ${Math.round(performance.now() - t)} ms`)

  const base = await serve()
  // the development login (a fresh short-lived access token before each signed-in case)
  const login = async () => {
    const res = await fetch(`${base}/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'bench-me' }) })
    if (!res.ok) throw new Error(`login: HTTP ${res.status} ${await res.text()}`)
    return (await res.json()) as { accessToken: string; user: { id: string } }
  }
  const me = { _id: new mongoose.Types.ObjectId((await login()).user.id) }
  const others = Array.from({ length: 200 }, () => new mongoose.Types.ObjectId())
  t = performance.now()
  for (let i = 0; i < NOTICES; i += 1000) {
    await Notification.insertMany(
      Array.from({ length: Math.min(1000, NOTICES - i) }, (_, j) => ({
        _id: `bench:${i + j}`,
        userId: others[(i + j) % others.length],
        kind: 'remind24h',
        title: '办事预约提醒',
        body: '示例',
        status: 'sent',
      })),
    )
  }
  await Notification.insertMany(Array.from({ length: 30 }, (_, j) => ({ _id: `bench-me:${j}`, userId: me._id, kind: 'remind1h', title: '提醒', body: '示例' })))
  console.log(`${NOTICES} notices inserted in ${Math.round(performance.now() - t)} ms`)

  const auth = { authorization: '' }
  let saturday = addDays(localDate(new Date()), 1)
  while (weekday(saturday) !== 6) saturday = addDays(saturday, 1)
  const hall = await Hall.findOne({ type: 'center' }).lean()
  const cases: [string, string, Record<string, string>][] = [
    ['GET /weekend?date=<Saturday>', `/weekend?date=${saturday}`, {}],
    ['GET /halls?openNow=true', '/halls?openNow=true', {}],
    ['GET /halls/:id', `/halls/${hall!._id}`, {}],
    ['GET /notifications/unread-count', '/notifications/unread-count', auth],
    ['GET /notifications', '/notifications', auth],
    ['GET /me/pending-ratings', '/me/pending-ratings', auth],
  ]
  for (const [name, url, headers] of cases) {
    if (headers === auth) auth.authorization = `Bearer ${(await login()).accessToken}`
    const samples: number[] = []
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      const start = performance.now()
      const res = await fetch(base + url, { headers })
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status} ${await res.text()}`)
      await res.arrayBuffer()
      if (i >= WARMUP) samples.push(performance.now() - start)
    }
    const { p50, p95 } = latencyStats(samples)
    console.log(`${name.padEnd(34)} p50 ${p50.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms`)
  }
})
