import { CalendarOverride } from '../../server/src/modules/calendar/calendar.model'
import { api } from '../helpers/app'
import { account, citizen } from '../helpers/auth'
import { useTestDb } from '../helpers/db'

useTestDb()

const calendar = (from: string, to: string) => api().get('/api/v1/calendar').query({ from, to })

describe('GET /calendar', () => {
  it('when Golden Week 2026 is asked, then holidays, weekends and 调休 workdays come from the official schedule', async () => {
    const res = await calendar('2026-09-28', '2026-10-12')
    expect(res.status).toBe(200)
    expect(res.body).toHaveLength(15)
    const types = Object.fromEntries(res.body.map((d: { date: string; type: string }) => [d.date, d.type]))
    expect(types).toMatchObject({
      '2026-09-30': 'workday',
      '2026-10-01': 'holiday',
      '2026-10-07': 'holiday',
      '2026-10-08': 'workday',
      '2026-10-10': 'makeup_workday',
      '2026-10-11': 'weekend',
      '2026-10-12': 'workday',
    })
    expect(res.body.find((d: { date: string }) => d.date === '2026-10-01')).toEqual({ date: '2026-10-01', type: 'holiday', name: '国庆节', official: true })
    expect(res.body.every((d: { official: boolean }) => d.official)).toBe(true)
  })

  it('when Spring Festival 2026 is asked, then 02-14 and 02-28 are 调休 workdays and 02-15..23 holidays', async () => {
    const res = await calendar('2026-02-14', '2026-02-28')
    const types = res.body.map((d: { type: string }) => d.type)
    expect(types[0]).toBe('makeup_workday')
    expect(types.slice(1, 10)).toEqual(Array(9).fill('holiday'))
    expect(types[14]).toBe('makeup_workday')
  })

  it('when the range is past the published data, then statutory days are provisional holidays, the rest plain days with official: false', async () => {
    const res = await calendar('2027-10-03', '2027-10-09')
    expect(res.body).toEqual([
      { date: '2027-10-03', type: 'holiday', name: '国庆节', official: false, provisional: true },
      { date: '2027-10-04', type: 'workday', official: false },
      { date: '2027-10-05', type: 'workday', official: false },
      { date: '2027-10-06', type: 'workday', official: false },
      { date: '2027-10-07', type: 'workday', official: false },
      { date: '2027-10-08', type: 'workday', official: false },
      { date: '2027-10-09', type: 'weekend', name: '周末', official: false },
    ])
  })

  it('when the range is a whole year (366 days), then it answers; 367 days is refused', async () => {
    expect((await calendar('2028-01-01', '2028-12-31')).body).toHaveLength(366)
    const tooLong = await calendar('2026-01-01', '2027-01-02')
    expect(tooLong.status).toBe(400)
    expect(tooLong.body.error.code).toBe('VALIDATION_FAILED')
  })

  it.each([
    [{ from: '2026-10-05', to: '2026-10-01' }, 'to'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'from'],
    [{ from: '2026-10-01' }, 'to'],
    [{ from: 'today', to: '2026-10-01' }, 'from'],
  ])('when the query is %j, then 400 naming %s', async (query, field) => {
    const res = await api().get('/api/v1/calendar').query(query)
    expect(res.status).toBe(400)
    expect(res.body.error.details.issues[0].path).toBe(field)
  })
})

describe('/admin/calendar/overrides', () => {
  it('when a city administrator closes a date, then the calendar shows it, marked as an override', async () => {
    const admin = await account({ role: 'admin', regionCode: '140900' })
    const put = await api()
      .put('/api/v1/admin/calendar/overrides/2026-10-09')
      .set(admin.auth)
      .send({ type: 'holiday', name: '临时闭馆', reason: '系统升级' })
    expect(put.status).toBe(200)
    expect(put.body).toEqual({ date: '2026-10-09', type: 'holiday', name: '临时闭馆', reason: '系统升级' })
    const stored = await CalendarOverride.findById('2026-10-09').lean()
    expect(stored).toMatchObject({ type: 'holiday', name: '临时闭馆', reason: '系统升级', createdBy: admin.id })
    const day = (await calendar('2026-10-09', '2026-10-09')).body[0]
    expect(day).toEqual({ date: '2026-10-09', type: 'holiday', name: '临时闭馆', official: true, override: true })
  })

  it('when the same date is set again, then the override is replaced (one per date)', async () => {
    const admin = await account({ role: 'admin', regionCode: '140900' })
    await api().put('/api/v1/admin/calendar/overrides/2027-02-06').set(admin.auth).send({ type: 'holiday', name: '春节', reason: '2027年安排' })
    const again = await api().put('/api/v1/admin/calendar/overrides/2027-02-06').set(admin.auth).send({ type: 'makeup_workday', name: '春节调休上班' })
    expect(again.status).toBe(200)
    expect(await CalendarOverride.countDocuments({ _id: '2027-02-06' })).toBe(1)
    const stored = await CalendarOverride.findById('2027-02-06').lean()
    expect(stored).toMatchObject({ type: 'makeup_workday', name: '春节调休上班' })
    expect(stored?.reason).toBeUndefined()
    const list = await api().get('/api/v1/admin/calendar/overrides').set(admin.auth)
    expect(list.status).toBe(200)
    expect(list.body).toEqual(expect.arrayContaining([{ date: '2027-02-06', type: 'makeup_workday', name: '春节调休上班' }]))
  })

  it('when an override is deleted, then 204 and the official day is back; deleting it again is 404', async () => {
    const admin = await account({ role: 'admin', regionCode: '140900' })
    await api().put('/api/v1/admin/calendar/overrides/2026-11-02').set(admin.auth).send({ type: 'holiday', name: '临时闭馆' })
    const del = await api().delete('/api/v1/admin/calendar/overrides/2026-11-02').set(admin.auth)
    expect(del.status).toBe(204)
    expect(await CalendarOverride.findById('2026-11-02')).toBeNull()
    expect((await calendar('2026-11-02', '2026-11-02')).body[0]).toEqual({ date: '2026-11-02', type: 'workday', official: true })
    const again = await api().delete('/api/v1/admin/calendar/overrides/2026-11-02').set(admin.auth)
    expect(again.status).toBe(404)
  })

  it.each([
    ['2026-13-01', { type: 'holiday', name: '临时闭馆' }, 'date'],
    ['2026-10-09', { type: 'festival', name: '临时闭馆' }, 'type'],
    ['2026-10-09', { type: 'holiday', name: '临' }, 'name'],
    ['2026-10-09', { type: 'holiday', name: '临时闭馆', date: '2026-10-10' }, ''],
  ])('when PUT %s with %j, then 400 naming "%s"', async (date, body, field) => {
    const admin = await account({ role: 'admin', regionCode: '140900' })
    const res = await api().put(`/api/v1/admin/calendar/overrides/${date}`).set(admin.auth).send(body)
    expect(res.status).toBe(400)
    expect(res.body.error.details.issues[0].path).toBe(field)
  })

  it('when the caller is anonymous, a citizen, staff or a county administrator, then 401/403 and nothing changes', async () => {
    const body = { type: 'holiday', name: '临时闭馆' }
    const url = '/api/v1/admin/calendar/overrides/2026-12-01'
    expect((await api().put(url).send(body)).status).toBe(401)
    expect((await api().get('/api/v1/admin/calendar/overrides')).status).toBe(401)
    const c = await citizen()
    expect((await api().put(url).set(c.auth).send(body)).status).toBe(403)
    const staff = await account({ role: 'staff' })
    expect((await api().get('/api/v1/admin/calendar/overrides').set(staff.auth)).status).toBe(403)
    const county = await account({ role: 'admin', regionCode: '140902' })
    const res = await api().put(url).set(county.auth).send(body)
    expect(res.status).toBe(403)
    expect((await api().delete(url).set(county.auth)).status).toBe(403)
    expect(await CalendarOverride.findById('2026-12-01')).toBeNull()
  })
})
