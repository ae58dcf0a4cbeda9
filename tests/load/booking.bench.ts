/**
 * Booking benchmark (a script, not a test):
 *   npx tsx --conditions=@xz/source tests/load/booking.bench.ts   (or: npm run bench:booking)
 *
 * Starts its own embedded database (temp dir, free port) and the app on 127.0.0.1, creates a point with one
 * session rule (SLOTS slots × CAPACITY seats), then fires a burst of REQUESTS `POST /bookings` from as many
 * different people (CONCURRENCY in flight) and reports throughput and p50/p95 latency. In the same run it
 * measures the database's raw throughput for the unique-key insert a booking is built on (a seat-claim
 * `_id` insert through the driver, same concurrency) and prints the ratio of the two.
 */
import { burst, cpuMsOf, postJson, runBench } from './bench-lib'

process.env.JWT_SECRET ??= 'bench-secret-0123456789abcdef'

const SLOTS = Number(process.env.BENCH_SLOTS ?? 25)
const CAPACITY = Number(process.env.BENCH_CAPACITY ?? 20)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 600)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50)
const WARMUP = 20

const fmt = (x: number) => x.toFixed(1)

runBench(async ({ mongoose, serve, dbPid }) => {
  const [{ signAccessToken }, { User }, factories, sessions, { Booking }, { BookingClaim }] = await Promise.all([
    import('../../server/src/lib/auth'),
    import('../../server/src/modules/auth/auth.model'),
    import('../helpers/factories'),
    import('../../server/src/modules/sessions/sessions.service'),
    import('../../server/src/modules/bookings/booking.model'),
    import('../../server/src/modules/bookings/claim.model'),
  ])

  // ---- data: a point open around the clock (no regular hours), one rule on every day type ----
  const service = await factories.makeService()
  const hall = await factories.makeHall({ serviceIds: [String(service._id)], regularHours: [] })
  await sessions.createRuleAt(
    await sessions.loadHall(hall._id),
    {
      hallId: String(hall._id),
      label: '延时服务',
      dayTypes: ['workday', 'weekend', 'holiday'],
      start: '00:00',
      end: '23:30',
      slotMinutes: 30,
      capacity: CAPACITY,
      serviceIds: [],
      status: 'active',
    },
    'bench',
  )
  // people who have agreed to the current 用户协议 and 隐私政策 (booking asks for it: 428 otherwise)
  const { LEGAL_VERSION } = await import('@xz/shared')
  const users = await User.insertMany(
    Array.from({ length: REQUESTS + WARMUP }, (_, i) => ({ openid: `bench_${i}`, agreedVersion: LEGAL_VERSION, agreedAt: new Date() })),
  )
  const tokens = users.map((u) => `Bearer ${signAccessToken({ sub: String(u._id), role: 'citizen', hallIds: [] })}`)

  const base = await serve()
  const slots = ((await (await fetch(`${base}/slots?hallId=${hall._id}`)).json()) as { id: string }[]).slice(0, SLOTS + 1)
  if (slots.length < SLOTS + 1) throw new Error(`only ${slots.length} slots in the horizon`)
  const [warmSlot, ...benchSlots] = slots

  const post = (i: number, slotId: string) =>
    postJson(`${base}/bookings`, { Authorization: tokens[i] }, { slotId, serviceId: String(service._id), applicant: { name: '压测用户', phone: '13800000000' } })

  // ---- warm-up (JIT, connection pool), then the burst: person i books slot i mod SLOTS ---------
  for (let i = 0; i < WARMUP; i++) await post(REQUESTS + i, warmSlot.id)
  const statuses: number[] = []
  const cpu0 = { app: process.cpuUsage(), db: dbPid ? cpuMsOf(dbPid) : NaN }
  const booking = await burst(REQUESTS, CONCURRENCY, async (i) => {
    statuses.push(await post(i, benchSlots[i % SLOTS].id))
  })
  const appCpu = process.cpuUsage(cpu0.app)
  const cpu = { app: (appCpu.user + appCpu.system) / 1000, db: dbPid ? cpuMsOf(dbPid) - cpu0.db : NaN }
  const created = statuses.filter((s) => s === 201).length
  const full = statuses.filter((s) => s === 409).length

  // ---- correctness after the burst ---------------------------------------------------------
  const perSlot = await Promise.all(benchSlots.map((s) => Booking.countDocuments({ slotId: s.id, status: 'booked' })))
  const stored = perSlot.reduce((a, b) => a + b, 0)
  if (stored !== created || perSlot.some((n) => n > CAPACITY) || statuses.some((s) => s !== 201 && s !== 409)) {
    throw new Error(`invariants broken: ${created} created, ${stored} stored, per slot ${perSlot.join(',')}, statuses ${[...new Set(statuses)]}`)
  }

  // ---- the raw database: the unique-key insert a booking needs (a seat claim) ----------------
  const claims = BookingClaim.collection
  const owner = { bookingId: new mongoose.Types.ObjectId(), userId: new mongoose.Types.ObjectId() }
  for (let i = 0; i < WARMUP; i++) await claims.insertOne({ _id: `warm#${i}` as never, kind: 'seat', ...owner, at: new Date() })
  const icpu0 = { app: process.cpuUsage(), db: dbPid ? cpuMsOf(dbPid) : NaN }
  const insert = await burst(REQUESTS, CONCURRENCY, (i) =>
    claims.insertOne({ _id: `raw-${benchSlots[i % SLOTS].id}#${Math.floor(i / SLOTS) + 1}` as never, kind: 'seat', ...owner, slotId: 'raw', at: new Date() }),
  )

  const iAppCpu = process.cpuUsage(icpu0.app)
  const icpu = { app: (iAppCpu.user + iAppCpu.system) / 1000, db: dbPid ? cpuMsOf(dbPid) - icpu0.db : NaN }
  console.log(`\nBooking burst: ${REQUESTS} POST /bookings from ${REQUESTS} people over ${SLOTS} slots × ${CAPACITY} seats, ${CONCURRENCY} in flight`)
  console.log(`  answers        ${created} × 201, ${full} × 409 SLOT_FULL (stored ${stored}, max per slot ${Math.max(...perSlot)})`)
  console.log(`  throughput     ${fmt(booking.perSecond)} bookings/s   (wall ${fmt(booking.wallMs)} ms)`)
  console.log(`  latency        p50 ${fmt(booking.p50)} ms   p95 ${fmt(booking.p95)} ms`)
  console.log(`  CPU            ${fmt(cpu.app / REQUESTS)} ms per request in this process (app and client), ${fmt(cpu.db / REQUESTS)} ms in the database`)
  console.log(`Raw unique-key insert (seat claim through the driver), ${REQUESTS} inserts, ${CONCURRENCY} in flight`)
  console.log(`  throughput     ${fmt(insert.perSecond)} inserts/s   (wall ${fmt(insert.wallMs)} ms)`)
  console.log(`  latency        p50 ${fmt(insert.p50)} ms   p95 ${fmt(insert.p95)} ms`)
  console.log(`  CPU            ${fmt(icpu.app / REQUESTS)} ms per insert in this process, ${fmt(icpu.db / REQUESTS)} ms in the database`)
  console.log(`Ratio            ${(booking.perSecond / insert.perSecond).toFixed(3)} (bookings/s ÷ inserts/s; p50 ${fmt(booking.p50 / insert.p50)}× the insert's)\n`)
})
