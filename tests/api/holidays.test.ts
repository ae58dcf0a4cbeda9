import { setNow } from '../../server/src/lib/clock'
import { HolidayYear } from '../../server/src/modules/calendar/calendar.model'
import { WorkOrder } from '../../server/src/modules/work-orders/work-order.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { at, CITY, ratedPoint, servedBooking, XINFU, type FixtureHall, type FixtureService } from '../helpers/rating-fixtures'

useTestDb()

let admin: Session
let hall: FixtureHall
let service: FixtureService

beforeAll(async () => {
  admin = await account({ role: 'admin', regionCode: CITY })
  const point = await ratedPoint({ name: '忻府区政务服务中心', regionCode: XINFU })
  hall = point.hall
  service = point.service
})
beforeEach(async () => {
  await HolidayYear.deleteMany({})
})
afterEach(() => setNow(undefined))

const calendar = (from: string, to: string) => api().get('/api/v1/calendar').query({ from, to })
const dayOf = async (date: string) => (await calendar(date, date)).body[0]

/** The State Council's 2027 notice as an administrator pastes it (dates of the test's own making). */
const NOTICE_2027 = [
  '类型,名称,开始日期,结束日期',
  '假期,元旦,2027-01-01,2027-01-03',
  '假期,春节,2027-02-05,2027-02-11',
  '上班,春节,2027-02-13',
  '假期,清明,2027-04-03,2027-04-05',
  '假期,劳动节,2027-05-01,2027-05-05',
  '上班,劳动节,2027-04-25',
  '假期,端午,2027-06-09',
  '假期,中秋,2027-09-15',
  '假期,国庆节,2027-10-01,2027-10-07',
  '上班,国庆节,2027-09-26',
  '上班,国庆节,2027-10-09',
].join('\n')

describe('GET /calendar in a year without a published schedule', () => {
  it('when 2027 is asked, then the statutory days are holidays marked official:false, provisional:true, and no 调休 is guessed', async () => {
    const expected: [string, string][] = [
      ['2027-01-01', '元旦'],
      ['2027-02-05', '春节'],
      ['2027-02-06', '春节'],
      ['2027-02-07', '春节'],
      ['2027-02-08', '春节'],
      ['2027-04-05', '清明'],
      ['2027-05-01', '劳动节'],
      ['2027-05-02', '劳动节'],
      ['2027-06-09', '端午'],
      ['2027-09-15', '中秋'],
      ['2027-10-01', '国庆节'],
      ['2027-10-02', '国庆节'],
      ['2027-10-03', '国庆节'],
    ]
    const res = await calendar('2027-01-01', '2027-12-31')
    expect(res.status).toBe(200)
    const holidays = res.body.filter((d: { type: string }) => d.type === 'holiday')
    expect(holidays).toEqual(expected.map(([date, name]) => ({ date, type: 'holiday', name, official: false, provisional: true })))
    expect(res.body.some((d: { type: string }) => d.type === 'makeup_workday')).toBe(false)
    expect(await dayOf('2027-02-09')).toEqual({ date: '2027-02-09', type: 'workday', official: false })
  })

  it('when the years are asked, then 2026 is official (package) and 2027 provisional (rule)', async () => {
    const res = await api().get('/api/v1/calendar/years').query({ from: 2026, to: 2027 })
    expect(res.status).toBe(200)
    expect(res.body.map((y: { year: number; status: string; origin: string }) => [y.year, y.status, y.origin])).toEqual([
      [2026, 'official', 'package'],
      [2027, 'provisional', 'rule'],
    ])
    expect(res.body[1].holidays).toHaveLength(13)
    expect(res.body[1].workdays).toEqual([])
    expect((await api().get('/api/v1/calendar/years').query({ from: 2027, to: 2040 })).status).toBe(400)
    expect((await api().get('/api/v1/calendar/years').query({ from: 1899, to: 1900 })).body.error.details.issues[0].path).toBe('from')
  })
})

describe('/admin/calendar/years', () => {
  it('when it is December and next year is provisional, then the admin screen gets a notice; in October it does not', async () => {
    setNow(new Date('2026-12-02T10:00:00+08:00'))
    const res = await api().get('/api/v1/admin/calendar/years').set(admin.auth)
    expect(res.status).toBe(200)
    expect(res.body.years.map((y: { year: number; status: string }) => [y.year, y.status])).toEqual([
      [2025, 'official'],
      [2026, 'official'],
      [2027, 'provisional'],
    ])
    expect(res.body.notice).toContain('2027 年放假安排尚未录入')
    setNow(new Date('2026-10-20T10:00:00+08:00'))
    expect((await api().get('/api/v1/admin/calendar/years').set(admin.auth)).body.notice).toBeUndefined()
  })

  it('when the official 2027 notice is imported, then it replaces the provisional days, 调休 included, and the notice goes away', async () => {
    setNow(new Date('2026-12-02T10:00:00+08:00'))
    const res = await api().post('/api/v1/admin/calendar/years/2027/import').set(admin.auth).send({ text: NOTICE_2027, source: '国办发明电〔2026〕7号' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ year: 2027, status: 'official', origin: 'admin', source: '国办发明电〔2026〕7号' })
    expect(res.body.holidays).toHaveLength(3 + 7 + 3 + 5 + 1 + 1 + 7)
    expect(res.body.workdays).toEqual([
      { date: '2027-02-13', name: '春节调休上班' },
      { date: '2027-04-25', name: '劳动节调休上班' },
      { date: '2027-09-26', name: '国庆节调休上班' },
      { date: '2027-10-09', name: '国庆节调休上班' },
    ])
    expect(await dayOf('2027-02-10')).toEqual({ date: '2027-02-10', type: 'holiday', name: '春节', official: true })
    expect(await dayOf('2027-02-13')).toEqual({ date: '2027-02-13', type: 'makeup_workday', name: '春节调休上班', official: true })
    expect(await dayOf('2027-02-15')).toEqual({ date: '2027-02-15', type: 'workday', official: true })
    const admins = await api().get('/api/v1/admin/calendar/years').set(admin.auth)
    expect(admins.body.years[2]).toMatchObject({ year: 2027, status: 'official', origin: 'admin' })
    expect(admins.body.notice).toBeUndefined()
    // the document is keyed by year: importing again replaces, never duplicates
    const again = await api()
      .post('/api/v1/admin/calendar/years/2027/import')
      .set(admin.auth)
      .send({ text: '假期,元旦,2027-01-01\n假期,春节,2027-02-05,2027-02-08' })
    expect(again.status).toBe(200)
    expect(await HolidayYear.countDocuments({ _id: '2027' })).toBe(1)
    expect(await dayOf('2027-02-10')).toEqual({ date: '2027-02-10', type: 'workday', official: true })
    expect(await dayOf('2027-02-13')).toMatchObject({ type: 'weekend', official: true })
  })

  it('when the schedule is entered through the form, then the same replacement happens; withdrawing it brings the provisional days back', async () => {
    const body = {
      holidays: [
        { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
        { name: '春节', from: '2027-02-05', to: '2027-02-11' },
      ],
      workdays: [{ date: '2027-02-13', name: '春节' }],
    }
    const put = await api().put('/api/v1/admin/calendar/years/2027').set(admin.auth).send(body)
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ year: 2027, status: 'official', origin: 'admin' })
    expect(await dayOf('2027-04-05')).toEqual({ date: '2027-04-05', type: 'workday', official: true })
    const del = await api().delete('/api/v1/admin/calendar/years/2027').set(admin.auth)
    expect(del.status).toBe(204)
    expect(await dayOf('2027-04-05')).toMatchObject({ type: 'holiday', name: '清明', provisional: true })
    expect((await api().delete('/api/v1/admin/calendar/years/2027').set(admin.auth)).status).toBe(404)
  })

  it.each([
    ['假期,元旦,2027-01-01\n假期,春节,2027-02-30,2027-03-01', 'line2.from', '第 2 行'],
    ['假期,元旦,2027-01-01\n放假吧,春节,2027-02-05', 'line2.type', '第 2 行'],
    ['假期,元旦,2027-01-01\n\n上班,春节,2027-02-12', 'line3.date', '第 3 行'], // a Friday
    ['假期,春节,2027-02-05,2027-02-11\n假期,除夕,2027-02-05', 'line2.from', '第 2 行'], // the same date twice
    ['假期,春节,2028-01-26,2028-02-01', 'line1.from', '第 1 行'], // not 2027
    ['# 空', 'text', '没有找到'],
  ])('when the import is %j, then 400 naming %s and nothing is stored', async (text, path, message) => {
    const res = await api().post('/api/v1/admin/calendar/years/2027/import').set(admin.auth).send({ text })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.details.issues[0].path).toBe(path)
    expect(res.body.error.details.issues[0].message).toContain(message)
    expect(await HolidayYear.countDocuments({})).toBe(0)
  })

  it.each([
    [{ holidays: [] }, 'holidays'],
    [{ holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-01' }] }, 'holidays.0.to'],
    [{ holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-06' }], workdays: [{ date: '2027-02-12' }] }, 'workdays.0.date'],
    [{ holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-06', extra: 1 }] }, 'holidays.0'],
  ])('when the form sends %j, then 400 naming %s', async (body, path) => {
    const res = await api().put('/api/v1/admin/calendar/years/2027').set(admin.auth).send(body)
    expect(res.status).toBe(400)
    expect(res.body.error.details.issues[0].path).toBe(path)
    expect(await HolidayYear.countDocuments({})).toBe(0)
  })

  it('when the caller is not a city administrator, then 401/403 and nothing is stored', async () => {
    const url = '/api/v1/admin/calendar/years/2027/import'
    expect((await api().post(url).send({ text: NOTICE_2027 })).status).toBe(401)
    expect((await api().post(url).set((await citizen()).auth).send({ text: NOTICE_2027 })).status).toBe(403)
    const county = await account({ role: 'admin', regionCode: XINFU })
    expect((await api().post(url).set(county.auth).send({ text: NOTICE_2027 })).status).toBe(403)
    expect((await api().get('/api/v1/admin/calendar/years').set((await account({ role: 'staff' })).auth)).status).toBe(403)
    expect(await HolidayYear.countDocuments({})).toBe(0)
  })
})

describe('working-day deadlines across 2027 春节', () => {
  const BAD = { level: 1, tags: ['态度不好'], comment: '窗口人员态度冷淡，材料要求没有一次说清' }
  async function badRatingOn(date: string) {
    const rater = await citizen()
    const servedAt = at(date, '09:00')
    const b = await servedBooking({ userId: rater.id, hall, service, servedAt, applicantName: '王晓明' })
    setNow(new Date(servedAt.getTime() + 60 * 60 * 1000))
    const res = await api().post('/api/v1/ratings').set(rater.auth).send({ bookingId: b.id, ...BAD })
    expect(res.status).toBe(201)
    return (await WorkOrder.findOne({ ratingId: res.body.id }).lean())!
  }

  it('when a 差评 comes on Thu 2027-02-04 (provisional 春节 02-05…02-08), then it must be verified by Tue 02-09', async () => {
    const order = await badRatingOn('2027-02-04')
    expect(order.verifyDeadline.toISOString()).toBe('2027-02-09T15:59:59.000Z')
  })

  it('when the official 2027 schedule is imported (春节 02-05…02-11), then a new 差评 on 02-04 is due on Fri 02-12', async () => {
    expect((await api().post('/api/v1/admin/calendar/years/2027/import').set(admin.auth).send({ text: NOTICE_2027 })).status).toBe(200)
    const order = await badRatingOn('2027-02-04')
    expect(order.verifyDeadline.toISOString()).toBe('2027-02-12T15:59:59.000Z')
  })
})
