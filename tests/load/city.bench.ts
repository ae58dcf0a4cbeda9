/**
 * City-scale benchmark (a script, not a test): `npm run bench`.
 *
 * Seeds the SPEC §6 volumes — 5,000 points, 5,000 items, 200,000 bookings, 200,000 ratings (and the work orders of
 * their 差评) — ONCE into a benchmark data folder (BENCH_DATA_DIR, default .cache/bench-data, reused by later runs;
 * delete it to reseed), starts the embedded database on it and the API as a separate server process
 * (`node server/dist/main.js`, JOBS=false), then measures p50/p95 of the pages people use all day (sequential
 * requests on an otherwise idle server), the booking burst (500 POST /bookings over 25 slots × 20 seats, 50 in flight)
 * against the raw seat-claim insert rate in the same run, the database commands per booking, and the server's
 * resident memory after the load. Prints one table.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Types } from 'mongoose'
import { burst, cpuMsOf, latencyStats, postJson } from './bench-lib'
import { sleep } from '../../server/src/lib/clock'

process.env.JWT_SECRET ??= 'bench-secret-0123456789abcdef'

const ROOT = path.resolve(__dirname, '..', '..')
const DATA_DIR = process.env.BENCH_DATA_DIR ?? path.join(ROOT, '.cache', 'bench-data')
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200)
const SEED_VERSION = 'city-v1'
const V = { points: 5000, items: 5000, bookings: 200_000, ratings: 200_000, users: 20_000 }
const BURST = { requests: 500, slots: 25, capacity: 20, concurrency: 50 }

type Row = { what: string; p50: number; p95: number; note?: string }

/** A deterministic pseudo-random generator (the same data on every seed). */
function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

async function main() {
  const [{ default: mongoose }, { startEmbeddedDb, freeTcpPort }, { CONNECT_OPTIONS, ensureIndexes }] = await Promise.all([
    import('mongoose'),
    import('../../server/src/lib/embedded-db'),
    import('../../server/src/lib/db'),
  ])
  const shared = await import('@xz/shared')
  const { signAccessToken } = await import('../../server/src/lib/auth')
  const { bumpVersion } = await import('../../server/src/lib/versioned-cache')
  const { Hall } = await import('../../server/src/modules/halls/hall.model')
  const { Service, Department, bumpServicesVersion } = await import('../../server/src/modules/catalogue/catalogue.model')
  const { searchFieldsOf } = await import('../../server/src/modules/catalogue/catalogue.rules')
  const { SessionRule } = await import('../../server/src/modules/sessions/session.model')
  const { Booking, backfillHallDays, hallDayKey } = await import('../../server/src/modules/bookings/booking.model')
  const { BookingClaim } = await import('../../server/src/modules/bookings/claim.model')
  const { Rating } = await import('../../server/src/modules/ratings/rating.model')
  const { WorkOrder } = await import('../../server/src/modules/work-orders/work-order.model')
  const { startServerProcess } = await import('../helpers/server-process')
  const { Account, User } = await import('../../server/src/modules/auth/auth.model')
  /** Citizens that exist (and have agreed to the current 用户协议/隐私政策), so their tokens are honoured. */
  const holders = async (subs: string[]) => {
    const docs = subs.map((id) => ({ _id: new mongoose.Types.ObjectId(id), openid: `bench_${id}`, role: 'citizen', tokenVersion: 0, agreedVersion: shared.LEGAL_VERSION, agreedAt: new Date() }))
    await User.collection.insertMany(docs, { ordered: false }).catch((err: { code?: number; writeErrors?: unknown[] }) => {
      if (err.code !== 11000 && !err.writeErrors) throw err // (already there from an earlier run: fine)
    })
  }
  const factories = await import('../helpers/factories')

  fs.mkdirSync(DATA_DIR, { recursive: true })
  const dbPort = await freeTcpPort()
  const db = await startEmbeddedDb({ dataDir: DATA_DIR, port: dbPort, supervise: false }, (m) => console.log(m))
  const uri = db.uri('city')
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined
  try {
    await mongoose.connect(uri, { ...CONNECT_OPTIONS, monitorCommands: true })
    const meta = mongoose.connection.collection<{ _id: string; version: string; at: Date; ids: Record<string, string> }>('bench_meta')
    let seeded = await meta.findOne({ _id: 'seed' })
    if (seeded?.version !== SEED_VERSION) {
      await mongoose.connection.dropDatabase() // a half-written seed is started over
      await ensureIndexes()
      const t = performance.now()
      seeded = { _id: 'seed', version: SEED_VERSION, at: new Date(), ids: await seed() }
      await meta.insertOne(seeded)
      console.log(`Seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`)
    } else {
      await ensureIndexes()
      console.log(`Reusing the seeded data in ${DATA_DIR}`)
    }
    const ids = seeded.ids
    await backfillHallDays() // (the seed writes `hallDay` itself: this only marks the migration done, once)

    server = await startServerProcess({ dbUri: uri, env: { NODE_ENV: 'development', LOG_LEVEL: 'silent', CHECK_RESPONSES: 'false' }, startTimeoutMs: 300_000 })
    const base = `${server.url}/api/v1`
    const rows: Row[] = []
    // tokens are signed per request: a run on a loaded machine may outlast an access token's lifetime. Every request
    // checks its holder's state by `_id` (revocation), so each token belongs to a real user or account document.
    const staffId = new mongoose.Types.ObjectId().toString()
    const adminId = new mongoose.Types.ObjectId().toString()
    await holders([ids.me])
    await Account.collection.insertMany([
      { _id: new mongoose.Types.ObjectId(staffId), username: `bench.staff.${staffId}`, passwordHash: '-', name: '压测窗口', role: 'staff', hallIds: [new mongoose.Types.ObjectId(ids.busyHall)], tokenVersion: 0 },
      { _id: new mongoose.Types.ObjectId(adminId), username: `bench.admin.${adminId}`, passwordHash: '-', name: '压测管理员', role: 'admin', hallIds: [], regionCode: '140900', tokenVersion: 0 },
    ])
    const citizen = () => `Bearer ${signAccessToken({ sub: ids.me, role: 'citizen', hallIds: [] })}`
    const staff = () => `Bearer ${signAccessToken({ sub: staffId, role: 'staff', hallIds: [ids.busyHall] })}`
    const admin = () => `Bearer ${signAccessToken({ sub: adminId, role: 'admin', hallIds: [], regionCode: '140900' })}`

    const get = async (url: string, auth?: () => string) => {
      const res = await fetch(`${base}${url}`, { headers: auth ? { Authorization: auth() } : {} })
      const body = await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`GET ${url} → ${res.status} ${Buffer.from(body).toString().slice(0, 300)}`)
      return body.byteLength
    }
    const measure = async (what: string, url: (i: number) => string, auth?: () => string, samples = SAMPLES) => {
      const lat: number[] = []
      try {
        for (let i = 0; i < 10; i++) await get(url(i), auth)
        for (let i = 0; i < samples; i++) {
          const t = performance.now()
          await get(url(i + 10), auth)
          lat.push(performance.now() - t)
        }
      } catch (err) {
        // a failing row is reported in the table; the other rows are still measured
        rows.push({ what, p50: NaN, p95: NaN, note: `FAILED: ${(err as Error).message.slice(0, 160)}` })
        console.log(`  ${what}: FAILED ${(err as Error).message.slice(0, 300)}`)
        return
      }
      const stats = latencyStats(lat)
      rows.push({ what, ...stats })
      console.log(`  ${what}: p50 ${stats.p50.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)} ms`)
    }

    const r = rng(7)
    const terms = ['营业执照', '社保', '医保', '公积金', '户籍', '不动产', 'yingye', 'sb', '补领', '登记']
    // the busy point's busiest day: the seed's own day (its first 100 bookings), whatever day the bench runs on
    const busyDay = shared.localDate(new Date(seeded.at))
    await measure('search GET /services?q=', (i) => `/services?q=${encodeURIComponent(terms[i % terms.length])}`)
    await measure('nearby GET /halls?lat&lng', () => `/halls?lat=${(38.2 + r() * 1.1).toFixed(4)}&lng=${(111.9 + r() * 1.6).toFixed(4)}`)
    await measure('a guide GET /services/:id', (i) => `/services/${ids[`item${i % 20}`]}`)
    await measure('slots of a point GET /slots?hallId', (i) => `/slots?hallId=${ids[`point${i % 20}`]}`)
    await measure('my bookings GET /bookings', () => `/bookings`, citizen)
    await measure(`staff day list GET /staff/bookings (a day of ${await Booking.countDocuments({ hallDay: hallDayKey(ids.busyHall, busyDay) })} bookings)`, () => `/staff/bookings?hallId=${ids.busyHall}&date=${busyDay}`, staff)
    await measure('work orders of a point GET /staff/work-orders', () => `/staff/work-orders?hallId=${ids.busyHall}`, staff)
    // what the jobs process does once per deployment (stats.jobs.ts): compute and store the closed days of every
    // administrator's dashboard; then the dashboard as a process that holds nothing yet computes it (closed days read
    // by `_id`, yesterday and today aggregated), in this process on the same database
    const { warmOverviews } = await import('../../server/src/modules/stats/stats.jobs')
    const { forgetDayCounts } = await import('../../server/src/modules/stats/day-counts')
    const { statsOverview } = await import('../../server/src/modules/stats/stats.service')
    const warmStarted = performance.now()
    await warmOverviews()
    const warmMs = performance.now() - warmStarted
    const fresh: number[] = []
    for (let i = 0; i < 5; i++) {
      forgetDayCounts()
      const t = performance.now()
      await statsOverview({ sub: adminId, role: 'admin', hallIds: [], regionCode: '140900' }, {})
      fresh.push(performance.now() - t)
    }
    await measure('statistics GET /stats/overview', () => `/stats/overview`, admin, Math.min(SAMPLES, 20))
    rows.push({ what: 'statistics, a process holding nothing yet', ...latencyStats(fresh), note: `after the jobs' one-off warm-up (${(warmMs / 1000).toFixed(1)} s)` })
    // the 好差评 figures per point (public) and per region (administrators), over the default 30 days
    await measure('好差评 figures per point GET /stats/ratings', () => `/stats/ratings?groupBy=hall`, undefined, Math.min(SAMPLES, 10))
    await measure('好差评 figures per region GET /stats/ratings', () => `/stats/ratings?groupBy=region`, admin, Math.min(SAMPLES, 10))
    console.log('  booking burst…')

    // ---- booking burst on a fresh point (data folder reused: one new point per run) ----------------
    const service = await Service.findById(ids.item0).lean()
    const hall = await Hall.create({
      name: `压测网点-${Date.now()}`,
      type: 'center',
      regionCode: '140902',
      address: '忻州市压测路1号',
      location: { lat: 38.42, lng: 112.73 },
      serviceIds: [service!._id],
    })
    const rule = await SessionRule.create({
      hallId: hall._id,
      regionCode: '140902',
      label: '延时服务',
      dayTypes: ['workday', 'weekend', 'holiday'],
      start: '00:00',
      end: '23:30',
      slotMinutes: 30,
      capacity: BURST.capacity,
      serviceIds: [],
      status: 'active',
    })
    await sleep(600) // the server's caches see the new point within CACHE_CHECK_MS
    const slots = ((await (await fetch(`${base}/slots?hallId=${hall._id}`)).json()) as { id: string; ruleId?: string }[]).slice(0, BURST.slots + 2)
    if (slots.length < BURST.slots + 2) throw new Error(`only ${slots.length} slots (rule ${rule._id})`)
    const [warmSlot, countSlot, ...benchSlots] = slots
    const people = Array.from({ length: BURST.requests + 40 }, () => new mongoose.Types.ObjectId().toString())
    await holders(people)
    const tokens = people.map((sub) => `Bearer ${signAccessToken({ sub, role: 'citizen', hallIds: [] })}`) // (signed just before use)
    const post = (i: number, slotId: string) =>
      postJson(`${base}/bookings`, { Authorization: tokens[i] }, { slotId, serviceId: String(service!._id), applicant: { name: '压测用户', phone: '13800000000' } })
    for (let i = 0; i < 20; i++) await post(BURST.requests + i, warmSlot.id)

    // database commands per booking, counted in THIS process: the same app in-process on the same database
    const { createApp } = await import('../../server/src/app')
    const local = await new Promise<import('node:http').Server>((resolve) => {
      const s = createApp().listen(0, '127.0.0.1', () => resolve(s))
    })
    let commands = 0
    const client = mongoose.connection.getClient()
    const onCommand = (e: { commandName: string }) => {
      if (!['hello', 'isMaster', 'ping', 'endSessions'].includes(e.commandName)) commands++
    }
    const localBase = `http://127.0.0.1:${(local.address() as { port: number }).port}/api/v1`
    const localPost = async (i: number) => {
      const res = await fetch(`${localBase}/bookings`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: tokens[i] },
        body: JSON.stringify({ slotId: countSlot.id, serviceId: String(service!._id), applicant: { name: '压测用户', phone: '13800000000' } }),
      })
      await res.arrayBuffer()
      return res.status
    }
    await localPost(BURST.requests + 20) // warms this process's caches
    client.on('commandStarted', onCommand)
    let counted = 0
    for (let i = 21; i < 31; i++) if ((await localPost(BURST.requests + i)) === 201) counted++
    client.off('commandStarted', onCommand)
    local.close()
    const perBooking = counted ? commands / counted : NaN

    const statuses: number[] = []
    const cpuAt = () => ({ server: cpuMsOf(server!.proc.pid!), db: db.pid ? cpuMsOf(db.pid) : NaN, client: process.cpuUsage() })
    const cpu0 = cpuAt()
    const booking = await burst(BURST.requests, BURST.concurrency, async (i) => {
      statuses.push(await post(i, benchSlots[i % BURST.slots].id))
    })
    const cpu1 = cpuAt()
    const clientCpu = process.cpuUsage(cpu0.client)
    const perRequest = (ms: number) => (ms / BURST.requests).toFixed(1)
    const burstCpu = `CPU per request: server ${perRequest(cpu1.server - cpu0.server)} ms, database ${perRequest(cpu1.db - cpu0.db)} ms, this client ${perRequest((clientCpu.user + clientCpu.system) / 1000)} ms`
    const created = statuses.filter((s) => s === 201).length
    const five = statuses.filter((s) => s >= 500).length
    const perSlot = await Promise.all(benchSlots.map((s) => Booking.countDocuments({ slotId: s.id, status: 'booked' })))
    const over = perSlot.filter((n) => n > BURST.capacity).length

    const claims = BookingClaim.collection
    const owner = { bookingId: new mongoose.Types.ObjectId(), userId: new mongoose.Types.ObjectId() }
    const runId = Date.now().toString(36)
    for (let i = 0; i < 20; i++) await claims.insertOne({ _id: `warm-${runId}#${i}` as never, kind: 'seat', ...owner, at: new Date() })
    const insert = await burst(BURST.requests, BURST.concurrency, (i) =>
      claims.insertOne({ _id: `raw-${runId}-${i % BURST.slots}#${Math.floor(i / BURST.slots) + 1}` as never, kind: 'seat', ...owner, slotId: 'raw', at: new Date() }),
    )
    rows.push({
      what: `booking burst (${BURST.requests} over ${BURST.slots}×${BURST.capacity}, ${BURST.concurrency} in flight)`,
      p50: booking.p50,
      p95: booking.p95,
      note: `${booking.perSecond.toFixed(1)} bookings/s = ${(booking.perSecond / insert.perSecond).toFixed(3)} × raw insert rate (${insert.perSecond.toFixed(0)}/s); ${created} × 201, ${five} × 5xx, ${over} slots over capacity; ${perBooking.toFixed(1)} DB commands per booking alone; ${burstCpu}`,
    })

    const status = fs.readFileSync(`/proc/${server.proc.pid}/status`, 'utf8')
    const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024

    const counts = await Promise.all([Hall.estimatedDocumentCount(), Service.estimatedDocumentCount(), Booking.estimatedDocumentCount(), Rating.estimatedDocumentCount(), WorkOrder.estimatedDocumentCount()])
    console.log(`\nCity-scale benchmark: ${counts[0]} points, ${counts[1]} items, ${counts[2]} bookings, ${counts[3]} ratings, ${counts[4]} work orders; ${SAMPLES} sequential requests each\n`)
    const w = Math.max(...rows.map((x) => x.what.length))
    console.log(`| ${'what'.padEnd(w)} | p50 ms | p95 ms | notes |`)
    console.log(`|${'-'.repeat(w + 2)}|-------:|-------:|-------|`)
    for (const x of rows) console.log(`| ${x.what.padEnd(w)} | ${x.p50.toFixed(1).padStart(6)} | ${x.p95.toFixed(1).padStart(6)} | ${x.note ?? ''} |`)
    console.log(`| ${'server resident memory after the load'.padEnd(w)} | ${''.padStart(6)} | ${''.padStart(6)} | ${rssMb.toFixed(0)} MB |`)
    console.log('')
  } finally {
    await server?.stop()
    await mongoose.disconnect().catch(() => undefined)
    await db.stop()
  }

  /** Writes the volumes through the driver in batches (the models' derived fields computed here). */
  async function seed(): Promise<Record<string, string>> {
    const r = rng(42)
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]
    const oid = () => new mongoose.Types.ObjectId()
    const batches = async (coll: import('mongodb').Collection<any>, docs: () => Iterable<object>, label: string) => {
      let batch: object[] = []
      let n = 0
      for (const d of docs()) {
        batch.push(d)
        if (batch.length === 5000) {
          await coll.insertMany(batch, { ordered: false })
          n += batch.length
          batch = []
          if (n % 50_000 === 0) console.log(`  ${label}: ${n}`)
        }
      }
      if (batch.length) await coll.insertMany(batch, { ordered: false })
    }
    const counties = ['140902', '140921', '140922', '140923', '140924', '140925', '140926', '140927', '140928', '140929', '140930', '140931', '140932', '140981']
    const at = new Date()
    console.log('Seeding the SPEC §6 volumes (once)…')

    const depts = Array.from({ length: 40 }, (_, i) => ({ _id: oid(), name: `压测部门${i}`, regionCode: '140900', createdAt: at, updatedAt: at }))
    await Department.collection.insertMany(depts)

    const hallIds = Array.from({ length: V.points }, oid)
    const itemIds = Array.from({ length: V.items }, oid)
    const itemHalls = new Map<string, Types.ObjectId[]>()
    const hallItems = hallIds.map(() => Array.from(new Set(Array.from({ length: 20 }, () => pick(itemIds)))))
    hallItems.forEach((items, h) => items.forEach((it) => itemHalls.set(String(it), [...(itemHalls.get(String(it)) ?? []), hallIds[h]])))

    const topics = ['营业执照', '社保', '医保', '公积金', '户籍', '不动产', '出入境', '车驾管', '婚姻', '生育', '残疾人', '养老', '税务', '食品经营', '建筑许可']
    const acts = ['办理', '变更', '注销', '补领', '查询', '登记', '申请', '备案', '年检', '迁移']
    await batches(Service.collection, function* () {
      for (let i = 0; i < V.items; i++) {
        const name = `${topics[i % topics.length]}${acts[Math.floor(i / topics.length) % acts.length]}（${i}）`
        const dept = depts[i % depts.length]
        const fields = searchFieldsOf({ name, code: `BENCH-${String(i).padStart(5, "0")}`, themes: ['社保'], implementer: '忻州市压测局', departmentNames: [dept.name], keywords: [], faq: [] })
        yield {
          ...shared.ServiceInputSchema.parse(factories.serviceInput(String(dept._id), { code: `BENCH-${String(i).padStart(5, "0")}`, name })),
          _id: itemIds[i], departmentId: dept._id, hallIds: itemHalls.get(String(itemIds[i])) ?? [],
          bookable: true, status: 'active', offHours: true, ...fields, demo: false, createdAt: at, updatedAt: at,
        }
      }
    }, 'items')
    await bumpServicesVersion()

    const types = ['center', 'township', 'village', 'village', 'village', 'bank', 'selfservice'] as const
    await batches(Hall.collection, function* () {
      for (let i = 0; i < V.points; i++) {
        yield {
          ...shared.HallInputSchema.parse(factories.hallInput({
            name: `网点${i}`, type: pick(types), regionCode: pick(counties), address: `忻州市压测路${i}号`,
            location: { lat: 38.2 + r() * 1.1, lng: 111.9 + r() * 1.6 },
            regularHours: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }], weekendHours: [{ start: '09:00', end: '12:00' }],
          })),
          _id: hallIds[i], serviceIds: hallItems[i], windows: [{ number: '1', name: '综合窗口', serviceIds: hallItems[i].slice(0, 5), staffed: true }],
          rectifyDays: 5, status: 'active', demo: false, createdAt: at, updatedAt: at,
        }
      }
    }, 'points')
    await bumpVersion('halls')

    const ruleIds = hallIds.map(() => oid())
    await batches(SessionRule.collection, function* () {
      for (let i = 0; i < V.points; i++) {
        yield {
          _id: ruleIds[i], hallId: hallIds[i], regionCode: '140902', label: '延时服务', dayTypes: ['workday', 'weekend'], start: '17:00', end: '19:00',
          slotMinutes: 30, capacity: 10, serviceIds: [], status: 'active', demo: false, createdAt: at, updatedAt: at,
        }
      }
    }, 'rules')
    await bumpVersion('sessionRules')

    const userIds = Array.from({ length: V.users }, oid)
    const me = userIds[0]
    const busy = 0 // point 0: a busy centre (2,000 bookings, 100 of them on the seed's day)
    const dayMs = 86_400_000
    const statuses = ['served', 'served', 'served', 'cancelled', 'no_show', 'booked'] as const
    const bookingIds: { id: Types.ObjectId; user: Types.ObjectId; hall: number; item: Types.ObjectId; date: string }[] = []
    await batches(Booking.collection, function* () {
      for (let i = 0; i < V.bookings; i++) {
        const h = i < 2000 ? busy : Math.floor(r() * V.points)
        const user = i % 10_000 === 0 ? me : pick(userIds)
        const day = i < 100 ? 0 : Math.floor(r() * 300) - 286
        const date = shared.localDate(new Date(at.getTime() + day * dayMs))
        const startAt = shared.instantOf(date, '17:30')
        const item = pick(hallItems[h])
        const id = oid()
        const status = day > 0 ? 'booked' : day === 0 ? pick(['booked', 'checked_in', 'served'] as const) : pick(statuses)
        if (i < 150_000) bookingIds.push({ id, user, hall: h, item, date })
        yield {
          _id: id, code: `B${i.toString(36).toUpperCase().padStart(7, '0')}`, userId: user, serviceId: item, hallId: hallIds[h], regionCode: '140902',
          slotId: `${ruleIds[h]}.${date.replaceAll('-', '')}.1730`, ruleId: ruleIds[h], date, hallDay: hallDayKey(hallIds[h], date), start: '17:30', end: '18:00',
          startAt, endAt: new Date(startAt.getTime() + 30 * 60_000), label: '延时服务', seatNo: 1 + (i % 10),
          applicant: { name: '压测用户', mobile: '13800000000' }, status, history: [{ status: 'booked', action: 'created', at: startAt, by: String(user), byRole: 'citizen' }],
          claimIds: [], holdsClaims: false, fromWaitlist: false, bookedAt: startAt, reminded24h: true, reminded1h: true, createdAt: startAt, updatedAt: startAt,
        }
      }
    }, 'bookings')

    const orders: object[] = []
    await batches(Rating.collection, function* () {
      for (let i = 0; i < V.ratings; i++) {
        const b = i < bookingIds.length ? bookingIds[i] : undefined
        const user = b?.user ?? (i % 10_000 === 1 ? me : pick(userIds))
        const h = b?.hall ?? Math.floor(r() * V.points)
        const level = r() < 0.03 || (h === busy && r() < 0.2) ? 1 + Math.floor(r() * 2) : 3 + Math.floor(r() * 3)
        const ratedDate = b && b.date <= shared.localDate(at) ? b.date : shared.localDate(new Date(at.getTime() - Math.floor(r() * 300) * dayMs))
        const ratedAt = shared.instantOf(ratedDate, '19:00')
        const id = oid()
        const doc = {
          _id: id, key: b ? `booking:${b.id}` : `guide:${user}:${i}`, kind: b ? 'window' : 'guide', userId: user, raterName: '压*户', bookingId: b?.id,
          serviceId: b?.item ?? pick(itemIds), hallId: b ? hallIds[h] : undefined, regionCode: '140902', regionScopes: shared.regionScopesOf('140902'),
          level, dimensions: {}, tags: [], isDefault: r() < 0.3, ratedAt, ratedDate, createdAt: ratedAt, updatedAt: ratedAt,
        }
        if (level <= 2) {
          orders.push({
            ratingId: id, kind: doc.kind, userId: user, raterName: '压*户', hallId: doc.hallId, serviceId: doc.serviceId, regionCode: '140902',
            regionScopes: doc.regionScopes, level, dimensions: {}, tags: [], ratedAt, ratedDate, status: pick(['pending_verification', 'rectifying', 'closed', 'replied'] as const),
            verifyDeadline: new Date(ratedAt.getTime() + dayMs), rectifyDays: 5, dueAt: new Date(ratedAt.getTime() + 5 * dayMs), dueRank: 0, createdAt: ratedAt, updatedAt: ratedAt,
          })
        }
        yield doc
      }
    }, 'ratings')
    await batches(WorkOrder.collection, () => orders, 'work orders')

    const out: Record<string, string> = { me: String(me), busyHall: String(hallIds[busy]), item0: String(itemIds[0]) }
    for (let i = 0; i < 20; i++) {
      out[`item${i}`] = String(itemIds[i * 97])
      out[`point${i}`] = String(hallIds[i * 131])
    }
    return out
  }
}

const build = spawnSync('npx', ['tsc', '-b', 'shared', 'server'], { cwd: ROOT, stdio: 'inherit' })
if (build.status !== 0) process.exit(1)
main().catch((err) => {
  console.error(err)
  process.exit(1)
})
