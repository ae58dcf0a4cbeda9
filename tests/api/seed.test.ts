import mongoose from 'mongoose'
import { HALL_TYPES, localDate } from '@xz/shared'
import { ensureIndexes } from '../../server/src/lib/db'
import { Account } from '../../server/src/modules/auth/auth.model'
import { Bundle, Department, Region, Service } from '../../server/src/modules/catalogue/catalogue.model'
import { Hall } from '../../server/src/modules/halls/hall.model'
import * as data from '../../server/src/modules/seed/data'
import { seedIfEmpty, type SeedOptions } from '../../server/src/modules/seed/seed'
import { SeedState } from '../../server/src/modules/seed/seed.model'
import { SessionRule } from '../../server/src/modules/sessions/session.model'
import { api } from '../helpers/app'
import { useTestDb } from '../helpers/db'
import { DEMO_CATEGORIES } from '../../server/src/modules/tickets/demo/catalogue'
import { DEMO_PROJECT_ACCOUNTS } from '../../server/src/modules/projects/demo/projects'
import { Knowledge } from '../../server/src/modules/knowledge/knowledge.model'
import { Ticket, TicketCategory } from '../../server/src/modules/tickets/ticket.model'

useTestDb()

async function emptyDatabase(): Promise<void> {
  await mongoose.connection.dropDatabase()
  await ensureIndexes()
}

function options(overrides: Partial<SeedOptions> = {}): SeedOptions & { printed: string[] } {
  const printed: string[] = []
  return { production: false, print: (t) => printed.push(t), printed, ...overrides }
}

async function counts() {
  const [services, halls, regions, departments, bundles, accounts, rules] = await Promise.all([
    Service.countDocuments(),
    Hall.countDocuments(),
    Region.countDocuments(),
    Department.countDocuments(),
    Bundle.countDocuments(),
    Account.countDocuments(),
    SessionRule.countDocuments(),
  ])
  return { services, halls, regions, departments, bundles, accounts, rules }
}

const login = (username: string, password: string) => api().post('/api/v1/auth/staff').send({ username, password })

describe('seedIfEmpty', () => {
  beforeAll(emptyDatabase)

  it('when the database is empty, then the demo data is seeded, marked demo, and credentials are printed once', async () => {
    const opts = options({ history: true })
    expect(await seedIfEmpty(opts)).toBe(true)

    const n = await counts()
    expect(n.services).toBeGreaterThanOrEqual(60)
    expect(n.halls).toBeGreaterThanOrEqual(25)
    expect(n.bundles).toBeGreaterThanOrEqual(3)
    expect(n.rules).toBe(data.sessionRules.length)
    expect(await Region.countDocuments({ level: 'county' })).toBe(16)
    expect((await Hall.distinct('type')).sort()).toEqual([...HALL_TYPES].sort())
    for (const model of [Service, Hall, Region, Department, Bundle, Account, SessionRule] as mongoose.Model<any>[]) {
      expect(await model.countDocuments({ demo: { $ne: true } })).toBe(0)
    }

    // items and points are linked both ways, and the sessions module has flagged the off-hours items
    const gssl = await Service.findOne({ code: data.SC.gssl }).lean()
    const cityCenter = await Hall.findOne({ name: data.halls.find((h) => h.key === 'city-center')!.name }).lean()
    expect(gssl?.hallIds?.map(String)).toContain(cityCenter!._id.toString())
    expect(cityCenter?.serviceIds?.map(String)).toContain(gssl!._id.toString())
    expect(gssl?.initials?.split('|')).toContain('yyzz')
    expect(await Service.countDocuments({ offHours: true })).toBeGreaterThan(0)

    // accounts: one city administrator, one staff account per centre and township point
    const staffed = data.halls.filter((h) => h.type === 'center' || h.type === 'township')
    // (+ the 12345 demo accounts: two dispatchers and one handler per department of the dispatch catalogue,
    // + the 全代办 项目长/代办员)
    expect(n.accounts).toBe(1 + staffed.length + 2 + new Set(DEMO_CATEGORIES.map((c) => c.dept)).size + DEMO_PROJECT_ACCOUNTS.length)
    expect(await Account.findOne({ username: 'admin' }).lean()).toMatchObject({ role: 'admin', regionCode: '140900' })
    const staff = await Account.findOne({ username: 'staff.city-center' }).lean()
    expect(staff).toMatchObject({ role: 'staff', hallIds: [cityCenter!._id] })

    // the generated passwords are printed once, and they work
    expect(opts.printed).toHaveLength(1)
    const adminPassword = /admin {2}(\S+)/.exec(opts.printed[0])?.[1]
    const staffPassword = /staff\.city-center {2}(\S+)/.exec(opts.printed[0])?.[1]
    expect(adminPassword).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(staffPassword).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect((await login('admin', adminPassword!)).status).toBe(200)
    expect((await login('staff.city-center', staffPassword!)).status).toBe(200)
    expect(await SeedState.findById('seed').lean()).toMatchObject({ status: 'done', counts: { services: n.services } })
  }, 240_000)

  it('when the demo is seeded, then it holds a few weeks of served bookings and ratings made through the claims, marked 示例数据', async () => {
    const { Booking } = await import('../../server/src/modules/bookings/booking.model')
    const { BookingClaim } = await import('../../server/src/modules/bookings/claim.model')
    const { Rating } = await import('../../server/src/modules/ratings/rating.model')
    const { User } = await import('../../server/src/modules/auth/auth.model')
    const served = await Booking.find({ status: 'served' }).lean()
    expect(served.length).toBeGreaterThanOrEqual(20)
    // all in the past, spread over several weekend days, each checked in with a queue number and marked 示例数据
    const today = localDate(new Date())
    expect(served.every((b) => b.date < today && b.note === '示例数据' && /^Y\d{3}$/.test(b.queueNumber ?? ''))).toBe(true)
    expect(new Set(served.map((b) => b.date)).size).toBeGreaterThanOrEqual(4)
    // served bookings hold no claims any more; no booking of the history is still active
    expect(await Booking.countDocuments({ status: { $in: ['booked', 'checked_in'] } })).toBe(0)
    expect(await BookingClaim.countDocuments()).toBe(0)
    // ratings: one per rated booking, most of them good, the bad ones with a work order
    const ratings = await Rating.find({ kind: 'window' }).lean()
    expect(ratings.length).toBeGreaterThanOrEqual(served.length * 0.6)
    expect(new Set(ratings.map((r) => String(r.bookingId))).size).toBe(ratings.length)
    expect(ratings.filter((r) => r.level >= 3).length / ratings.length).toBeGreaterThan(0.8)
    const raters = await User.find({ _id: { $in: ratings.map((r) => r.userId) } }).lean()
    expect(raters.every((u) => u.openid.startsWith('demo-history-') && u.name?.startsWith('示例用户'))).toBe(true)
    expect((await SeedState.findById('seed').lean())?.counts).toMatchObject({ servedBookings: served.length, ratings: ratings.length })
  })

  it('12345 demo: the dispatch catalogue, 60 knowledge entries and ~200 tickets in every state, marked demo, with working accounts', async () => {
    expect(await TicketCategory.countDocuments({ demo: true })).toBe(DEMO_CATEGORIES.length)
    expect(await Knowledge.countDocuments({ demo: true })).toBeGreaterThanOrEqual(60)
    const tickets = await Ticket.find({}).select('status demo timeline seq').lean()
    expect(tickets.length).toBeGreaterThanOrEqual(180)
    expect(tickets.every((t) => t.demo && t.seq === t.timeline.length)).toBe(true)
    const states = new Set(tickets.map((t) => t.status))
    for (const s of ['submitted', 'merged', 'dispatched', 'handling', 'replied', 'closed', 'archived']) expect({ s, present: states.has(s as never) }).toEqual({ s, present: true })
    // the citizen-facing search finds the demo knowledge, in pinyin too
    expect((await api().get('/api/v1/knowledge').query({ q: 'sbkbb' })).body.total).toBeGreaterThan(0)
    expect((await api().get('/api/v1/knowledge').query({ q: '公积金提取' })).body.total).toBeGreaterThan(0)
  })

  it('when it is called again, then it does nothing and prints nothing', async () => {
    const before = await counts()
    const opts = options()
    expect(await seedIfEmpty(opts)).toBe(false)
    expect(await counts()).toEqual(before)
    expect(opts.printed).toEqual([])
  })

  it('when the seeded data is read through the API, then search, nearby points and bundles work on it', async () => {
    const yyzz = await api().get('/api/v1/services').query({ q: 'yyzz' })
    expect(yyzz.body.items.map((i: { name: string }) => i.name)).toEqual(expect.arrayContaining(['营业执照遗失补领']))
    expect(yyzz.body.items.every((i: { demo: boolean }) => i.demo)).toBe(true)
    const cityCenter = data.halls.find((h) => h.key === 'city-center')!
    const near = await api().get('/api/v1/halls').query({ ...cityCenter.location, type: 'center' })
    expect(near.body.items[0]).toMatchObject({ name: cityCenter.name, distanceKm: 0, hasOffHours: true })
    const bundles = await api().get('/api/v1/bundles')
    expect(bundles.body.length).toBeGreaterThanOrEqual(3)
    const detail = await api().get(`/api/v1/bundles/${bundles.body[0].id}`)
    const merged = detail.body.mergedMaterials as { serviceIds: string[] }[]
    expect(merged.some((m) => m.serviceIds.length > 1)).toBe(true)
  })
})

describe('seedIfEmpty — concurrency, passwords, non-empty databases', () => {
  beforeEach(emptyDatabase)

  it('when three starts race on an empty database, then exactly one seeds, the others wait for it, and nothing is duplicated', async () => {
    const results = await Promise.all(
      [1, 2, 3].map(async () => {
        const seeded = await seedIfEmpty(options())
        // what each start sees when seedIfEmpty returns: the losers return only once the winner is done
        return { seeded, state: (await SeedState.findById('seed').lean())?.status, services: await Service.countDocuments() }
      }),
    )
    expect(results.filter((r) => r.seeded)).toHaveLength(1)
    expect(results.every((r) => r.state === 'done' && r.services === data.services.length)).toBe(true)
    const n = await counts()
    expect(n).toMatchObject({ services: data.services.length, halls: data.halls.length, regions: data.regions.length, bundles: data.bundles.length })
    expect(await SeedState.findById('seed').lean()).toMatchObject({ status: 'done' })
  })

  it('when passwords are set in the environment, then they are used and never printed', async () => {
    const opts = options({ adminPassword: 'Admin-pass-2026!', staffPassword: 'Staff-pass-2026!' })
    expect(await seedIfEmpty(opts)).toBe(true)
    expect(opts.printed.join('\n')).not.toContain('pass-2026')
    expect(opts.printed.join('\n')).toContain('SEED_ADMIN_PASSWORD')
    expect((await login('admin', 'Admin-pass-2026!')).status).toBe(200)
    expect((await login('staff.xinfu-center', 'Staff-pass-2026!')).status).toBe(200)
  })

  it('when production is given a short password, then it refuses and seeds nothing', async () => {
    await expect(seedIfEmpty(options({ production: true, adminPassword: 'short123' }))).rejects.toThrow(/at least 12/)
    expect(await Service.countDocuments()).toBe(0)
    expect(await SeedState.countDocuments()).toBe(0)
  })

  it('when the database already holds data, then nothing is seeded', async () => {
    await Account.create({ username: 'existing', passwordHash: 'x', name: '已有账号', role: 'admin', regionCode: '140900' })
    const opts = options()
    expect(await seedIfEmpty(opts)).toBe(false)
    expect(await Service.countDocuments()).toBe(0)
    expect(opts.printed).toEqual([])
  })
})
