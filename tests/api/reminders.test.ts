/**
 * Background work of bookings: reminders (queued once, delivered once), the WeChat subscribe-message
 * sender against a local stub of WeChat's API, the in-app outbox, no-show marking and claim repair.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import mongoose from 'mongoose'
import { instantOf } from '@xz/shared'
import { loadConfig, setConfig } from '../../server/src/config'
import { setNow } from '../../server/src/lib/clock'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { queueReminders, repairClaims } from '../../server/src/modules/bookings/bookings.jobs'
import { markNoShows } from '../../server/src/modules/staff/no-show.jobs'
import { BookingClaim, BookingLock } from '../../server/src/modules/bookings/claim.model'
import { claimActivePlace, claimQuota, claimSeat, tryLock } from '../../server/src/modules/bookings/claims'
import { Notification } from '../../server/src/modules/notifications/notification.model'
import { notify } from '../../server/src/modules/notifications/notifier'
import { deliverPending } from '../../server/src/modules/notifications/sender'
import { DeskClaim } from '../../server/src/modules/staff/desk-claim.model'
import { api } from '../helpers/app'
import { account, type Session } from '../helpers/auth'
import { NOW, SATURDAY, book, citizens, makeWorld, slotInvariants, type World } from '../helpers/booking-fixtures'
import { useTestDb } from '../helpers/db'

useTestDb()

let world: World

beforeAll(async () => {
  setNow(NOW)
  world = await makeWorld({ capacity: 5, start: '09:00', end: '12:00' })
})
afterAll(() => setNow(undefined))
afterEach(() => setNow(NOW))

/** A booking for Saturday `start`, made at `bookedAt` (business time). */
async function bookedAt(at: Date, start = '09:00'): Promise<{ who: Session; id: string }> {
  setNow(at)
  const [who] = await citizens(1)
  const res = await book(who, world.slot(SATURDAY, start), world.service._id)
  expect(res.status).toBe(201)
  setNow(NOW)
  return { who, id: res.body.id }
}

describe('reminders', () => {
  it('when the jobs run twice 24 h and 1 h before the start, then each reminder is queued once', async () => {
    const { who, id } = await bookedAt(instantOf('2026-11-25', '10:00'), '10:00')
    setNow(instantOf('2026-11-27', '10:30')) // 23.5 h before
    await queueReminders()
    await queueReminders()
    expect(await Notification.find({ bookingId: id }).lean()).toEqual([
      expect.objectContaining({ _id: `remind24h:${id}`, kind: 'remind24h', userId: new mongoose.Types.ObjectId(who.id), status: 'pending' }),
    ])
    setNow(instantOf(SATURDAY, '09:15'))
    await Promise.all([queueReminders(), queueReminders()])
    const notices = await Notification.find({ bookingId: id }).sort({ _id: 1 }).lean()
    expect(notices.map((n) => n._id)).toEqual([`remind1h:${id}`, `remind24h:${id}`])
    expect(notices[0].body).toContain('1 小时后')
    expect(await Booking.findById(id).lean()).toMatchObject({ reminded24h: true, reminded1h: true })
  })

  it('when the booking was made within the last 24 h, then only the 1 h reminder is sent; a cancelled booking gets none', async () => {
    const fresh = await bookedAt(instantOf('2026-11-27', '11:00'), '10:30') // 23.5 h ahead
    const cancelled = await bookedAt(instantOf('2026-11-25', '10:00'), '11:00')
    await api().post(`/api/v1/bookings/${cancelled.id}/cancel`).set(cancelled.who.auth).send({})
    setNow(instantOf('2026-11-27', '11:30'))
    await queueReminders()
    expect(await Notification.countDocuments({ bookingId: { $in: [fresh.id, cancelled.id] } })).toBe(0)
    setNow(instantOf(SATURDAY, '09:45'))
    await queueReminders()
    expect((await Notification.find({ bookingId: fresh.id }).lean()).map((n) => n._id)).toEqual([`remind1h:${fresh.id}`])
    expect(await Notification.countDocuments({ bookingId: cancelled.id })).toBe(0)
  })
})

describe('outbox without WeChat', () => {
  it('when WeChat is not configured, then pending notices are marked sent on the outbox channel and shown in the app', async () => {
    const [who, other] = await citizens(2)
    await notify({ key: `test-a:${who.id}`, to: { userId: who.id }, kind: 'notice', title: '通知一', body: '内容一' })
    await notify({ key: `test-b:${who.id}`, to: { userId: who.id }, kind: 'notice', title: '通知二', body: '内容二' })
    await deliverPending()
    expect(await Notification.findById(`test-a:${who.id}`).lean()).toMatchObject({ status: 'sent', channel: 'outbox', attempts: 1 })

    const list = await api().get('/api/v1/notifications').set(who.auth)
    expect(list.status).toBe(200)
    expect(list.body.total).toBe(2)
    expect(list.body.items[0]).toMatchObject({ title: expect.any(String), channel: 'outbox', read: false })
    const read = await api().post(`/api/v1/notifications/${encodeURIComponent(`test-a:${who.id}`)}/read`).set(who.auth)
    expect(read.status).toBe(200)
    expect(read.body.read).toBe(true)
    expect((await Notification.findById(`test-a:${who.id}`).lean())!.readAt).toBeInstanceOf(Date)
    expect((await api().get('/api/v1/notifications?unread=true').set(who.auth)).body.total).toBe(1)
    expect((await api().post(`/api/v1/notifications/${encodeURIComponent(`test-b:${who.id}`)}/read`).set(other.auth)).status).toBe(404)
    expect((await api().get('/api/v1/notifications').set(other.auth)).body.total).toBe(0)
    expect((await api().get('/api/v1/notifications')).status).toBe(401)
  })

  it('shows staff and administrators their own notices', async () => {
    const staff = await account({ role: 'staff', hallIds: [world.hall._id] })
    await notify({ key: `staff-test:${staff.id}`, to: { accountId: staff.id }, kind: 'work_order', title: '差评工单', body: '请处理' })
    expect((await api().get('/api/v1/notifications').set(staff.auth)).body.items).toEqual([expect.objectContaining({ title: '差评工单' })])
  })
})

describe('WeChat subscribe messages', () => {
  let stub: http.Server
  let sends: { token: string; body: any }[] = []
  let tokenCalls: URLSearchParams[] = []
  /** errcodes to answer the next sends with (then ok). */
  let sendErrors: number[] = []

  beforeAll(async () => {
    stub = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://stub')
      res.setHeader('Content-Type', 'text/plain') // WeChat answers JSON as text/plain
      if (url.pathname === '/cgi-bin/token') {
        tokenCalls.push(url.searchParams)
        return void res.end(JSON.stringify({ access_token: `TOKEN${tokenCalls.length}`, expires_in: 7200 }))
      }
      if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
        let raw = ''
        req.on('data', (d) => (raw += d))
        req.on('end', () => {
          const token = url.searchParams.get('access_token') ?? ''
          const errcode = sendErrors.shift()
          if (errcode) return void res.end(JSON.stringify({ errcode, errmsg: `error ${errcode}` }))
          sends.push({ token, body: JSON.parse(raw) })
          res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }))
        })
        return
      }
      res.writeHead(404).end()
    })
    await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r))
  })
  afterAll(async () => {
    await new Promise((r) => stub.close(r))
  })
  beforeEach(async () => {
    await Notification.updateMany({ status: 'pending' }, { $set: { status: 'skipped' } })
    sends = []
    tokenCalls = []
    sendErrors = []
  })
  afterEach(() => setConfig(loadConfig(process.env)))

  function useWechat() {
    setConfig(
      loadConfig({
        ...process.env,
        WECHAT_APPID: `wx${Math.random().toString(16).slice(2, 12)}`,
        WECHAT_SECRET: 'secret-from-env',
        WECHAT_API_BASE: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`,
        WECHAT_TEMPLATE_REMINDER: 'TPL_REMIND',
        WECHAT_TEMPLATE_NOTICE: 'TPL_NOTICE',
      }),
    )
  }

  it('when reminders are delivered by several concurrent sender runs, then WeChat receives exactly one message per reminder', async () => {
    const a = await bookedAt(instantOf('2026-11-20', '10:00'), '09:30')
    const b = await bookedAt(instantOf('2026-11-20', '10:00'), '10:00')
    setNow(instantOf('2026-11-27', '12:00'))
    await Promise.all([queueReminders(), queueReminders()])
    useWechat()
    await Promise.all([deliverPending(), deliverPending(), deliverPending()])
    await deliverPending()

    expect(sends).toHaveLength(2)
    expect(tokenCalls).toHaveLength(1) // cached
    expect(tokenCalls[0].get('grant_type')).toBe('client_credential')
    expect(tokenCalls[0].get('secret')).toBe('secret-from-env')
    const toA = sends.find((s) => s.body.page === `pages/booking/index?id=${a.id}`)!
    expect(toA.token).toBe('TOKEN1')
    expect(toA.body).toMatchObject({
      template_id: 'TPL_REMIND',
      lang: 'zh_CN',
      data: { thing1: { value: world.service.name.slice(0, 20) }, time2: { value: `${SATURDAY} 09:30` }, thing3: { value: expect.any(String) } },
    })
    expect(toA.body.touser).toMatch(/^dev_/)
    for (const { id } of [a, b]) {
      expect(await Notification.findById(`remind24h:${id}`).lean()).toMatchObject({ status: 'sent', channel: 'wechat', attempts: 1 })
    }
  })

  it('when WeChat rejects a stale token, then a new one is fetched and the message sent; a user without subscription stays in the outbox', async () => {
    const [who] = await citizens(1)
    await notify({ key: `wx-a:${who.id}`, to: { userId: who.id }, kind: 'notice', title: '通知', body: '内容', data: { thing1: '通知' } })
    await notify({ key: `wx-b:${who.id}`, to: { userId: who.id }, kind: 'notice', title: '通知', body: '内容', data: { thing1: '通知' } })
    useWechat()
    sendErrors = [42001, 43101]
    await deliverPending()
    expect(tokenCalls).toHaveLength(2)
    expect(sends).toHaveLength(1)
    expect(sends[0].token).toBe('TOKEN2')
    const [a, b] = await Promise.all([Notification.findById(`wx-a:${who.id}`).lean(), Notification.findById(`wx-b:${who.id}`).lean()])
    expect([a!.channel, b!.channel].sort()).toEqual(['outbox', 'wechat'])
    expect([a!.status, b!.status]).toEqual(['sent', 'sent'])
  })

  it('when WeChat fails for a while, then the notice is retried on later runs, once per run, and given up after 5 attempts', async () => {
    const [who] = await citizens(1)
    await notify({ key: `wx-retry:${who.id}`, to: { userId: who.id }, kind: 'notice', title: '通知', body: '内容' })
    useWechat()
    sendErrors = [-1, -1]
    await deliverPending()
    await deliverPending()
    expect(await Notification.findById(`wx-retry:${who.id}`).lean()).toMatchObject({ status: 'pending', attempts: 2 })
    await deliverPending()
    expect(await Notification.findById(`wx-retry:${who.id}`).lean()).toMatchObject({ status: 'sent', channel: 'wechat', attempts: 3 })
    expect(sends).toHaveLength(1)

    await notify({ key: `wx-fail:${who.id}`, to: { userId: who.id }, kind: 'notice', title: '通知', body: '内容' })
    sendErrors = [-1, -1, -1, -1, -1]
    for (let i = 0; i < 6; i++) await deliverPending()
    expect(await Notification.findById(`wx-fail:${who.id}`).lean()).toMatchObject({ status: 'failed', attempts: 5 })
  })
})

describe('no-show marking', () => {
  it('when a booking is not checked in by slot end + 15 min, then it becomes no_show (by system), once, and its claims are released', async () => {
    const w = await makeWorld({ capacity: 2 })
    const [who, checkedIn] = await citizens(2)
    const res = await book(who, w.slot(SATURDAY, '09:00'), w.service._id)
    const other = await book(checkedIn, w.slot(SATURDAY, '09:00'), w.service._id)
    // the desk checked the other person in (its claim is what check-in takes)
    await DeskClaim.create({ _id: `checkin:${other.body.id}`, kind: 'checkin', at: instantOf(SATURDAY, '08:50'), ref: other.body.id })
    await Booking.updateOne({ _id: other.body.id }, { $set: { status: 'checked_in' } })

    setNow(instantOf(SATURDAY, '09:44'))
    expect(await markNoShows()).toBe(0)
    setNow(instantOf(SATURDAY, '09:45'))
    const [first, second] = await Promise.all([markNoShows(), markNoShows()])
    expect(first + second).toBe(1)
    await markNoShows()
    const stored = await Booking.findById(res.body.id).lean()
    expect(stored).toMatchObject({ status: 'no_show', holdsClaims: false })
    expect(stored!.noShowAt).toBeInstanceOf(Date)
    expect(stored!.history.filter((h) => h.status === 'no_show')).toEqual([expect.objectContaining({ by: 'system', byRole: 'system' })])
    expect(await BookingClaim.countDocuments({ bookingId: res.body.id })).toBe(0)
    expect((await Booking.findById(other.body.id).lean())!.status).toBe('checked_in')
    expect(await DeskClaim.findById(`checkin:${res.body.id}`).lean()).toMatchObject({ kind: 'no_show' })

    // the next booking of that person carries the warning
    setNow(instantOf(SATURDAY, '10:00'))
    const next = await book(who, w.slot('2026-11-29', '09:00'), w.service._id)
    expect(next.body.warning).toContain('爽约')
  })
})

describe('claim repair', () => {
  it('when a process died between claiming and booking, then after the grace period the claims and lock are released', async () => {
    const w = await makeWorld({ capacity: 1 })
    const [who, later] = await citizens(2)
    const bookingId = new mongoose.Types.ObjectId()
    const owner = { bookingId, userId: new mongoose.Types.ObjectId(who.id) }
    const slotId = w.slot(SATURDAY, '09:00')
    // what a crashed request leaves: the lock and three claims, no booking
    await tryLock(bookingId, 'create')
    await claimQuota(owner, SATURDAY, String(w.service._id))
    await claimActivePlace(owner)
    await claimSeat(owner, { slotId, hallId: w.hall._id, date: SATURDAY, capacity: 1 }, [1])
    expect((await book(later, slotId, w.service._id)).body.error.code).toBe('SLOT_FULL')

    await repairClaims() // within the grace period: nothing happens
    expect(await BookingClaim.countDocuments({ bookingId })).toBe(3)
    setNow(new Date(NOW.getTime() + 3 * 60_000))
    expect((await repairClaims()).staleLocks).toBe(1)
    expect(await BookingClaim.countDocuments({ bookingId })).toBe(0)
    expect(await BookingLock.countDocuments({ _id: String(bookingId) })).toBe(0)
    expect((await book(later, slotId, w.service._id)).status).toBe(201)
    expect(await slotInvariants(slotId, 1)).toMatchObject({ active: 1, seats: 1, orphanSeats: 0 })
  })

  it('when the desk ends a booking without releasing its claims, then the repair job releases them', async () => {
    const w = await makeWorld({ capacity: 1 })
    const [who] = await citizens(1)
    const res = await book(who, w.slot(SATURDAY, '09:00'), w.service._id)
    await Booking.updateOne({ _id: res.body.id }, { $set: { status: 'served' } })
    expect((await repairClaims()).releasedBookings).toBeGreaterThanOrEqual(1)
    expect(await BookingClaim.countDocuments({ bookingId: res.body.id })).toBe(0)
    expect((await Booking.findById(res.body.id).lean())!.holdsClaims).toBe(false)
  })
})
