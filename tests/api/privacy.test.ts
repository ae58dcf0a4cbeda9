/**
 * Personal data under the person's control (SPEC §2.10, issue 13 item 6): agreement to the 用户协议/隐私政策,
 * 导出我的数据, and 注销账号 — after which no route (staff views, lists, work orders, exports) returns the
 * person's name, mobile or credit code, while the records stay for statistics without identity.
 */
import crypto from 'node:crypto'
import { creditCodeCheckChar, LEGAL_VERSION } from '@xz/shared'
import { routeRegistry } from '../../server/src/lib/routes'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { Rating } from '../../server/src/modules/ratings/rating.model'
import { WorkOrder } from '../../server/src/modules/work-orders/work-order.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { CITY, daysAgo, ratedPoint, servedBooking } from '../helpers/rating-fixtures'
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
let world: Awaited<ReturnType<typeof ratedPoint>>
const ids: Record<string, string> = {}

beforeAll(async () => {
  world = await ratedPoint()
  me = await citizen()
  staff = await account({ role: 'staff', hallIds: [world.hall._id] })
  admin = await account({ role: 'admin', regionCode: CITY })
})

describe('agreement', () => {
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
      const idChoices = route.path.includes(':') ? [ids.booking, ids.rating, ids.workOrder, world.hall.id, world.service.id] : ['']
      for (const id of idChoices) {
        const url = `/api/v1${fillPath(route.path, { id, hallId: world.hall.id, date })}`
        for (const who of [admin, staff, undefined]) {
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
    return { text, answered }
  }

  it('when I delete my account, then nothing anywhere returns my name, mobile or credit code, records stay anonymous and my tokens stop working', async () => {
    const before = await everythingVisible()
    // the search can find the person: staff views and work orders show them before deletion
    expect(before.text).toContain(MOBILE.slice(0, 3) + '****' + MOBILE.slice(7))

    const refused = await api().post('/api/v1/me/delete').set(me.auth).send({ confirm: 'yes' })
    expect(refused.status).toBe(400)
    const res = await api().post('/api/v1/me/delete').set(me.auth).send({ confirm: '注销账号' })
    expect(res.status).toBe(200)
    expect(res.body.ok).toBe(true)

    const after = await everythingVisible()
    expect(after.answered).toBeGreaterThan(20)
    for (const secret of [NAME, MOBILE, CREDIT, COMPANY, MOBILE.slice(0, 3) + '****' + MOBILE.slice(7)]) expect(after.text).not.toContain(secret)

    // the records remain for statistics, without identity
    const booking = (await Booking.findById(ids.booking).lean())!
    expect(booking.status).toBe('served')
    expect(JSON.stringify(booking)).not.toMatch(new RegExp(`${NAME}|${MOBILE}|${CREDIT}`))
    const rating = (await Rating.findById(ids.rating).lean())!
    expect(rating.level).toBe(1)
    expect(JSON.stringify(rating)).not.toMatch(new RegExp(`${NAME}|${MOBILE}`))
    expect(JSON.stringify(await WorkOrder.findById(ids.workOrder).lean())).not.toMatch(new RegExp(`${NAME}|${MOBILE}`))

    // signed out everywhere
    expect((await api().get('/api/v1/me').set(me.auth)).status).toBe(401)
    expect((await api().post('/api/v1/auth/refresh').send({ refreshToken: me.refreshToken })).status).toBe(401)
  })
})
