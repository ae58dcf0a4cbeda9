import mongoose, { Types } from 'mongoose'
import { CROCKFORD_ALPHABET, creditCodeCheckChar, instantOf } from '@xz/shared'
import { setNow } from '../../server/src/lib/clock'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { refreshStanding } from '../../server/src/modules/bookings/standing'
import { BookingClaim, IdempotencyRecord } from '../../server/src/modules/bookings/claim.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { NOW, SATURDAY, book, bookingBody, makeWorld, randomKey, type World } from '../helpers/booking-fixtures'
import { useTestDb } from '../helpers/db'
import { makeService } from '../helpers/factories'

useTestDb()

const SUNDAY = '2026-11-29'
const CREDIT_CODE = `91140900MA0K00001${creditCodeCheckChar('91140900MA0K00001')}`
let world: World
let alice: Session

beforeAll(async () => {
  setNow(NOW)
  world = await makeWorld({ capacity: 3, serviceCount: 2 })
  alice = await citizen()
})
afterAll(() => setNow(undefined))
afterEach(() => setNow(NOW))

const claimsOf = (bookingId: string) => BookingClaim.find({ bookingId }).lean()

describe('POST /bookings', () => {
  it('when a citizen books a free seat, then 201 with a booking code (its QR code on the booking’s page), and the seat, quota and active place are claimed', async () => {
    const slotId = world.slot(SATURDAY, '09:00')
    const enterprise = { name: '忻州市晋韵商贸有限公司', creditCode: CREDIT_CODE }
    const ok = await book(alice, slotId, world.services[1]._id, { enterprise, note: '带齐材料' })
    expect(ok.status).toBe(201)
    expect(ok.body).toMatchObject({
      status: 'booked',
      slotId,
      hallId: String(world.hall._id),
      serviceId: String(world.services[1]._id),
      serviceName: world.services[1].name,
      hallName: world.hall.name,
      date: SATURDAY,
      start: '09:00',
      end: '09:30',
      label: '双休日值班',
      fromWaitlist: false,
      changeable: true,
      note: '带齐材料',
      enterprise,
    })
    expect(ok.body.code).toMatch(new RegExp(`^[${CROCKFORD_ALPHABET}]{8}$`))
    // the QR image is drawn when the confirmation page opens the booking, not while booking
    expect(ok.body.qrDataUrl).toBeUndefined()
    expect((await api().get(`/api/v1/bookings/${ok.body.id}`).set(alice.auth)).body.qrDataUrl).toMatch(/^data:image\/png;base64,/)
    expect(ok.body.applicant.phone).toMatch(/^1380000\d{4}$/) // the owner sees the full number

    const stored = await Booking.findById(ok.body.id).lean()
    expect(stored).toMatchObject({ code: ok.body.code, status: 'booked', holdsClaims: true })
    expect(stored!.history).toEqual([expect.objectContaining({ status: 'booked', action: 'created', by: alice.id, byRole: 'citizen' })])
    const claims = await claimsOf(ok.body.id)
    expect(claims.map((c) => c.kind).sort()).toEqual(['active', 'quota', 'seat'])
    // claims and the booking are written through the driver: stored with the model's types, and valid to it
    const seat = claims.find((c) => c.kind === 'seat')!
    expect(seat).toMatchObject({ slotId, seatNo: stored!.seatNo, date: SATURDAY })
    expect(seat.hallId).toBeInstanceOf(Types.ObjectId)
    expect(String(seat.hallId)).toBe(String(world.hall._id))
    for (const c of claims) {
      expect(c.bookingId).toBeInstanceOf(Types.ObjectId)
      expect(c.userId).toBeInstanceOf(Types.ObjectId)
      expect(c.at).toBeInstanceOf(Date)
      expect(BookingClaim.hydrate(c).validateSync()).toBeUndefined()
    }
    expect(stored!.serviceId).toBeInstanceOf(Types.ObjectId)
    expect(stored!.createdAt).toBeInstanceOf(Date)
    expect(stored).toMatchObject({ reminded24h: false, reminded1h: false, fromWaitlist: false, hallDay: `${world.hall._id}|${SATURDAY}` })
    expect(Booking.hydrate(stored!).validateSync()).toBeUndefined()
    expect(claims.map((c) => c._id).sort()).toEqual([...stored!.claimIds].sort())
    expect(claims.find((c) => c.kind === 'seat')!._id).toBe(`${slotId}#${stored!.seatNo}`)
    expect(claims.find((c) => c.kind === 'quota')!._id).toBe(`quota:${alice.id}:${SATURDAY}:${world.services[1]._id}`)
  })

  it('when the caller is anonymous or staff, then 401 / 403', async () => {
    const body = bookingBody(world.slot(SATURDAY, '10:00'), world.service._id)
    expect((await api().post('/api/v1/bookings').send(body)).status).toBe(401)
    const staff = await account({ role: 'staff', hallIds: [world.hall._id] })
    expect((await api().post('/api/v1/bookings').set(staff.auth).send(body)).status).toBe(403)
  })

  it('when the body is invalid or has unknown fields, then 400 naming the field', async () => {
    const who = await citizen()
    const badPhone = await book(who, world.slot(SATURDAY, '10:00'), world.service._id, { applicant: { name: '李四', phone: '12345' } })
    expect(badPhone.status).toBe(400)
    expect(badPhone.body.error.details.issues[0].path).toBe('applicant.phone')
    const extra = await book(who, world.slot(SATURDAY, '10:00'), world.service._id, { seatNo: 1 })
    expect(extra.status).toBe(400)
    const badSlot = await book(who, 'nope', world.service._id)
    expect(badSlot.status).toBe(400)
    expect(await Booking.countDocuments({ userId: who.id })).toBe(0)
  })

  it('when the slot id names no slot, then 404; a weekend rule on a Friday, then 422 SLOT_UNAVAILABLE', async () => {
    const who = await citizen()
    const unknownRule = await book(who, `${new mongoose.Types.ObjectId()}.20261128.0900`, world.service._id)
    expect(unknownRule.status).toBe(404)
    const offGrid = await book(who, world.slot(SATURDAY, '09:10'), world.service._id)
    expect(offGrid.status).toBe(404)
    const friday = await book(who, world.slot('2026-11-27', '09:00'), world.service._id)
    expect(friday.status).toBe(422)
    expect(friday.body.error.code).toBe('SLOT_UNAVAILABLE')
  })
})

describe('Idempotency-Key', () => {
  it('when the same key and body are sent again, then the first answer is 201, replays 200 with the same booking, and one booking exists', async () => {
    const who = await citizen()
    const key = randomKey()
    const body = bookingBody(world.slot(SATURDAY, '10:30'), world.service._id)
    const first = await api().post('/api/v1/bookings').set(who.auth).set('Idempotency-Key', key).send(body)
    const again = await api().post('/api/v1/bookings').set(who.auth).set('Idempotency-Key', key).send(body)
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(first.body.id)
    expect(again.body.code).toBe(first.body.code)
    expect(await Booking.countDocuments({ userId: who.id })).toBe(1)
  })

  it('when the same key comes with another body, then 422 IDEMPOTENCY_MISMATCH and nothing new is booked', async () => {
    const who = await citizen()
    const key = randomKey()
    const first = await api().post('/api/v1/bookings').set(who.auth).set('Idempotency-Key', key).send(bookingBody(world.slot(SATURDAY, '11:00'), world.service._id))
    expect(first.status).toBe(201)
    const other = await api().post('/api/v1/bookings').set(who.auth).set('Idempotency-Key', key).send(bookingBody(world.slot(SATURDAY, '11:30'), world.service._id))
    expect(other.status).toBe(422)
    expect(other.body.error.code).toBe('IDEMPOTENCY_MISMATCH')
    expect(await Booking.countDocuments({ userId: who.id })).toBe(1)
  })

  it('when five requests with one key race, then one booking is made and every answer carries it', async () => {
    const who = await citizen()
    const key = randomKey()
    const body = bookingBody(world.slot(SUNDAY, '09:00'), world.service._id)
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => api().post('/api/v1/bookings').set(who.auth).set('Idempotency-Key', key).send(body)),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201])
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1)
    expect(await Booking.countDocuments({ userId: who.id })).toBe(1)
  })

  it('when the first request fails, then its key is forgotten and a retry books', async () => {
    const who = await citizen()
    const key = randomKey()
    setNow(instantOf(SATURDAY, '08:00'))
    const body = bookingBody(world.slot(SATURDAY, '09:30'), world.service._id)
    const tooLate = await api().post('/api/v1/bookings').set(who.auth).set('Idempotency-Key', key).send(body)
    expect(tooLate.body.error.code).toBe('BOOKING_TOO_LATE')
    expect(await IdempotencyRecord.countDocuments({ _id: `${who.id}:${key}` })).toBe(0)
    setNow(NOW)
    expect((await api().post('/api/v1/bookings').set(who.auth).set('Idempotency-Key', key).send(body)).status).toBe(201)
  })

  it('when the key is malformed, then 400', async () => {
    const res = await api().post('/api/v1/bookings').set(alice.auth).set('Idempotency-Key', 'x').send(bookingBody(world.slot(SUNDAY, '09:00'), world.service._id))
    expect(res.status).toBe(400)
  })
})

describe('booking rules', () => {
  it('when the slot starts in under 2 hours, then 422 BOOKING_TOO_LATE; more than 14 days ahead, then BOOKING_TOO_FAR', async () => {
    const who = await citizen()
    setNow(instantOf(SATURDAY, '07:31'))
    const late = await book(who, world.slot(SATURDAY, '09:30'), world.service._id)
    expect(late.status).toBe(422)
    expect(late.body.error.code).toBe('BOOKING_TOO_LATE')
    setNow(NOW)
    const far = await book(who, world.slot('2026-12-12', '09:00'), world.service._id) // 15 days ahead
    expect(far.status).toBe(422)
    expect(far.body.error.code).toBe('BOOKING_TOO_FAR')
    const edge = await book(who, world.slot('2026-12-11', '09:00'), world.service._id)
    expect(edge.status).toBe(422) // Friday: a weekend rule has no slot then
    expect(await Booking.countDocuments({ userId: who.id })).toBe(0)
  })

  it('when the item is not offered by the slot rule or the point, or the slot is of another point, then 422 SERVICE_NOT_OFFERED', async () => {
    const narrow = await makeWorld({ ruleServices: 'first', serviceCount: 2 })
    const who = await citizen()
    const notInRule = await book(who, narrow.slot(SATURDAY, '09:00'), narrow.services[1]._id)
    expect(notInRule.body.error.code).toBe('SERVICE_NOT_OFFERED')
    const elsewhere = await makeService()
    const notAtPoint = await book(who, narrow.slot(SATURDAY, '09:00'), elsewhere._id)
    expect(notAtPoint.body.error.code).toBe('SERVICE_NOT_OFFERED')
    // this point's item, on a slot of another point
    const otherPoint = await book(who, narrow.slot(SATURDAY, '09:00'), world.service._id)
    expect(otherPoint.status).toBe(422)
    expect(otherPoint.body.error.code).toBe('SERVICE_NOT_OFFERED')
    expect(await Booking.countDocuments({ userId: who.id })).toBe(0)
  })

  it('when the session of that day was cancelled, then 422 SESSION_CANCELLED', async () => {
    const w = await makeWorld()
    const admin = await account({ role: 'admin', regionCode: '140900' })
    const cancel = await api().post(`/api/v1/admin/sessions/${w.hall._id}/${SUNDAY}/cancel`).set(admin.auth).send({ reason: '设备检修' })
    expect(cancel.status).toBe(200)
    const res = await book(await citizen(), w.slot(SUNDAY, '09:00'), w.service._id)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('SESSION_CANCELLED')
  })

  it('when a person books the same item on the same day twice, then 409 ALREADY_BOOKED; another item that day is fine', async () => {
    const w = await makeWorld({ capacity: 5 })
    const who = await citizen()
    expect((await book(who, w.slot(SATURDAY, '09:00'), w.service._id)).status).toBe(201)
    const again = await book(who, w.slot(SATURDAY, '10:00'), w.service._id)
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('ALREADY_BOOKED')
    expect((await book(who, w.slot(SATURDAY, '10:00'), w.services[1]._id)).status).toBe(201)
    expect(await Booking.countDocuments({ userId: who.id, status: 'booked' })).toBe(2)
  })

  it('when a person holds 3 active bookings, then a fourth is 422 BOOKING_LIMIT until one is cancelled', async () => {
    const w = await makeWorld({ capacity: 5 })
    const who = await citizen()
    const first = await book(who, w.slot(SATURDAY, '09:00'), w.services[0]._id)
    expect((await book(who, w.slot(SATURDAY, '09:30'), w.services[1]._id)).status).toBe(201)
    expect((await book(who, w.slot(SUNDAY, '09:00'), w.services[0]._id)).status).toBe(201)
    const fourth = await book(who, w.slot(SUNDAY, '09:30'), w.services[1]._id)
    expect(fourth.status).toBe(422)
    expect(fourth.body.error.code).toBe('BOOKING_LIMIT')
    expect(await BookingClaim.countDocuments({ userId: who.id, kind: 'active' })).toBe(3)
    expect((await api().post(`/api/v1/bookings/${first.body.id}/cancel`).set(who.auth).send({})).status).toBe(200)
    expect((await book(who, w.slot(SUNDAY, '09:30'), w.services[1]._id)).status).toBe(201)
  })

  it('when a person had one no-show in 90 days, then the booking carries a warning; after two, 422 BOOKING_SUSPENDED with the end date', async () => {
    const w = await makeWorld({ capacity: 5 })
    const who = await citizen()
    const noShow = (daysAgo: number) =>
      Booking.create({
        code: `N${new mongoose.Types.ObjectId().toString().slice(-7).toUpperCase()}`,
        userId: who.id,
        serviceId: w.service._id,
        hallId: w.hall._id,
        regionCode: w.hall.regionCode,
        slotId: 'old',
        date: '2026-10-01',
        start: '09:00',
        end: '09:30',
        startAt: new Date(NOW.getTime() - daysAgo * 86_400_000),
        endAt: new Date(NOW.getTime() - daysAgo * 86_400_000 + 1_800_000),
        noShowAt: new Date(NOW.getTime() - daysAgo * 86_400_000 + 2_700_000),
        applicant: { name: '王晓明', mobile: '13800000000' },
        status: 'no_show',
        holdsClaims: false,
      })
    await noShow(60)
    await refreshStanding(who.id) // what the no-show job (or the repair job, for the desk's) does
    const warned = await book(who, w.slot(SATURDAY, '09:00'), w.service._id)
    expect(warned.status).toBe(201)
    expect(warned.body.warning).toContain('爽约')
    await noShow(10)
    await refreshStanding(who.id)
    const suspended = await book(who, w.slot(SUNDAY, '09:00'), w.service._id)
    expect(suspended.status).toBe(422)
    expect(suspended.body.error.code).toBe('BOOKING_SUSPENDED')
    const until = new Date(suspended.body.error.details.until)
    expect(until.getTime()).toBe(NOW.getTime() - 10 * 86_400_000 + 2_700_000 + 30 * 86_400_000)
  })
})

describe('reading bookings', () => {
  let bob: Session
  let bobBookingId: string

  beforeAll(async () => {
    const w = await makeWorld({ capacity: 5 })
    bob = await citizen()
    bobBookingId = (await book(bob, w.slot(SATURDAY, '09:00'), w.service._id, { applicant: { name: '赵六', phone: '13912345678' } })).body.id
    await book(bob, w.slot(SUNDAY, '09:00'), w.service._id)
  })

  it('when the owner lists their bookings, then the mobile number is masked and the list is paginated', async () => {
    const res = await api().get('/api/v1/bookings?pageSize=1').set(bob.auth)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ total: 2, page: 1, pageSize: 1 })
    expect(res.body.items).toHaveLength(1)
    const all = await api().get('/api/v1/bookings?status=booked').set(bob.auth)
    const mine = all.body.items.find((b: { id: string }) => b.id === bobBookingId)
    expect(mine.applicant).toEqual({ name: '赵六', phone: '139****5678' })
    expect(mine.qrDataUrl).toBeUndefined()
    const none = await api().get('/api/v1/bookings?status=cancelled').set(bob.auth)
    expect(none.body.total).toBe(0)
  })

  it('when the owner opens one, then the full number, history and QR code are shown', async () => {
    const res = await api().get(`/api/v1/bookings/${bobBookingId}`).set(bob.auth)
    expect(res.status).toBe(200)
    expect(res.body.applicant.phone).toBe('13912345678')
    expect(res.body.qrDataUrl).toMatch(/^data:image\/png;base64,/)
    expect(res.body.history).toHaveLength(1)
  })

  it('when someone else opens it, then 403; an unknown id 404; a malformed id 400', async () => {
    expect((await api().get(`/api/v1/bookings/${bobBookingId}`).set(alice.auth)).status).toBe(403)
    expect((await api().get(`/api/v1/bookings/${new mongoose.Types.ObjectId()}`).set(bob.auth)).status).toBe(404)
    expect((await api().get('/api/v1/bookings/xyz').set(bob.auth)).status).toBe(400)
  })
})

describe('POST /bookings/:id/cancel', () => {
  it('when the owner cancels in time, then the booking is cancelled with history, its claims are released and the seat is free again', async () => {
    const w = await makeWorld({ capacity: 1 })
    const who = await citizen()
    const created = await book(who, w.slot(SATURDAY, '09:00'), w.service._id)
    const slots = async () => (await api().get(`/api/v1/slots?hallId=${w.hall._id}&from=${SATURDAY}&to=${SATURDAY}`)).body
    expect((await slots())[0]).toMatchObject({ id: w.slot(SATURDAY, '09:00'), remaining: 0 })
    const res = await api().post(`/api/v1/bookings/${created.body.id}/cancel`).set(who.auth).send({ reason: '临时有事' })
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('cancelled')
    expect(res.body.history.at(-1)).toMatchObject({ status: 'cancelled', action: 'cancelled', by: who.id, reason: '临时有事' })
    expect(await claimsOf(created.body.id)).toEqual([])
    expect(await Booking.findById(created.body.id).lean()).toMatchObject({ status: 'cancelled', holdsClaims: false })
    expect((await slots())[0].remaining).toBe(1)
    const twice = await api().post(`/api/v1/bookings/${created.body.id}/cancel`).set(who.auth).send({})
    expect(twice.status).toBe(422)
    expect(twice.body.error.code).toBe('NOT_CANCELLABLE')
  })

  it('when less than 1 hour is left, then 422 NOT_CANCELLABLE and the booking stays', async () => {
    const w = await makeWorld()
    const who = await citizen()
    const created = await book(who, w.slot(SATURDAY, '11:00'), w.service._id)
    setNow(instantOf(SATURDAY, '10:01'))
    const res = await api().post(`/api/v1/bookings/${created.body.id}/cancel`).set(who.auth).send({})
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('NOT_CANCELLABLE')
    expect((await Booking.findById(created.body.id).lean())!.status).toBe('booked')
  })

  it('when someone else cancels it, then 403 and nothing changes', async () => {
    const w = await makeWorld()
    const who = await citizen()
    const created = await book(who, w.slot(SATURDAY, '09:00'), w.service._id)
    expect((await api().post(`/api/v1/bookings/${created.body.id}/cancel`).set(alice.auth).send({})).status).toBe(403)
    expect((await Booking.findById(created.body.id).lean())!.status).toBe('booked')
  })
})

describe('POST /bookings/:id/reschedule', () => {
  it('when the new slot has a seat, then the booking moves (same code), the new seat is held and the old one released', async () => {
    const w = await makeWorld({ capacity: 1 })
    const who = await citizen()
    const created = await book(who, w.slot(SATURDAY, '09:00'), w.service._id)
    const res = await api().post(`/api/v1/bookings/${created.body.id}/reschedule`).set(who.auth).send({ slotId: w.slot(SUNDAY, '10:00') })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: created.body.id, code: created.body.code, slotId: w.slot(SUNDAY, '10:00'), date: SUNDAY, start: '10:00' })
    expect(res.body.history.at(-1)).toMatchObject({ status: 'booked', action: 'rescheduled' })
    const claims = (await claimsOf(created.body.id)).map((c) => c._id).sort()
    expect(claims).toEqual(
      [`${w.slot(SUNDAY, '10:00')}#1`, `active:${who.id}#1`, `quota:${who.id}:${SUNDAY}:${w.service._id}`].sort(),
    )
    expect((await Booking.findById(created.body.id).lean())!.claimIds.sort()).toEqual(claims)
    // the old seat is free for someone else
    expect((await book(await citizen(), w.slot(SATURDAY, '09:00'), w.service._id)).status).toBe(201)
  })

  it('when the new slot is full, then 409 SLOT_FULL and the old booking is untouched', async () => {
    const w = await makeWorld({ capacity: 1 })
    const who = await citizen()
    const created = await book(who, w.slot(SATURDAY, '09:00'), w.service._id)
    await book(await citizen(), w.slot(SATURDAY, '09:30'), w.service._id)
    const before = await Booking.findById(created.body.id).lean()
    const beforeClaims = (await claimsOf(created.body.id)).map((c) => c._id).sort()
    const res = await api().post(`/api/v1/bookings/${created.body.id}/reschedule`).set(who.auth).send({ slotId: w.slot(SATURDAY, '09:30') })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('SLOT_FULL')
    const after = await Booking.findById(created.body.id).lean()
    expect(after).toMatchObject({ slotId: before!.slotId, seatNo: before!.seatNo, status: 'booked' })
    expect(after!.history).toHaveLength(1)
    expect((await claimsOf(created.body.id)).map((c) => c._id).sort()).toEqual(beforeClaims)
  })

  it('when the person already booked the item on the new day, then 409 ALREADY_BOOKED and nothing moves', async () => {
    const w = await makeWorld({ capacity: 3 })
    const who = await citizen()
    const sat = await book(who, w.slot(SATURDAY, '09:00'), w.service._id)
    await book(who, w.slot(SUNDAY, '09:00'), w.service._id)
    const res = await api().post(`/api/v1/bookings/${sat.body.id}/reschedule`).set(who.auth).send({ slotId: w.slot(SUNDAY, '10:00') })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('ALREADY_BOOKED')
    expect((await Booking.findById(sat.body.id).lean())!.slotId).toBe(w.slot(SATURDAY, '09:00'))
    expect(await BookingClaim.countDocuments({ slotId: w.slot(SUNDAY, '10:00') })).toBe(0)
  })

  it('when many reschedules of one booking race, then it ends on exactly one slot holding exactly one seat', async () => {
    const w = await makeWorld({ capacity: 2 })
    const who = await citizen()
    const created = await book(who, w.slot(SATURDAY, '09:00'), w.service._id)
    const targets = ['09:30', '10:00', '10:30', '11:00', '11:30'].map((t) => w.slot(SATURDAY, t))
    await Promise.all(targets.map((slotId) => api().post(`/api/v1/bookings/${created.body.id}/reschedule`).set(who.auth).send({ slotId })))
    const final = await Booking.findById(created.body.id).lean()
    const seats = await BookingClaim.find({ bookingId: created.body.id, kind: 'seat' }).lean()
    expect(seats.map((s) => s._id)).toEqual([`${final!.slotId}#${final!.seatNo}`])
    expect(final!.claimIds).toContain(seats[0]._id)
  })
})
