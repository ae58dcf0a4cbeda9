/**
 * Personal data under the person's control (SPEC §2.10, issue 13 item 6): agreement to the 用户协议/隐私政策,
 * 导出我的数据, and 注销账号 — after which no route (staff views, lists, work orders, exports) returns the
 * person's name, mobile or credit code, while the records stay for statistics without identity.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { creditCodeCheckChar, LEGAL_VERSION, localDate } from '@xz/shared'
import { routeRegistry } from '../../server/src/lib/routes'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { Enterprise, EnterpriseOwner } from '../../server/src/modules/enterprises/enterprise.model'
import { ExchangeLog } from '../../server/src/modules/exchange/exchange.model'
import { PolicyApplication } from '../../server/src/modules/policies/policy.model'
import { Ticket } from '../../server/src/modules/tickets/ticket.model'
import { Rating } from '../../server/src/modules/ratings/rating.model'
import { WorkOrder } from '../../server/src/modules/work-orders/work-order.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { policyBody } from '../helpers/policy-fixtures'
import { CITY, daysAgo, makeDepartment, ratedPoint, servedBooking } from '../helpers/rating-fixtures'
import { submitBody, ticketAccount, XINFU } from '../helpers/ticket-fixtures'
import { TicketCategory } from '../../server/src/modules/tickets/ticket.model'
import { photoDir, TicketPhoto } from '../../server/src/modules/tickets/ticket-photos'
import { fillPath } from '../helpers/schema-walk'

jest.setTimeout(180_000)
useTestDb()

const NAME = `隐私测${crypto.randomInt(100, 999)}`
const MOBILE = `139${String(crypto.randomInt(0, 1e8)).padStart(8, '0')}`
const CREDIT17 = `91140900${String(crypto.randomInt(0, 1e9)).padStart(9, '0')}`
const CREDIT = CREDIT17 + creditCodeCheckChar(CREDIT17)
const COMPANY = `忻州隐私测试${crypto.randomInt(100, 999)}有限公司`

let me: Session
let staff: Session
let admin: Session
let dispatcher: Session
let handler: Session
let world: Awaited<ReturnType<typeof ratedPoint>>
const ids: Record<string, string> = {}

beforeAll(async () => {
  world = await ratedPoint()
  me = await citizen(undefined, { agree: false })
  staff = await account({ role: 'staff', hallIds: [world.hall._id] })
  admin = await account({ role: 'admin', regionCode: CITY })
})

describe('agreement', () => {
  it('when a person has not agreed, then booking, 12345, enterprise profile and personal fields of PATCH /me are refused with PRIVACY_AGREEMENT_REQUIRED and nothing is written', async () => {
    const stranger = await citizen(undefined, { agree: false })
    const dept = await makeDepartment('忻府区人力资源和社会保障局')
    const category = await TicketCategory.create({ name: `未同意-${crypto.randomBytes(3).toString('hex')}`, departmentId: dept._id, replyDays: 5 })
    const attempts = [
      api().patch('/api/v1/me').set(stranger.auth).send({ name: NAME, mobile: MOBILE }),
      api().post('/api/v1/tickets').set(stranger.auth).send(submitBody(category._id, { contactName: NAME, contactMobile: MOBILE })),
      api().put('/api/v1/me/enterprise').set(stranger.auth).send({ name: COMPANY, creditCode: CREDIT }),
      api()
        .post('/api/v1/bookings')
        .set(stranger.auth)
        .send({ slotId: `${'0'.repeat(24)}.20991231.0900`, serviceId: world.service.id, applicant: { name: NAME, phone: MOBILE } }),
    ]
    for (const res of await Promise.all(attempts)) {
      expect([res.status, res.body.error?.code, res.body.error?.details]).toEqual([428, 'PRIVACY_AGREEMENT_REQUIRED', undefined])
      expect(res.body.error.code).toBe('PRIVACY_AGREEMENT_REQUIRED')
    }
    const meNow = await api().get('/api/v1/me').set(stranger.auth)
    expect(JSON.stringify(meNow.body)).not.toContain(NAME)
    expect(await Ticket.countDocuments({ userId: stranger.id })).toBe(0)
    expect(await Booking.countDocuments({ userId: stranger.id })).toBe(0)
    expect(await EnterpriseOwner.exists({ _id: stranger.id })).toBeNull()
    expect(await Enterprise.exists({ _id: CREDIT })).toBeNull()
  })

  it('when a new person has not agreed, then the status says so; agreeing to the current version records it once', async () => {
    const before = await api().get('/api/v1/me/agreement').set(me.auth)
    expect(before.body).toMatchObject({ currentVersion: LEGAL_VERSION, agreed: false })
    const stale = await api().post('/api/v1/me/agreement').set(me.auth).send({ version: '2000-01-01' })
    expect(stale.status).toBe(400)
    const ok = await api().post('/api/v1/me/agreement').set(me.auth).send({ version: LEGAL_VERSION })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ agreed: true, agreedVersion: LEGAL_VERSION })
    const again = await api().post('/api/v1/me/agreement').set(me.auth).send({ version: LEGAL_VERSION })
    expect(again.body.agreedAt).toBe(ok.body.agreedAt)
  })
})

describe('export and deletion', () => {
  beforeAll(async () => {
    await api().patch('/api/v1/me').set(me.auth).send({ name: NAME, mobile: MOBILE, enterprise: { name: COMPANY, creditCode: CREDIT } }).expect(200)
    const b = await servedBooking({ userId: me.id, hall: world.hall, service: world.service, servedAt: daysAgo(1), applicantName: NAME })
    await Booking.updateOne({ _id: b._id }, { $set: { 'applicant.mobile': MOBILE, enterprise: { name: COMPANY, creditCode: CREDIT } } })
    ids.booking = b._id.toString()
    const rated = await api().post('/api/v1/ratings').set(me.auth).send({ bookingId: ids.booking, level: 1, tags: ['态度不好'], comment: `我是${NAME}，电话${MOBILE}` })
    expect(rated.status).toBe(201)
    ids.rating = rated.body.id
    ids.workOrder = (await WorkOrder.findOne({ ratingId: ids.rating }).lean())!._id.toString()
    // a 12345 诉求 (dispatched, so the handler sees it too)
    const dept = await makeDepartment('忻府区人力资源和社会保障局', XINFU)
    const category = await TicketCategory.create({ name: `隐私-${crypto.randomBytes(3).toString('hex')}`, departmentId: dept._id, replyDays: 5 })
    dispatcher = await ticketAccount('dispatcher', { regionCode: CITY })
    handler = await ticketAccount('handler', { departmentId: dept._id })
    // …with a photo (the smallest valid PNG)
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
    const photo = await api().post('/api/v1/tickets/photos').set(me.auth).attach('photo', PNG, { filename: 'p.png', contentType: 'image/png' })
    expect(photo.status).toBe(201)
    ids.photo = photo.body.url
    const t = await api()
      .post('/api/v1/tickets')
      .set(me.auth)
      .send(submitBody(category._id, { contactName: NAME, contactMobile: MOBILE, description: `我是${NAME}，电话${MOBILE}，社保卡补办太慢`, photos: [photo.body.url] }))
    expect(t.status).toBe(201)
    ids.ticket = t.body.id
    await api().post(`/api/v1/dispatch/tickets/${ids.ticket}/dispatch`).set(dispatcher.auth).send({ departmentId: String(dept._id) })
    // the enterprise profile and a 申报
    const prof = await api().put('/api/v1/me/enterprise').set(me.auth).send({ name: COMPANY, creditCode: CREDIT, registeredRegion: CITY, employees: 20 })
    expect(prof.status).toBe(200)
    const policyDept = await makeDepartment('忻州市人力资源和社会保障局')
    const policy = await api().post('/api/v1/admin/policies').set(admin.auth).send(policyBody(String(policyDept._id)))
    expect(policy.status).toBe(201)
    ids.policy = policy.body.id
    expect((await api().post(`/api/v1/admin/policies/${ids.policy}/publish`).set(admin.auth).send({})).status).toBe(200)
    const applied = await api().post(`/api/v1/policies/${ids.policy}/applications`).set(me.auth).send({ note: `联系人${NAME}` })
    expect(applied.status).toBe(201)
    ids.application = applied.body.id
  })

  it('when I export my data, then the JSON holds my profile, bookings, ratings and work orders, and no session key', async () => {
    const res = await api().get('/api/v1/me/export').set(me.auth)
    expect(res.status).toBe(200)
    expect(res.headers['content-disposition']).toContain('attachment')
    expect(res.body.user).toMatchObject({ name: NAME, mobile: MOBILE, enterprise: { name: COMPANY, creditCode: CREDIT } })
    expect(res.body.user).not.toHaveProperty('sessionKey')
    expect(res.body.bookings.map((b: { _id: string }) => b._id)).toEqual([ids.booking])
    expect(res.body.ratings.map((r: { _id: string }) => r._id)).toEqual([ids.rating])
    expect(res.body.workOrders.map((w: { _id: string }) => w._id)).toEqual([ids.workOrder])
    expect(res.body.tickets.map((t: { _id: string }) => t._id)).toEqual([ids.ticket])
    expect(res.body.tickets[0]).toMatchObject({ contactName: NAME, contactMobile: MOBILE })
    expect(res.body.policyApplications.map((a: { _id: string }) => a._id)).toEqual([ids.application])
    expect(res.body.enterprise).toMatchObject({ _id: CREDIT, name: COMPANY })
    // only my data
    const other = await citizen()
    const theirs = await api().get('/api/v1/me/export').set(other.auth)
    expect(theirs.body.bookings).toEqual([])
    expect(JSON.stringify(theirs.body)).not.toContain(NAME)
  })

  /** Every GET route as staff, administrator and anonymous, with the ids of the person's records. */
  async function everythingVisible(): Promise<{ text: string; answered: number }> {
    let text = ''
    let answered = 0
    const date = (await Booking.findById(ids.booking).lean())!.date
    for (const route of routeRegistry.filter((r) => r.method === 'get' && !r.path.startsWith('/me'))) {
      const idChoices = route.path.includes(':') ? [ids.booking, ids.rating, ids.workOrder, ids.ticket, ids.application, ids.policy, world.hall.id, world.service.id] : ['']
      for (const id of idChoices) {
        const url = `/api/v1${fillPath(route.path, { id, hallId: world.hall.id, date })}`
        for (const who of [admin, staff, dispatcher, handler, undefined]) {
          for (const query of [{ hallId: world.hall.id, date, pageSize: 50 }, { pageSize: 50 }, {}]) {
            const req = api().get(url).query(query)
            const res = await (who ? req.set(who.auth) : req)
            if (res.status === 400) continue
            if (res.status === 200) answered++
            text += res.text
            break
          }
        }
      }
    }
    // the 好差评 exchange export of today, every format and field set
    const today = localDate(new Date())
    for (const format of ['jsonl', 'csv']) {
      for (const scheme of ['national', 'provincial']) {
        const res = await api().get('/api/v1/admin/exchange/export').set(admin.auth).query({ from: today, to: today, format, scheme })
        expect(res.status).toBe(200)
        if (format === 'jsonl') answered++
        text += res.text
      }
    }
    return { text, answered }
  }

  /** Counts the statistics are built from: they must not change when a person leaves. */
  async function counts() {
    const month = localDate(new Date()).slice(0, 7)
    const [tickets, ratings, apps, report] = await Promise.all([
      api().get('/api/v1/admin/ticket-stats').set(admin.auth).query({ groupBy: 'department', from: `${month}-01`, to: localDate(new Date()) }),
      api().get('/api/v1/stats/ratings').set(admin.auth).query({ groupBy: 'hall', from: `${month}-01`, to: localDate(new Date()) }),
      api().get('/api/v1/admin/policy-applications').set(admin.auth).query({ pageSize: 50 }),
      api().get('/api/v1/admin/policy-report').set(admin.auth).query({ month }),
    ])
    const row = (report.body.rows ?? []).find((r: { departmentId: string }) => r.departmentId)
    return {
      tickets: tickets.status === 200 ? JSON.stringify(tickets.body) : tickets.status,
      ratings: ratings.status === 200 ? JSON.stringify(ratings.body) : ratings.status,
      applications: apps.body.total,
      applied: row?.applied,
      exchangeRecords: await ExchangeLog.countDocuments({ day: localDate(new Date()) }),
      ticketDocs: await Ticket.countDocuments({ userId: me.id }),
    }
  }

  it('when I delete my account, then nothing anywhere returns my name, mobile or credit code, records stay anonymous and my tokens stop working', async () => {
    const before = await everythingVisible()
    // the search can find the person: staff views and work orders show them before deletion
    expect(before.text).toContain(MOBILE.slice(0, 3) + '****' + MOBILE.slice(7))
    // …and the credit code, the company (applications, exchange export) and the name (ticket, exchange export)
    expect(before.text).toContain(CREDIT)
    expect(before.text).toContain(COMPANY)
    const countsBefore = await counts()
    expect(countsBefore.applications).toBeGreaterThan(0)

    expect(fs.existsSync(path.join(photoDir(), ids.photo.split('/').pop()!))).toBe(true)
    const refused = await api().post('/api/v1/me/delete').set(me.auth).send({ confirm: 'yes' })
    expect(refused.status).toBe(400)
    const res = await api().post('/api/v1/me/delete').set(me.auth).send({ confirm: '注销账号' })
    expect(res.status).toBe(200)
    expect(res.body.ok).toBe(true)

    const after = await everythingVisible()
    expect(after.answered).toBeGreaterThan(20)
    // (the context around a leak, to say where it is; '' when there is none)
    const leak = (secret: string) => (after.text.includes(secret) ? after.text.slice(Math.max(0, after.text.indexOf(secret) - 300), after.text.indexOf(secret) + 100) : '')
    for (const secret of [NAME, MOBILE, CREDIT, COMPANY, MOBILE.slice(0, 3) + '****' + MOBILE.slice(7)]) expect(leak(secret)).toBe('')
    // the photo of the 诉求 is gone: file and record (an administrator gets 404)
    const photoName = ids.photo.split('/').pop()!
    expect(await TicketPhoto.countDocuments({ _id: photoName })).toBe(0)
    expect(fs.existsSync(path.join(photoDir(), photoName))).toBe(false)
    expect((await api().get(ids.photo).set(admin.auth)).status).toBe(404)

    // the records remain for statistics, without identity
    const booking = (await Booking.findById(ids.booking).lean())!
    expect(booking.status).toBe('served')
    expect(JSON.stringify(booking)).not.toMatch(new RegExp(`${NAME}|${MOBILE}|${CREDIT}`))
    const rating = (await Rating.findById(ids.rating).lean())!
    expect(rating.level).toBe(1)
    expect(JSON.stringify(rating)).not.toMatch(new RegExp(`${NAME}|${MOBILE}`))
    expect(JSON.stringify(await WorkOrder.findById(ids.workOrder).lean())).not.toMatch(new RegExp(`${NAME}|${MOBILE}`))

    // the ticket, the 申报 and the exchange records stay without identity; the credit code can be claimed again
    const ticket = (await Ticket.findById(ids.ticket).lean())!
    expect(ticket.status).toBeDefined()
    expect(JSON.stringify(ticket)).not.toMatch(new RegExp(`${NAME}|${MOBILE}`))
    const apps = await PolicyApplication.find({ policyId: ids.policy }).lean()
    expect(apps).toHaveLength(1)
    expect(JSON.stringify(apps)).not.toMatch(new RegExp(`${NAME}|${CREDIT}|${COMPANY}`))
    expect(JSON.stringify(await ExchangeLog.find({ day: localDate(new Date()) }).lean())).not.toMatch(new RegExp(`${NAME}|${COMPANY}|${MOBILE}`))
    expect(await counts()).toEqual(countsBefore)
    const successor = await citizen()
    const claimed = await api().put('/api/v1/me/enterprise').set(successor.auth).send({ name: COMPANY, creditCode: CREDIT })
    expect(claimed.status).toBe(200)

    // signed out everywhere
    expect((await api().get('/api/v1/me').set(me.auth)).status).toBe(401)
    expect((await api().post('/api/v1/auth/refresh').send({ refreshToken: me.refreshToken })).status).toBe(401)
  })
})
