/**
 * 好差评 exchange across processes: two server processes push the same outbox to a stub of the provincial
 * endpoint that fails, times out and answers slowly; one is killed (SIGKILL) while it holds a lease mid-push and
 * is restarted. Every record reaches the platform, once (the platform dedupes the one repeat a kill can cause by
 * its Idempotency-Key), in order per rating, and nothing is left behind.
 */
import { loadConfig, setConfig } from '../../server/src/config'
import { ExchangeLease, ExchangeLog, ExchangeQueue } from '../../server/src/modules/exchange/exchange.model'
import { WorkOrder } from '../../server/src/modules/work-orders/work-order.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { startExchangeStub, type ExchangeStub } from '../helpers/exchange-stub'
import { ratedPoint, servedBooking, XINFU, type FixtureHall, type FixtureService } from '../helpers/rating-fixtures'
import { startServerProcess, type ServerProcess } from '../helpers/server-process'
import { sleep } from '../../server/src/lib/clock'

jest.setTimeout(240_000)
const db = useTestDb()

let stub: ExchangeStub
let hall: FixtureHall
let service: FixtureService
let staff: Session
const servers: ServerProcess[] = []

const EXCHANGE_ENV = {
  EXCHANGE_TIMEOUT_MS: '1000',
  EXCHANGE_LEASE_MS: '3000',
  EXCHANGE_BACKOFF_MS: '50',
  EXCHANGE_MAX_ATTEMPTS: '10',
}

beforeAll(async () => {
  stub = await startExchangeStub()
  // records written by this process go to the outbox too (the endpoint is configured here as in the servers)
  setConfig(loadConfig({ ...process.env, EXCHANGE_ENDPOINT: stub.url, ...EXCHANGE_ENV }))
  const point = await ratedPoint({ name: '忻府区政务服务中心', regionCode: XINFU })
  hall = point.hall
  service = point.service
  staff = await account({ role: 'staff', hallIds: [hall._id] })
})
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
  setConfig(loadConfig())
  await stub.close()
})

/** A rating with its 追评; every other one a 差评 whose order is replied to and revisited (4 records), else 2 records. */
async function story(i: number): Promise<string[]> {
  const rater = await citizen()
  const b = await servedBooking({ userId: rater.id, hall, service, servedAt: new Date(Date.now() - 3600_000), applicantName: `办事人${i}` })
  const bad = i % 2 === 0
  const body = bad ? { level: 2, tags: ['态度不好'], comment: '排队等了一个多小时才办上' } : { level: 4 }
  const rated = await api().post('/api/v1/ratings').set(rater.auth).send({ bookingId: b.id, ...body })
  expect(rated.status).toBe(201)
  const ratingId = rated.body.id as string
  expect((await api().post(`/api/v1/ratings/${ratingId}/append`).set(rater.auth).send({ comment: `第${i}条追评内容` })).status).toBe(200)
  if (!bad) return [`rating-${ratingId}`, `append-${ratingId}`]
  const order = (await WorkOrder.findOne({ ratingId }).lean())!
  await api().post(`/api/v1/staff/work-orders/${order._id}/verify`).set(staff.auth).send({ valid: true })
  expect((await api().post(`/api/v1/staff/work-orders/${order._id}/reply`).set(staff.auth).send({ text: '已增加周末窗口，缩短等候时间' })).status).toBe(200)
  expect((await api().post(`/api/v1/ratings/${ratingId}/revisit`).set(rater.auth).send({ satisfaction: '基本满意' })).status).toBe(200)
  return [`rating-${ratingId}`, `append-${ratingId}`, `reply-${order._id}`, `revisit-${order._id}`]
}

async function until(what: string, cond: () => Promise<boolean>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

describe('exchange outbox across processes and a crash', () => {
  it('when a pusher is killed mid-push and restarted, then every record is accepted once, in order per rating, and nothing is lost', async () => {
    const perRating: string[][] = []
    for (let i = 0; i < 10; i++) perRating.push(await story(i))
    const all = perRating.flat()
    expect(all).toHaveLength(30)
    expect(await ExchangeQueue.countDocuments()).toBe(30)

    // each record: the first try fails (503), every third record's second try times out, then slow successes
    stub.slowMs = 100
    stub.behave = (r, nth) => (nth === 0 ? 'fail' : nth === 1 && all.indexOf(r.id) % 3 === 0 ? 'timeout' : 'slow')

    const env = { ...EXCHANGE_ENV, EXCHANGE_ENDPOINT: stub.url, JOB_INTERVAL_MS: '100' }
    const a = await startServerProcess({ dbUri: db.uri, jobs: true, env })
    servers.push(a)
    servers.push(await startServerProcess({ dbUri: db.uri, jobs: true, env }))
    await stub.waitForRequests(12)

    // kill A while it holds a live lease (it is pushing a record)
    const mine = new RegExp(`:${a.proc.pid}:`)
    await until('a lease held by process A', async () => {
      const leases = await ExchangeLease.find().lean()
      return leases.some((l) => mine.test(l.by) && new Date(l.until).getTime() > Date.now())
    })
    const killedAt = Date.now()
    await a.kill()
    expect(a.proc.signalCode).toBe('SIGKILL')
    // what A was pushing when it died: its leases still live at that moment (nobody else may take them before they run out)
    const heldAtKill = (await ExchangeLease.find().lean())
      .filter((l) => mine.test(l.by) && new Date(l.until).getTime() > killedAt)
      .map((l) => String(l._id).split('#')[0]!)
    expect(heldAtKill.length).toBeGreaterThan(0)
    servers.push(await startServerProcess({ dbUri: db.uri, jobs: true, env }))

    const started = Date.now()
    await until('the outbox to drain', async () => (await ExchangeQueue.countDocuments()) === 0)
    console.log(`exchange crash test: outbox drained ${Date.now() - started} ms after the restart; ${stub.received.length} requests, ${stub.repeats.length} repeats`)

    // every record accepted exactly once
    expect(stub.accepted.map((x) => x.id).sort()).toEqual([...all].sort())
    // a repeat only follows a push whose pusher never learnt the answer: it timed out, or it was A's record when A died
    expect(stub.repeats.filter((id) => !stub.unanswered.includes(id) && !heldAtKill.includes(id))).toEqual([])
    // in order per rating: rating, 追评, reply, revisit
    const acceptedOrder = stub.accepted.map((x) => x.id)
    for (const ids of perRating) {
      expect(acceptedOrder.filter((id) => ids.includes(id))).toEqual(ids)
      for (let i = 1; i < ids.length; i++) {
        // the first try of a later record never came before the earlier one was accepted
        const firstTry = stub.received.find((r) => r.id === ids[i])!.at
        expect(firstTry).toBeGreaterThanOrEqual(stub.accepted.find((x) => x.id === ids[i - 1])!.at)
      }
    }
    // failures and timeouts were retried (more requests than records), and the bookkeeping is complete
    expect(stub.received.length).toBeGreaterThan(60)
    expect(await ExchangeLog.countDocuments({ deliveredAt: { $exists: true } })).toBe(30)
    await until('leases to be cleared', async () => (await ExchangeLease.countDocuments()) === 0, 10_000)
  })
})
