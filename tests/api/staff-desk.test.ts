import { addDays } from '@xz/shared'
import { setNow } from '../../server/src/lib/clock'
import { AuditLog } from '../../server/src/modules/audit/audit.model'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { BookingClaim } from '../../server/src/modules/bookings/claim.model'
import { Notification } from '../../server/src/modules/notifications/notification.model'
import { DeskClaim } from '../../server/src/modules/staff/desk-claim.model'
import { cleanUpDeskClaims } from '../../server/src/modules/staff/staff.jobs'
import { api } from '../helpers/app'
import { account, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { at, CITY, COUNTY, deskWorld, makeBooking, makeHall, testDay, type DeskWorld } from '../helpers/desk-fixtures'

useTestDb()

let w: DeskWorld
beforeAll(async () => {
  w = await deskWorld()
})
afterEach(() => setNow(undefined))

const day = () => testDay()
const checkin = (s: Session, code: string) => api().post('/api/v1/staff/checkins').set(s.auth).send({ code })
const serve = (s: Session, id: unknown) => api().post(`/api/v1/staff/bookings/${id}/serve`).set(s.auth)
const noShow = (s: Session, id: unknown) => api().post(`/api/v1/staff/bookings/${id}/no-show`).set(s.auth)

describe('GET /staff/bookings: the sessions of a day', () => {
  let hall: Awaited<ReturnType<typeof makeHall>>
  let staff: Session
  beforeAll(async () => {
    hall = await makeHall()
    staff = await account({ role: 'staff', hallIds: [hall._id] })
    const s = w.service
    await makeBooking({ hall, service: s, start: '10:00', name: '王晓明', mobile: '13812345678' })
    await makeBooking({ hall, service: s, start: '10:00', name: '李娜', mobile: '13987654321', status: 'cancelled' })
    const checked = await makeBooking({ hall, service: s, start: '10:00', name: '赵刚', mobile: '15034567890' })
    await Booking.updateOne({ _id: checked._id }, { $set: { status: 'checked_in', queueNumber: 'Y001', checkedInAt: at('09:40') } })
    await makeBooking({ hall, service: s, start: '10:30', name: '孙芳', mobile: '18635001234' })
    await makeBooking({ hall, service: s, start: '10:30', name: '周杰', mobile: '13603501111', status: 'no_show' })
    // another day and another point: not listed
    await makeBooking({ hall, service: s, start: '10:00', date: addDays(day(), 1) })
    await makeBooking({ hall: w.otherHall, service: s, start: '10:00' })
  })

  it('when staff ask for their point and day, then bookings come grouped by session with counts and masked mobiles', async () => {
    const res = await api().get('/api/v1/staff/bookings').query({ hallId: hall._id.toString(), date: day() }).set(staff.auth)
    expect(res.status).toBe(200)
    expect(res.body.hall).toEqual({ id: hall._id.toString(), name: hall.name })
    expect(res.body.counts).toEqual({ total: 5, booked: 2, checked_in: 1, served: 0, cancelled: 1, no_show: 1 })
    expect(res.body.sessions.map((s: { start: string; end: string; label: string }) => [s.start, s.end, s.label])).toEqual([
      ['10:00', '10:30', '双休日值班'],
      ['10:30', '11:00', '双休日值班'],
    ])
    const first = res.body.sessions[0]
    expect(first.counts).toMatchObject({ total: 3, booked: 1, checked_in: 1, cancelled: 1 })
    // checked-in people first, in queue order
    expect(first.bookings[0]).toMatchObject({ applicantName: '赵刚', mobileMasked: '150****7890', queueNumber: 'Y001', status: 'checked_in' })
    expect(first.bookings.map((b: { applicantName: string }) => b.applicantName).sort()).toEqual(['李娜', '王晓明', '赵刚'].sort())
    expect(first.bookings[0].serviceName).toBe('个体工商户设立登记')
    const text = JSON.stringify(res.body)
    for (const mobile of ['13812345678', '13987654321', '15034567890', '18635001234', '13603501111']) expect(text).not.toContain(mobile)
    expect(first.bookings[0]).not.toHaveProperty('code')
  })

  it('when a status is asked for, then only those bookings are listed but the counts stay complete', async () => {
    const res = await api()
      .get('/api/v1/staff/bookings')
      .query({ hallId: hall._id.toString(), date: day(), status: 'booked' })
      .set(staff.auth)
    expect(res.status).toBe(200)
    expect(res.body.counts.total).toBe(5)
    const listed = res.body.sessions.flatMap((s: { bookings: { applicantName: string; status: string }[] }) => s.bookings)
    expect(listed.map((b: { applicantName: string }) => b.applicantName).sort()).toEqual(['孙芳', '王晓明'].sort())
  })

  it('when no date is given, then it is today', async () => {
    setNow(at('08:00'))
    const res = await api().get('/api/v1/staff/bookings').query({ hallId: hall._id.toString() }).set(staff.auth)
    expect(res.status).toBe(200)
    expect(res.body.date).toBe(day())
    expect(res.body.counts.total).toBe(5)
  })

  it('when the caller is not of that point or region, then 403; when the administrator of the region asks, then 200', async () => {
    const q = { hallId: hall._id.toString(), date: day() }
    expect((await api().get('/api/v1/staff/bookings').query(q).set(w.actors.staffHere.auth)).status).toBe(403)
    expect((await api().get('/api/v1/staff/bookings').query(q).set(w.actors.adminOther.auth)).status).toBe(403)
    expect((await api().get('/api/v1/staff/bookings').query(q).set(w.actors.citizen.auth)).status).toBe(403)
    expect((await api().get('/api/v1/staff/bookings').query(q)).status).toBe(401)
    const admin = await api().get('/api/v1/staff/bookings').query(q).set(w.actors.adminHere.auth)
    expect(admin.status).toBe(200)
    expect(admin.body.counts.total).toBe(5)
  })

  it('when the query is malformed or the point unknown, then 400 or 404', async () => {
    const bad = await api().get('/api/v1/staff/bookings').query({ hallId: 'nope' }).set(w.actors.adminHere.auth)
    expect(bad.status).toBe(400)
    const badDate = await api().get('/api/v1/staff/bookings').query({ hallId: hall._id.toString(), date: '2026-02-30' }).set(staff.auth)
    expect(badDate.status).toBe(400)
    const unknown = await api().get('/api/v1/staff/bookings').query({ hallId: '64b7f0c2a1b2c3d4e5f60718' }).set(w.actors.adminHere.auth)
    expect(unknown.status).toBe(404)
  })
})

describe('GET /staff/bookings/:id: one booking in full, audited', () => {
  it('when staff open a booking, then they see the full mobile number and the view is written to the audit log', async () => {
    const b = await makeBooking({ hall: w.hall, service: w.service, start: '16:00', name: '钱多多', mobile: '13712340000' })
    const res = await api().get(`/api/v1/staff/bookings/${b._id}`).set(w.actors.staffHere.auth)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id: b._id.toString(),
      code: b.code,
      mobile: '13712340000',
      mobileMasked: '137****0000',
      applicantName: '钱多多',
      hallName: w.hall.name,
      status: 'booked',
    })
    expect(res.body.history).toEqual([expect.objectContaining({ status: 'booked', byRole: 'citizen' })])
    const entries = await AuditLog.find({ bookingId: b._id.toString(), action: 'booking.view' }).lean()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      actorId: w.actors.staffHere.id,
      actorRole: 'staff',
      actorName: '李窗口',
      hallId: w.hall._id.toString(),
    })
    expect(entries[0].regionScopes).toEqual(expect.arrayContaining([CITY, COUNTY]))
    expect(Math.abs(entries[0].at.getTime() - Date.now())).toBeLessThan(10_000)

    await api().get(`/api/v1/staff/bookings/${b._id}`).set(w.actors.adminHere.auth).expect(200)
    const again = await AuditLog.find({ bookingId: b._id.toString(), action: 'booking.view' }).sort({ at: 1 }).lean()
    expect(again.map((e) => e.actorId)).toEqual([w.actors.staffHere.id, w.actors.adminHere.id])
  })

  it('when staff of another point ask, then 403 and nothing is logged as viewed; an unknown id is 404', async () => {
    const b = await makeBooking({ hall: w.hall, service: w.service, start: '16:00' })
    const res = await api().get(`/api/v1/staff/bookings/${b._id}`).set(w.actors.staffOther.auth)
    expect(res.status).toBe(403)
    expect(JSON.stringify(res.body)).not.toContain('13812345678')
    expect(await AuditLog.countDocuments({ bookingId: b._id.toString() })).toBe(0)
    const missing = await api().get('/api/v1/staff/bookings/64b7f0c2a1b2c3d4e5f60718').set(w.actors.staffHere.auth)
    expect(missing.status).toBe(404)
  })
})

describe('POST /staff/bookings/:id/serve', () => {
  it('when a checked-in person is served, then the booking is served, the history records it and the booker is asked to rate', async () => {
    const b = await makeBooking({ hall: w.hall, service: w.service, start: '13:00' })
    setNow(at('12:45'))
    const checked = await checkin(w.actors.staffHere, b.code)
    expect(checked.status).toBe(200)
    setNow(at('13:10'))
    const res = await serve(w.actors.staffHere, b._id)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: b._id.toString(), status: 'served', queueNumber: checked.body.queueNumber })

    const stored = await Booking.findById(b._id).lean()
    expect(stored).toMatchObject({ status: 'served', servedBy: w.actors.staffHere.id })
    expect(Math.abs(stored!.servedAt!.getTime() - at('13:10').getTime())).toBeLessThan(5000)
    expect(stored!.history.map((h) => [h.status, h.byRole])).toEqual([
      ['booked', 'citizen'],
      ['checked_in', 'staff'],
      ['served', 'staff'],
    ])
    expect(stored!.history.at(-1)?.by).toBe(w.actors.staffHere.id)

    const notice = await Notification.findById(`served:${b._id}`).lean()
    expect(notice).toMatchObject({ title: '请对本次服务进行评价', kind: 'rating_invite', status: 'pending' })
    expect(notice?.userId?.toString()).toBe(b.userId.toString())
    expect(notice?.body).toContain('个体工商户设立登记')
    expect(notice?.page).toBe(`pages/rate/index?bookingId=${b._id}`)
    expect(await AuditLog.countDocuments({ bookingId: b._id.toString(), action: 'booking.serve' })).toBe(1)
  })

  it('when it is served twice (even in parallel), then one succeeds, the others 422, and one notice is queued', async () => {
    const b = await makeBooking({ hall: w.hall, service: w.service, start: '13:00' })
    setNow(at('12:50'))
    await checkin(w.actors.staffHere, b.code).expect(200)
    const results = await Promise.all(Array.from({ length: 5 }, () => serve(w.actors.staffHere, b._id)))
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.filter((r) => r.status === 422 && r.body.error.code === 'INVALID_STATE')).toHaveLength(4)
    const stored = await Booking.findById(b._id).lean()
    expect(stored!.history.filter((h) => h.status === 'served')).toHaveLength(1)
    expect(await Notification.countDocuments({ bookingId: b._id })).toBe(1)
    const later = await serve(w.actors.staffHere, b._id)
    expect(later.status).toBe(422)
    expect(later.body.error.details).toEqual({ status: 'served' })
  })

  it('when the person is not checked in, then 422 INVALID_STATE; staff of another point get 403', async () => {
    const b = await makeBooking({ hall: w.hall, service: w.service, start: '13:00' })
    const res = await serve(w.actors.staffHere, b._id)
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({ code: 'INVALID_STATE', details: { status: 'booked' } })
    expect((await serve(w.actors.staffOther, b._id)).status).toBe(403)
    expect((await Booking.findById(b._id).lean())?.status).toBe('booked')
  })
})

describe('claims held by a booking (seat, quota, active place)', () => {
  /** Gives a fixture booking the claims the booking module takes when it is placed. */
  async function holdClaims(b: Awaited<ReturnType<typeof makeBooking>>): Promise<string[]> {
    const ids = [`${b.slotId}#1`, `quota:${b.userId}:${b.date}:${b.serviceId}`, `active:${b.userId}#1`]
    const kinds = ['seat', 'quota', 'active'] as const
    await BookingClaim.create(ids.map((_id, i) => ({ _id, kind: kinds[i], bookingId: b._id, userId: b.userId, at: new Date() })))
    await Booking.updateOne({ _id: b._id }, { $set: { claimIds: ids, holdsClaims: true } })
    return ids
  }

  it('when a person is served, then the booking gives its claims back at once (it is no longer active)', async () => {
    const b = await makeBooking({ hall: w.hall, service: w.service, start: '15:00' })
    const ids = await holdClaims(b)
    setNow(at('14:45'))
    await checkin(w.actors.staffHere, b.code).expect(200)
    expect(await BookingClaim.countDocuments({ _id: { $in: ids } })).toBe(3)
    await serve(w.actors.staffHere, b._id).expect(200)
    expect(await BookingClaim.countDocuments({ _id: { $in: ids } })).toBe(0)
    expect((await Booking.findById(b._id).lean())?.holdsClaims).toBe(false)
  })

  it('when a booking is marked no-show, then its claims are given back too', async () => {
    const b = await makeBooking({ hall: w.hall, service: w.service, start: '15:00' })
    const ids = await holdClaims(b)
    setNow(at('15:40'))
    await noShow(w.actors.staffHere, b._id).expect(200)
    expect(await BookingClaim.countDocuments({ _id: { $in: ids } })).toBe(0)
    expect((await Booking.findById(b._id).lean())?.holdsClaims).toBe(false)
  })
})

describe('POST /staff/bookings/:id/no-show', () => {
  it('when the slot has not ended, then 422 NO_SHOW_TOO_EARLY', async () => {
    const b = await makeBooking({ hall: w.hall, service: w.service, start: '10:00' })
    setNow(new Date(at('10:30').getTime() - 1000))
    const res = await noShow(w.actors.staffHere, b._id)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('NO_SHOW_TOO_EARLY')
    expect(res.body.error.details).toEqual({ allowedAfter: at('10:30').toISOString() })
    expect((await Booking.findById(b._id).lean())?.status).toBe('booked')
  })

  it('when the slot has ended, then booked → no_show with who, when and why in the history and the audit log', async () => {
    const b = await makeBooking({ hall: w.hall, service: w.service, start: '10:00' })
    setNow(at('10:31'))
    const res = await noShow(w.actors.staffHere, b._id)
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('no_show')
    const stored = await Booking.findById(b._id).lean()
    expect(stored?.status).toBe('no_show')
    expect(stored?.noShowAt).toBeInstanceOf(Date)
    expect(stored?.history.at(-1)).toMatchObject({ status: 'no_show', by: w.actors.staffHere.id, byRole: 'staff' })
    expect(stored?.history.at(-1)?.reason).toContain('未签到')
    expect(await AuditLog.countDocuments({ bookingId: b._id.toString(), action: 'booking.no_show' })).toBe(1)

    const twice = await noShow(w.actors.staffHere, b._id)
    expect(twice.status).toBe(422)
    expect(twice.body.error).toMatchObject({ code: 'INVALID_STATE', details: { status: 'no_show' } })
    // and it can no longer be checked in
    setNow(at('10:20'))
    const late = await checkin(w.actors.staffHere, b.code)
    expect(late.status).toBe(422)
    expect(late.body.error.code).toBe('INVALID_STATE')
  })

  it('when the person was checked in, then 422 INVALID_STATE; staff of another point get 403', async () => {
    const b = await makeBooking({ hall: w.hall, service: w.service, start: '10:00' })
    setNow(at('09:45'))
    await checkin(w.actors.staffHere, b.code).expect(200)
    setNow(at('10:45'))
    const res = await noShow(w.actors.staffHere, b._id)
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({ code: 'INVALID_STATE', details: { status: 'checked_in' } })
    const other = await makeBooking({ hall: w.hall, service: w.service, start: '10:00' })
    expect((await noShow(w.actors.staffOther, other._id)).status).toBe(403)
    expect((await noShow(w.actors.adminOther, other._id)).status).toBe(403)
    expect((await noShow(w.actors.adminCity, other._id)).status).toBe(200)
  })
})

describe('clean-up of old desk claims (background job)', () => {
  it('when the job runs, then claims older than 30 days go, recent ones stay, and a second run the same day does nothing', async () => {
    setNow(at('08:00'))
    const old = new Date(at('08:00').getTime() - 31 * 86_400_000)
    const recent = new Date(at('08:00').getTime() - 2 * 86_400_000)
    await DeskClaim.create([
      { _id: 'queue:old#1', kind: 'queue', at: old, ref: 'b-old', scope: 'old', n: 1 },
      { _id: 'serve:old', kind: 'serve', at: old, ref: 'b-old' },
      { _id: 'queue:recent#1', kind: 'queue', at: recent, ref: 'b-recent', scope: 'recent', n: 1 },
    ])
    expect(await cleanUpDeskClaims()).toBe(2)
    expect(await DeskClaim.exists({ _id: 'queue:recent#1' })).toBeTruthy()
    expect(await DeskClaim.exists({ _id: 'serve:old' })).toBeNull()
    await DeskClaim.create({ _id: 'call:old', kind: 'call', at: old, ref: 'b-old' })
    expect(await cleanUpDeskClaims()).toBe(0)
    expect(await DeskClaim.exists({ _id: 'call:old' })).toBeTruthy()
  })
})
