import { setNow } from '../../server/src/lib/clock'
import { AuditLog } from '../../server/src/modules/audit/audit.model'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { BookingLock } from '../../server/src/modules/bookings/claim.model'
import { DeskClaim } from '../../server/src/modules/staff/desk-claim.model'
import { claimQueueNumber, releaseQueueNumber } from '../../server/src/modules/staff/queue-numbers'
import { api } from '../helpers/app'
import { account, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { at, deskWorld, makeBooking, makeHall, newBookingCode, testDay, type DeskWorld } from '../helpers/desk-fixtures'

useTestDb()

let w: DeskWorld
beforeAll(async () => {
  w = await deskWorld()
})
afterEach(() => setNow(undefined))

/** 'HH:mm' or 'HH:mm:ss' on the test day. */
const atSecond = (time: string) => new Date(at(time.slice(0, 5)).getTime() + Number(time.slice(6) || 0) * 1000)

/** Business time moves on from setNow(): compare instants to within a few seconds. */
function expectNear(actual: Date | null | undefined, expected: Date): void {
  expect(actual).toBeInstanceOf(Date)
  expect(Math.abs(actual!.getTime() - expected.getTime())).toBeLessThan(5000)
}

const checkin = (s: Session, code: string) => api().post('/api/v1/staff/checkins').set(s.auth).send({ code })
const booking = (start: string, extra: Partial<Parameters<typeof makeBooking>[0]> = {}) =>
  makeBooking({ hall: w.hall, service: w.service, start, ...extra })

describe('POST /staff/checkins: the check-in window (30 min before start until slot end)', () => {
  it.each([
    ['29 minutes before the start', '09:31'],
    ['exactly 30 minutes before the start', '09:30'],
    ['during the slot', '10:12'],
    ['in the last second of the slot (the end itself: see staff.rules.test)', '10:29:59'],
  ])('when checked in %s, then 200 with a queue number', async (_label, time) => {
    const b = await booking('10:00')
    setNow(atSecond(time))
    const res = await checkin(w.actors.staffHere, b.code)
    expect(res.status).toBe(200)
    expect(res.body.queueNumber).toMatch(/^Y\d{3}$/)
    const stored = await Booking.findById(b._id).lean()
    expect(stored).toMatchObject({ status: 'checked_in', queueNumber: res.body.queueNumber })
    expectNear(stored?.checkedInAt, atSecond(time))
  })

  it.each([
    ['31 minutes before the start', at('09:29'), true],
    ['one second after the slot end', new Date(at('10:30').getTime() + 1000), false],
    ['an hour after the slot end', at('11:30'), false],
  ])('when checked in %s, then 422 CHECKIN_WINDOW_CLOSED with the window, and nothing changes', async (_label, when, early) => {
    const b = await booking('10:00')
    setNow(when)
    const res = await checkin(w.actors.staffHere, b.code)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('CHECKIN_WINDOW_CLOSED')
    expect(res.body.error.details).toMatchObject({
      opensAt: at('09:30').toISOString(),
      closesAt: at('10:30').toISOString(),
      date: testDay(),
      tooEarly: early,
    })
    expect((await Booking.findById(b._id).lean())?.status).toBe('booked')
    expect(await DeskClaim.countDocuments({ ref: b._id.toString() })).toBe(0)
  })
})

describe('POST /staff/checkins: who may check in, and which bookings', () => {
  it('when staff of another point enter the code, then 403 and the booking is untouched', async () => {
    const b = await booking('11:00')
    setNow(at('10:45'))
    const res = await checkin(w.actors.staffOther, b.code)
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('FORBIDDEN')
    expect((await Booking.findById(b._id).lean())?.status).toBe('booked')
    expect(await DeskClaim.countDocuments({ ref: b._id.toString() })).toBe(0)
  })

  it.each([
    ['the administrator of the county', 'adminHere', 200],
    ['the administrator of the city', 'adminCity', 200],
    ['the administrator of another county', 'adminOther', 403],
    ['a citizen', 'citizen', 403],
  ] as const)('when %s (%s) checks a person in, then %i', async (_label, who, status) => {
    const b = await booking('11:00')
    setNow(at('10:45'))
    const res = await checkin(w.actors[who], b.code)
    expect(res.status).toBe(status)
    expect((await Booking.findById(b._id).lean())?.status).toBe(status === 200 ? 'checked_in' : 'booked')
  })

  it('when the same booking is checked in a second time, then 409 ALREADY_CHECKED_IN with its existing number', async () => {
    const b = await booking('11:00')
    setNow(at('10:50'))
    const first = await checkin(w.actors.staffHere, b.code)
    expect(first.status).toBe(200)
    const second = await checkin(w.actors.staffHere, b.code)
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('ALREADY_CHECKED_IN')
    expect(second.body.error.details).toEqual({ queueNumber: first.body.queueNumber })
    const stored = await Booking.findById(b._id).lean()
    expect(stored?.history.filter((h) => h.status === 'checked_in')).toHaveLength(1)
  })

  it.each(['cancelled', 'no_show'] as const)('when the booking is %s, then 422 INVALID_STATE', async (status) => {
    const b = await booking('11:00', { status })
    setNow(at('10:50'))
    const res = await checkin(w.actors.staffHere, b.code)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('INVALID_STATE')
    expect(res.body.error.details).toEqual({ status })
    expect((await Booking.findById(b._id).lean())?.status).toBe(status)
  })

  it('when the code is unknown, then 404; when it is malformed, then 400', async () => {
    setNow(at('10:50'))
    const unknown = await checkin(w.actors.staffHere, newBookingCode())
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('NOT_FOUND')
    for (const code of ['12', 'ABCDEFGHJ', 'ABCD*FGH']) {
      const bad = await checkin(w.actors.staffHere, code)
      expect(bad.status).toBe(400)
      expect(bad.body.error.code).toBe('VALIDATION_FAILED')
    }
    const extra = await api().post('/api/v1/staff/checkins').set(w.actors.staffHere.auth).send({ code: newBookingCode(), hallId: 'x' })
    expect(extra.status).toBe(400)
  })

  it('when the code is typed in lower case with look-alikes and a dash, then it is normalised and found', async () => {
    const b = await booking('11:00', { code: 'K1M0PQ2S' })
    setNow(at('10:50'))
    const res = await checkin(w.actors.staffHere, 'klmo-pq2s')
    expect(res.status).toBe(200)
    expect(res.body.booking.id).toBe(b._id.toString())
  })

  it('when a person is checked in, then the history and the audit log say who did it and when', async () => {
    const b = await booking('11:00', { name: '张丽华', mobile: '13912345678' })
    setNow(at('10:40'))
    const res = await checkin(w.actors.staffHere, b.code)
    expect(res.status).toBe(200)
    expect(res.body.booking).toMatchObject({ applicantName: '张丽华', mobileMasked: '139****5678', status: 'checked_in' })
    expect(JSON.stringify(res.body)).not.toContain('13912345678')
    const stored = await Booking.findById(b._id).lean()
    expect(stored?.history.at(-1)).toMatchObject({ status: 'checked_in', by: w.actors.staffHere.id, byRole: 'staff' })
    expectNear(stored?.history.at(-1)?.at, at('10:40'))
    const entry = await AuditLog.findOne({ bookingId: b._id.toString(), action: 'booking.check_in' }).lean()
    expect(entry).toMatchObject({ actorId: w.actors.staffHere.id, actorRole: 'staff', hallId: w.hall._id.toString() })
    expect(entry?.details).toMatchObject({ queueNumber: res.body.queueNumber, from: 'booked', to: 'checked_in' })
  })
})

describe('queue numbers: unique per point and day, no gaps, one per booking', () => {
  it('when 50 people are checked in at one point in parallel, then they get Y001..Y050, distinct and gap-free', async () => {
    const hall = await makeHall()
    const staff = await account({ role: 'staff', hallIds: [hall._id] })
    const bookings = await Promise.all(
      Array.from({ length: 50 }, (_, i) => makeBooking({ hall, service: w.service, start: i < 25 ? '14:00' : '14:30' })),
    )
    setNow(at('14:05'))
    const results = await Promise.all(bookings.map((b) => checkin(staff, b.code)))
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200))
    const numbers = results.map((r) => r.body.queueNumber as string).sort()
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `Y${String(i + 1).padStart(3, '0')}`))
    const stored = await Booking.find({ hallId: hall._id }).lean()
    expect(new Set(stored.map((b) => b.queueNumber)).size).toBe(50)
    expect(stored.every((b) => b.status === 'checked_in')).toBe(true)
    expect(await DeskClaim.countDocuments({ scope: `${hall._id}:${testDay()}:Y` })).toBe(50)
  })

  it('when the same booking is checked in 10 times in parallel, then it gets exactly one number and the others 409', async () => {
    const hall = await makeHall()
    const staff = await account({ role: 'staff', hallIds: [hall._id] })
    const b = await makeBooking({ hall, service: w.service, start: '15:00' })
    setNow(at('14:50'))
    const results = await Promise.all(Array.from({ length: 10 }, () => checkin(staff, b.code)))
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'ALREADY_CHECKED_IN')).toHaveLength(9)
    const stored = await Booking.findById(b._id).lean()
    expect(stored?.queueNumber).toBe('Y001')
    expect(stored?.history.filter((h) => h.status === 'checked_in')).toHaveLength(1)
    expect(await DeskClaim.countDocuments({ scope: `${hall._id}:${testDay()}:Y` })).toBe(1)
  })

  it('when two points check people in on the same day, then each has its own sequence', async () => {
    const [h1, h2] = await Promise.all([makeHall(), makeHall()])
    const staff = await account({ role: 'staff', hallIds: [h1._id, h2._id] })
    const [a, b] = await Promise.all([
      makeBooking({ hall: h1, service: w.service, start: '15:00' }),
      makeBooking({ hall: h2, service: w.service, start: '15:00' }),
    ])
    setNow(at('14:50'))
    expect((await checkin(staff, a.code)).body.queueNumber).toBe('Y001')
    expect((await checkin(staff, b.code)).body.queueNumber).toBe('Y001')
  })

  it('when a claimed number is given back, then the next check-in gets it, so the sequence keeps no gap', async () => {
    const hall = await makeHall()
    const day = testDay()
    const id = hall._id.toString()
    const n1 = await claimQueueNumber(id, day, 'Y', 'booking-1')
    const n2 = await claimQueueNumber(id, day, 'Y', 'booking-2')
    const n3 = await claimQueueNumber(id, day, 'Y', 'booking-3')
    expect([n1.queueNumber, n2.queueNumber, n3.queueNumber]).toEqual(['Y001', 'Y002', 'Y003'])
    await releaseQueueNumber(n2)
    expect((await claimQueueNumber(id, day, 'Y', 'booking-4')).queueNumber).toBe('Y002')
    expect((await claimQueueNumber(id, day, 'Y', 'booking-5')).queueNumber).toBe('Y004')
  })

  it('when a check-in fails after its number was claimed (booking busy), then the number is given back and the next check-in gets it', async () => {
    const hall = await makeHall()
    const staff = await account({ role: 'staff', hallIds: [hall._id] })
    const [busy, next] = await Promise.all([
      makeBooking({ hall, service: w.service, start: '15:00' }),
      makeBooking({ hall, service: w.service, start: '15:00' }),
    ])
    setNow(at('14:50'))
    // another operation (e.g. an administrator cancelling the session) holds the booking's lock throughout
    await BookingLock.create({ _id: busy._id.toString(), op: 'cancel-session', token: 'other', at: new Date() })
    const failed = await checkin(staff, busy.code)
    expect(failed.status).toBe(409)
    expect(failed.body.error.code).toBe('CONFLICT')
    expect((await Booking.findById(busy._id).lean())?.status).toBe('booked')
    expect(await DeskClaim.countDocuments({ ref: busy._id.toString() })).toBe(0)
    expect((await checkin(staff, next.code)).body.queueNumber).toBe('Y001')
    await BookingLock.deleteOne({ _id: busy._id.toString() })
    expect((await checkin(staff, busy.code)).body.queueNumber).toBe('Y002')
  })

  it('when a check-in was interrupted (its claim is stale and the booking still booked), then a new check-in recovers its number', async () => {
    const hall = await makeHall()
    const staff = await account({ role: 'staff', hallIds: [hall._id] })
    const b = await makeBooking({ hall, service: w.service, start: '15:00' })
    const id = b._id.toString()
    const scope = `${hall._id}:${testDay()}:Y`
    setNow(at('14:50'))
    await DeskClaim.create([
      { _id: `checkin:${id}`, kind: 'checkin', at: at('14:40'), ref: id },
      { _id: `queue:${scope}#1`, kind: 'queue', at: at('14:40'), ref: id, scope, n: 1 },
    ])
    const res = await checkin(staff, b.code)
    expect(res.status).toBe(200)
    expect(res.body.queueNumber).toBe('Y001')
    expect(await DeskClaim.countDocuments({ scope })).toBe(1)
  })

  it('when another check-in of the booking is in progress and never completes, then 409 without a second number', async () => {
    const hall = await makeHall()
    const staff = await account({ role: 'staff', hallIds: [hall._id] })
    const b = await makeBooking({ hall, service: w.service, start: '15:00' })
    setNow(at('14:50'))
    await DeskClaim.create({ _id: `checkin:${b._id}`, kind: 'checkin', at: at('14:50'), ref: b._id.toString() })
    const res = await checkin(staff, b.code)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('ALREADY_CHECKED_IN')
    expect(await DeskClaim.countDocuments({ scope: `${hall._id}:${testDay()}:Y` })).toBe(0)
    expect((await Booking.findById(b._id).lean())?.status).toBe('booked')
  })
})

describe('POST /staff/bookings/:id/checkin: check in from the desk list', () => {
  const checkinById = (s: Session, id: string) => api().post(`/api/v1/staff/bookings/${id}/checkin`).set(s.auth)

  it('when staff tap 签到 on a booked row in its window, then it is checked in with a queue number', async () => {
    const b = await booking('14:00')
    setNow(at('13:50'))
    const res = await checkinById(w.actors.staffHere, b._id.toString())
    expect(res.status).toBe(200)
    expect(res.body.queueNumber).toMatch(/^Y\d{3}$/)
    const stored = await Booking.findById(b._id).lean()
    expect(stored).toMatchObject({ status: 'checked_in', queueNumber: res.body.queueNumber })
  })

  it('when the booking is for a later day, then 422 names the day and time to come back', async () => {
    const b = await booking('15:00')
    // the day before the test day, 10:00
    setNow(new Date(at('10:00').getTime() - 24 * 3600_000))
    const res = await checkinById(w.actors.staffHere, b._id.toString())
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('CHECKIN_WINDOW_CLOSED')
    const [, m, d] = testDay().split('-')
    expect(res.body.error.message).toContain(`请于 ${Number(m)}月${Number(d)}日`)
    expect(res.body.error.message).toMatch(/14:30 后签到$/)
    expect((await Booking.findById(b._id).lean())?.status).toBe('booked')
  })

  it('when staff of another point or nobody signed in try, or the id is unknown, then 403 / 401 / 404 and nothing changes', async () => {
    const b = await booking('16:00')
    setNow(at('15:50'))
    expect((await checkinById(w.actors.staffOther, b._id.toString())).status).toBe(403)
    expect((await api().post(`/api/v1/staff/bookings/${b._id}/checkin`)).status).toBe(401)
    expect((await checkinById(w.actors.staffHere, '64b000000000000000000000')).status).toBe(404)
    expect((await Booking.findById(b._id).lean())?.status).toBe('booked')
  })
})
