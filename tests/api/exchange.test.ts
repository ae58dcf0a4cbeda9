/**
 * 好差评 exchange (SPEC §2.13) in one process, against a local stub of the provincial endpoint:
 * retries with backoff through failures and timeouts, in order per rating, once per record,
 * dead letters and re-push, and the export of a period when no endpoint is configured.
 */
import { config, loadConfig, setConfig } from '../../server/src/config'
import { setNow, sleep } from '../../server/src/lib/clock'
import { ExchangeLease, ExchangeLog, ExchangeQueue } from '../../server/src/modules/exchange/exchange.model'
import { pushDue, repairExchange } from '../../server/src/modules/exchange/exchange.service'
import { Rating } from '../../server/src/modules/ratings/rating.model'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { recordDefaultRatings } from '../../server/src/modules/ratings/ratings.service'
import { WorkOrder } from '../../server/src/modules/work-orders/work-order.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { startExchangeStub, type ExchangeStub } from '../helpers/exchange-stub'
import { CITY, ratedPoint, servedBooking, XINFU, type FixtureHall, type FixtureService } from '../helpers/rating-fixtures'

useTestDb()

let stub: ExchangeStub
let hall: FixtureHall
let service: FixtureService
let staff: Session
let admin: Session

function configure(env: Record<string, string | undefined>) {
  setConfig(loadConfig({ ...process.env, ...env }))
}

beforeAll(async () => {
  stub = await startExchangeStub()
  const point = await ratedPoint({ name: '忻府区政务服务中心', regionCode: XINFU })
  hall = point.hall
  service = point.service
  staff = await account({ role: 'staff', hallIds: [hall._id] })
  admin = await account({ role: 'admin', regionCode: CITY })
})
beforeEach(async () => {
  configure({
    EXCHANGE_ENDPOINT: stub.url,
    EXCHANGE_TOKEN: 'stub-token-123',
    EXCHANGE_TIMEOUT_MS: '300',
    EXCHANGE_LEASE_MS: '2000',
    EXCHANGE_BACKOFF_MS: '20',
    EXCHANGE_MAX_ATTEMPTS: '4',
  })
  stub.received.length = 0
  stub.accepted.length = 0
  stub.repeats.length = 0
  stub.behave = () => 'ok'
  await Promise.all([ExchangeQueue.deleteMany({}), ExchangeLog.deleteMany({}), ExchangeLease.deleteMany({})])
})
afterEach(() => setNow(undefined))
afterAll(async () => {
  setConfig(loadConfig())
  await stub.close()
})

const BAD = { level: 1, tags: ['态度不好', '一次告知不清'], comment: '窗口人员态度冷淡，材料要求没有一次说清' }

/** A citizen's 差评 of a served booking, its 追评, the point's reply and the citizen's 回访: four records of one rating. */
async function fullStory(name = '王晓明') {
  const rater = await citizen()
  const b = await servedBooking({ userId: rater.id, hall, service, servedAt: new Date(Date.now() - 3600_000), applicantName: name })
  const rated = await api().post('/api/v1/ratings').set(rater.auth).send({ bookingId: b.id, ...BAD })
  expect(rated.status).toBe(201)
  const ratingId = rated.body.id as string
  expect((await api().post(`/api/v1/ratings/${ratingId}/append`).set(rater.auth).send({ comment: '一周后再去，仍未改进' })).status).toBe(200)
  const order = (await WorkOrder.findOne({ ratingId }).lean())!
  expect((await api().post(`/api/v1/staff/work-orders/${order._id}/verify`).set(staff.auth).send({ valid: true })).status).toBe(200)
  const replied = await api().post(`/api/v1/staff/work-orders/${order._id}/reply`).set(staff.auth).send({ text: '已对窗口人员进行批评教育，并张贴一次性告知单' })
  expect(replied.status).toBe(200)
  expect((await api().post(`/api/v1/ratings/${ratingId}/revisit`).set(rater.auth).send({ satisfaction: '满意' })).status).toBe(200)
  return { ratingId, orderId: order._id.toString(), code: b.code }
}

/** Runs push passes (as the job would) until the outbox is empty or only dead letters (and records behind them) are left. */
async function drain(maxPasses = 60) {
  for (let i = 0; i < maxPasses; i++) {
    await pushDue()
    const left = await ExchangeQueue.find().lean()
    const earliest = new Map<string, (typeof left)[number]>()
    for (const q of left) if (!earliest.has(q.ratingId) || q.seq < earliest.get(q.ratingId)!.seq) earliest.set(q.ratingId, q)
    if ([...earliest.values()].every((q) => q.status === 'dead')) return left
    await sleep(25)
  }
  throw new Error('outbox did not drain')
}

describe('pushing to the provincial endpoint', () => {
  it('when the endpoint fails, then times out, then succeeds, then each record arrives once, in order, with the provincial fields', async () => {
    const story = await fullStory()
    expect(await ExchangeQueue.countDocuments()).toBe(4)
    // each record: 503 first, then no answer (timeout), then 200
    stub.behave = (_r, nth) => (nth === 0 ? 'fail' : nth === 1 ? 'timeout' : 'ok')
    const left = await drain()
    expect(left).toEqual([])
    const ids = [`rating-${story.ratingId}`, `append-${story.ratingId}`, `reply-${story.orderId}`, `revisit-${story.orderId}`]
    expect(stub.accepted.map((a) => a.id)).toEqual(ids) // once each, in the order they happened
    expect(stub.repeats).toEqual([])
    expect(stub.received).toHaveLength(12) // 3 attempts each
    // never a later record of the rating before an earlier one was accepted
    for (let i = 1; i < ids.length; i++) {
      const firstTry = stub.received.find((r) => r.id === ids[i])!.at
      expect(firstTry).toBeGreaterThanOrEqual(stub.accepted[i - 1]!.at)
    }
    const rating = stub.accepted[0]!
    expect(rating.authorization).toBe('Bearer stub-token-123')
    expect(rating.body).toMatchObject({
      recordId: ids[0],
      projectNo: story.code,
      areaCode: '140902000000',
      taskName: '个体工商户设立登记',
      userName: '王**',
      userProp: '1',
      satisfaction: '1', // provincial: 1 = 非常不满意
      evalDetail: '态度不好、一次告知不清',
      writingEvaluation: BAD.comment,
      assessNumber: 1,
      pf: '2',
    })
    expect(stub.accepted[1]!.body).toMatchObject({ assessNumber: 2, writingEvaluation: '一周后再去，仍未改进' })
    expect(stub.accepted[2]!.body).toMatchObject({ rectifyType: '1', rectifyResult: '已对窗口人员进行批评教育，并张贴一次性告知单' })
    expect(stub.accepted[3]!.body).toMatchObject({ rectifyType: '2', rectifyResult: '满意' })
    // the log keeps the delivery, the leases are gone
    const log = await ExchangeLog.findById(ids[0]).lean()
    expect(log).toMatchObject({ attempts: 3 })
    expect(log!.deliveredAt).toBeInstanceOf(Date)
    expect(await ExchangeLease.countDocuments()).toBe(0)
  })

  it('when three passes run at once, then every record is pushed by one of them only', async () => {
    const stories = [await fullStory('李四'), await fullStory('张三丰')]
    stub.behave = () => 'slow'
    stub.slowMs = 80
    for (let i = 0; i < 10 && (await ExchangeQueue.countDocuments()) > 0; i++) await Promise.all([pushDue(), pushDue(), pushDue()])
    expect(await ExchangeQueue.countDocuments()).toBe(0)
    expect(stub.received).toHaveLength(8)
    expect(stub.repeats).toEqual([])
    for (const s of stories) {
      const order = stub.accepted.filter((a) => a.id.endsWith(s.ratingId) || a.id.endsWith(s.orderId)).map((a) => a.id.split('-')[0])
      expect(order).toEqual(['rating', 'append', 'reply', 'revisit'])
    }
  })

  it('when the endpoint keeps failing, then the wait doubles between attempts and the record becomes a dead letter after the last one', async () => {
    const rater = await citizen()
    const b = await servedBooking({ userId: rater.id, hall, service, servedAt: new Date(Date.now() - 3600_000) })
    const rated = await api().post('/api/v1/ratings').set(rater.auth).send({ bookingId: b.id, level: 5 })
    const id = `rating-${rated.body.id}`
    stub.behave = () => 'fail'
    const waits: number[] = []
    for (let i = 0; i < 4; i++) {
      const before = Date.now()
      const item = (await ExchangeQueue.findById(id).lean())!
      setNow(new Date(Math.max(Date.now(), new Date(item.nextAt).getTime())))
      await pushDue()
      const after = (await ExchangeQueue.findById(id).lean())!
      waits.push(new Date(after.nextAt).getTime() - Math.max(before, new Date(item.nextAt).getTime()))
    }
    // 20, 40, 80 ms (+ the time a pass takes): each wait at least twice the one before
    expect(waits[1]!).toBeGreaterThanOrEqual(40)
    expect(waits[2]!).toBeGreaterThanOrEqual(80)
    const dead = (await ExchangeQueue.findById(id).lean())!
    expect(dead).toMatchObject({ status: 'dead', attempts: 4, lastError: expect.stringContaining('HTTP 503') })
    expect(stub.received).toHaveLength(4)
    await pushDue()
    expect(stub.received).toHaveLength(4) // a dead letter is not retried by itself
  })

  it('when the platform refuses a record (400), then it is a dead letter at once, later records of its rating wait, and one tap re-pushes it', async () => {
    const story = await fullStory()
    stub.behave = (r) => (r.id.startsWith('rating-') && stub.received.filter((x) => x.id === r.id).length === 1 ? 'reject' : 'ok')
    const left = await drain()
    expect(left.map((q) => q._id)).toEqual(expect.arrayContaining([`rating-${story.ratingId}`]))
    expect(stub.received.map((r) => r.id)).toEqual([`rating-${story.ratingId}`]) // the rest waits behind it
    expect(await ExchangeQueue.countDocuments({ status: 'pending' })).toBe(3)

    const overview = await api().get('/api/v1/admin/exchange').set(admin.auth)
    expect(overview.status).toBe(200)
    expect(overview.body).toMatchObject({ endpointConfigured: true, pending: 3 })
    expect(overview.body.dead).toEqual([
      expect.objectContaining({ id: `rating-${story.ratingId}`, status: 'dead', attempts: 1, caseNo: story.code, lastError: expect.stringContaining('HTTP 400') }),
    ])

    const again = await api().post(`/api/v1/admin/exchange/dead/rating-${story.ratingId}/repush`).set(admin.auth)
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ status: 'pending', attempts: 0 })
    expect((await api().post(`/api/v1/admin/exchange/dead/rating-${story.ratingId}/repush`).set(admin.auth)).status).toBe(422)
    expect(await drain()).toEqual([])
    expect(stub.accepted.map((a) => a.id.split('-')[0])).toEqual(['rating', 'append', 'reply', 'revisit'])
    expect((await api().get('/api/v1/admin/exchange').set(admin.auth)).body).toMatchObject({ pending: 0, dead: [] })
  })

  it('when a re-push names an unknown or malformed record, then 404 / 400', async () => {
    expect((await api().post('/api/v1/admin/exchange/dead/rating-0123456789abcdef01234567/repush').set(admin.auth)).status).toBe(404)
    const bad = await api().post('/api/v1/admin/exchange/dead/rating-xyz/repush').set(admin.auth)
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('id')
  })

  it('when a request died between storing a rating (and its 追评) and enqueueing it, then the repair job enqueues them once', async () => {
    // records of earlier tests' ratings were wiped by beforeEach: let the repair restore them first
    await repairExchange()
    const rater = await citizen()
    const b = await servedBooking({ userId: rater.id, hall, service, servedAt: new Date(Date.now() - 3600_000) })
    const rated = await api().post('/api/v1/ratings').set(rater.auth).send({ bookingId: b.id, level: 5 })
    await api().post(`/api/v1/ratings/${rated.body.id}/append`).set(rater.auth).send({ comment: '补充：窗口人员很耐心' })
    // what a request killed after its write leaves: the rating and its 追评 stored, no exchange record
    const ours = [`rating-${rated.body.id}`, `append-${rated.body.id}`]
    await Promise.all([ExchangeQueue.deleteMany({ _id: { $in: ours } }), ExchangeLog.deleteMany({ _id: { $in: ours } })])
    expect(await ExchangeLog.exists({ _id: ours[0] })).toBeNull()
    expect(await Rating.countDocuments({ _id: rated.body.id })).toBe(1)
    expect(await repairExchange()).toBe(2)
    expect((await ExchangeQueue.find({ _id: { $in: ours } }).lean()).map((q) => q._id).sort()).toEqual([...ours].sort())
    expect(await repairExchange()).toBe(0) // idempotent
    expect(await drain()).toEqual([])
    expect(stub.accepted.map((a) => a.id).filter((id) => ours.includes(id))).toEqual(ours)
  })

  it('when a served booking was not rated in time, then its default 基本满意 is pushed with the system channel', async () => {
    const rater = await citizen()
    const b = await servedBooking({ userId: rater.id, hall, service, servedAt: new Date(Date.now() - 9 * 86400_000) })
    await recordDefaultRatings()
    const queued = (await ExchangeQueue.find().lean()).find((q) => (q.record as { caseNo: string }).caseNo === b.code)
    expect(queued).toBeDefined()
    await drain()
    const pushed = stub.accepted.find((a) => a.body.projectNo === b.code)
    expect(pushed?.body).toMatchObject({ satisfaction: '3', pf: '9', assessNumber: 1 })
    expect(await Booking.countDocuments({ _id: b._id })).toBe(1)
  })
})

describe('export of a period (no endpoint configured)', () => {
  it('when no endpoint is configured, then nothing is queued, and the period exports as JSON lines and CSV in both field sets', async () => {
    configure({ EXCHANGE_ENDPOINT: undefined })
    expect(config().EXCHANGE_ENDPOINT).toBeUndefined()
    const story = await fullStory('=HYPERLINK("x")')
    expect(await ExchangeQueue.countDocuments()).toBe(0)
    expect(await pushDue()).toEqual({ delivered: 0, failed: 0, dead: 0 })
    expect((await api().get('/api/v1/admin/exchange').set(admin.auth)).body).toMatchObject({ endpointConfigured: false, pending: 0 })

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const jsonl = await api().get('/api/v1/admin/exchange/export').query({ from: today, to: today }).set(admin.auth)
    expect(jsonl.status).toBe(200)
    expect(jsonl.headers['content-type']).toContain('application/x-ndjson')
    expect(jsonl.headers['content-disposition']).toContain(`haochaping-national-${today}-${today}.jsonl`)
    const lines = jsonl.text.trim().split('\n').map((l) => JSON.parse(l))
    const mine = lines.filter((l) => l.办件编号 === story.code)
    expect(mine.map((l) => l.recordId.split('-')[0])).toEqual(['rating', 'append', 'reply', 'revisit'])
    expect(mine[0]).toMatchObject({ 满意度: '非常不满意', 满意度代码: '5', 评价渠道: '移动端', 评价次数: 1, 行政区划: '140902', 评价人: '=**************' })

    const csv = await api().get('/api/v1/admin/exchange/export').query({ from: today, to: today, format: 'csv', scheme: 'provincial' }).set(admin.auth)
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    const rows = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(rows[0]!.split(',')).toEqual(expect.arrayContaining(['recordId', 'areaCode', 'satisfaction', 'assessTime', 'pf']))
    expect(rows.filter((r) => r.includes(story.code))).toHaveLength(4)
    // a value starting with = is neutralised for spreadsheets
    expect(rows.some((r) => r.includes(",'=**************,"))).toBe(true)
  })

  it.each([
    [{ from: '2026-12-02', to: '2026-11-01' }, 'to'],
    [{ from: '2026-10-01', to: '2026-12-01' }, 'to'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'from'],
    [{ from: '2026-12-01', to: '2026-12-02', format: 'xlsx' }, 'format'],
  ])('when the export is asked with %j, then 400 naming %s', async (query, field) => {
    const res = await api().get('/api/v1/admin/exchange/export').query(query).set(admin.auth)
    expect(res.status).toBe(400)
    expect(res.body.error.details.issues[0].path).toBe(field)
  })

  it('when the caller is not a city administrator, then 401/403', async () => {
    expect((await api().get('/api/v1/admin/exchange')).status).toBe(401)
    expect((await api().get('/api/v1/admin/exchange').set(staff.auth)).status).toBe(403)
    const county = await account({ role: 'admin', regionCode: XINFU })
    expect((await api().get('/api/v1/admin/exchange').set(county.auth)).status).toBe(403)
    expect((await api().get('/api/v1/admin/exchange/export').query({ from: '2026-12-01', to: '2026-12-02' }).set(county.auth)).status).toBe(403)
  })
})
