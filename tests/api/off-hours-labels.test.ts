/**
 * Issue 12 item 3: an item's off-hours labels come from the sessions that really offer it within the booking
 * horizon — 周末/节假日 (weekend or holiday sessions) apart from 午间/延时 (working-day lunchtime or evening) —
 * and the catalogue filters on each.
 */
import mongoose from 'mongoose'
import { setNow } from '../../server/src/lib/clock'
import { Service } from '../../server/src/modules/catalogue/catalogue.model'
import { SessionRule } from '../../server/src/modules/sessions/session.model'
import { offHoursRefreshJob } from '../../server/src/modules/sessions/sessions.jobs'
import { api } from '../helpers/app'
import { account, type Session } from '../helpers/auth'
import { NOW } from '../helpers/booking-fixtures'
import { useTestDb } from '../helpers/db'
import { makeHall, makeService } from '../helpers/factories'

useTestDb()

type Doc = { _id: mongoose.Types.ObjectId }
const id = (d: Doc) => String(d._id)
const RULES = '/api/v1/admin/session-rules'

let admin: Session
let weekendItem: Doc
let lunchItem: Doc
let bothItem: Doc
let noneItem: Doc
let hall: Doc

const flags = async (d: Doc) => {
  const s = (await Service.findById(d._id).lean())!
  return { offHours: s.offHours, weekend: s.offHoursWeekend, extended: s.offHoursExtended }
}

const search = (query: Record<string, string>) => api().get('/api/v1/services').query({ pageSize: '50', ...query })
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id).sort()

beforeAll(async () => {
  setNow(NOW)
  admin = await account({ role: 'admin', regionCode: '140900' })
  weekendItem = await makeService({ name: '周末专办事项' })
  lunchItem = await makeService({ name: '午间专办事项' })
  bothItem = await makeService({ name: '两种都办事项' })
  noneItem = await makeService({ name: '不预约事项' })
  hall = await makeHall({ regionCode: '140902', serviceIds: [weekendItem, lunchItem, bothItem, noneItem].map(id), regularHours: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:30' }] })
  await SessionRule.deleteMany({})
  const rules = [
    { label: '双休日值班', dayTypes: ['weekend'], start: '09:00', end: '12:00', serviceIds: [id(weekendItem), id(bothItem)] },
    { label: '午间不断档', dayTypes: ['workday'], start: '12:00', end: '13:30', serviceIds: [id(lunchItem), id(bothItem)] },
  ]
  for (const r of rules) {
    const res = await api().post(RULES).set(admin.auth).send({ hallId: id(hall), ...r })
    expect(res.status).toBe(201)
  }
})
afterAll(() => setNow(undefined))

describe('off-hours labels computed from the sessions', () => {
  it('when an item is offered only at lunchtime, then it is 午间/延时 and not 周末/节假日', async () => {
    expect(await flags(lunchItem)).toEqual({ offHours: true, weekend: false, extended: true })
    expect(await flags(weekendItem)).toEqual({ offHours: true, weekend: true, extended: false })
    expect(await flags(bothItem)).toEqual({ offHours: true, weekend: true, extended: true })
    expect(await flags(noneItem)).toEqual({ offHours: false, weekend: false, extended: false })
  })

  it('when the item list is read, then each item carries both labels', async () => {
    const res = await search({ q: '事项' })
    expect(res.status).toBe(200)
    const byId = new Map(res.body.items.map((i: { id: string }) => [i.id, i]))
    expect(byId.get(id(lunchItem))).toMatchObject({ offHours: true, offHoursWeekend: false, offHoursExtended: true })
    expect(byId.get(id(weekendItem))).toMatchObject({ offHours: true, offHoursWeekend: true, offHoursExtended: false })
  })

  it('when filtering by kind, then weekend lists only items with weekend sessions and extended only lunchtime/evening ones (with and without a search term)', async () => {
    const weekend = await search({ offHoursKind: 'weekend' })
    expect(weekend.status).toBe(200)
    expect(ids(weekend.body)).toEqual([id(weekendItem), id(bothItem)].sort())
    const extended = await search({ offHoursKind: 'extended' })
    expect(ids(extended.body)).toEqual([id(lunchItem), id(bothItem)].sort())
    // the in-process search index (used when there is a search term) answers the same
    expect(ids((await search({ q: '事项', offHoursKind: 'weekend' })).body)).toEqual([id(weekendItem), id(bothItem)].sort())
    expect(ids((await search({ q: '事项', offHoursKind: 'extended' })).body)).toEqual([id(lunchItem), id(bothItem)].sort())
  })

  it('when the kind is not one of weekend/extended, then 400 naming offHoursKind', async () => {
    const res = await search({ offHoursKind: 'night' })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(JSON.stringify(res.body.error.details)).toContain('offHoursKind')
  })

  it('when a weekend rule only takes effect after the 14-day horizon, then it does not make the item 周末/节假日', async () => {
    const later = await makeService({ name: '下月才开的事项' })
    await makeHall({ regionCode: '140902', serviceIds: [id(later)], regularHours: [] }).then(async (h) => {
      const res = await api()
        .post(RULES)
        .set(admin.auth)
        .send({ hallId: id(h), label: '双休日值班', dayTypes: ['weekend'], start: '09:00', end: '12:00', effectiveFrom: '2027-01-09' })
      expect(res.status).toBe(201)
    })
    expect(await flags(later)).toEqual({ offHours: false, weekend: false, extended: false })
    // … and once the horizon reaches it, the daily refresh turns the label on
    setNow(new Date(NOW.getTime() + 36 * 86_400_000))
    await offHoursRefreshJob.run()
    expect(await flags(later)).toEqual({ offHours: true, weekend: true, extended: false })
    setNow(NOW)
  })

  it('when the weekend rule is archived, then the items it alone offered lose 周末/节假日 and keep 午间/延时', async () => {
    const rule = await SessionRule.findOne({ label: '双休日值班', hallId: hall._id }).lean()
    const res = await api().delete(`${RULES}/${String(rule!._id)}`).set(admin.auth)
    expect(res.status).toBe(200)
    expect(await flags(weekendItem)).toEqual({ offHours: false, weekend: false, extended: false })
    expect(await flags(bothItem)).toEqual({ offHours: true, weekend: false, extended: true })
  })
})
