/**
 * The booking invariants with TWO server processes (`node server/dist/main.js`) sharing one database,
 * requests spread over both; both also run the background jobs, delivering reminders through a stub of
 * WeChat's API. Capacity, the per-person limits, promotions and reminders hold across processes because
 * each is a unique-key claim in the database.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { instantOf } from '@xz/shared'
import { setNow, sleep } from '../../server/src/lib/clock'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { WaitlistEntry } from '../../server/src/modules/bookings/waitlist.model'
import { Notification } from '../../server/src/modules/notifications/notification.model'
import type { Session } from '../helpers/auth'
import { book, bookingBody, citizens, makeWorld, slotInvariants, type World } from '../helpers/booking-fixtures'
import { useTestDb } from '../helpers/db'
import { http as call, startServerProcess, type ServerProcess } from '../helpers/server-process'

jest.setTimeout(240_000)
const db = useTestDb()

interface SlotView {
  id: string
  date: string
  start: string
  capacity: number
  remaining: number
}

let servers: ServerProcess[] = []
let stub: http.Server
const remindSends: { touser: string; page: string }[] = []
let world: World
let slots: SlotView[]

/** Request i goes to server i mod 2. */
const pick = (i: number) => servers[i % servers.length]
const post = (i: number, who: Session, path: string, body: unknown) => call(pick(i), 'POST', path, { body, headers: who.auth })

beforeAll(async () => {
  stub = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://stub')
    res.setHeader('Content-Type', 'text/plain')
    if (url.pathname === '/cgi-bin/token') return void res.end(JSON.stringify({ access_token: 'TOKEN', expires_in: 7200 }))
    let raw = ''
    req.on('data', (d) => (raw += d))
    req.on('end', () => {
      const body = JSON.parse(raw || '{}')
      if (body.template_id === 'TPL_REMIND') remindSends.push({ touser: body.touser, page: body.page })
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }))
    })
  })
  await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r))

  // a point open around the clock, so that slots exist whatever the real time is
  world = await makeWorld({ capacity: 5, dayTypes: ['workday', 'weekend', 'holiday'], label: '延时服务', start: '00:00', end: '23:30' })
  const env = {
    JOB_INTERVAL_MS: '300',
    WECHAT_APPID: 'wx_multiprocess',
    WECHAT_SECRET: 'secret-from-env',
    WECHAT_API_BASE: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`,
    WECHAT_TEMPLATE_REMINDER: 'TPL_REMIND',
    WECHAT_TEMPLATE_NOTICE: 'TPL_NOTICE',
  }
  servers = await Promise.all([0, 1].map(() => startServerProcess({ dbUri: db.uri, jobs: true, env })))
  const res = await call(servers[0], 'GET', `/api/v1/slots?hallId=${world.hall._id}`)
  // skip the slots near the 2 h booking notice: one could pass that edge while the test runs and vanish from the list
  slots = (res.body as SlotView[]).filter((s) => instantOf(s.date, s.start).getTime() > Date.now() + 3 * 3600_000)
  expect(slots.length).toBeGreaterThan(10)
})

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
  await new Promise((r) => stub.close(r))
  setNow(undefined)
})

describe('two server processes, one database', () => {
  it('when 200 people book a 5-seat slot through both processes at once, then exactly 5 get 201 and 195 get 409 SLOT_FULL', async () => {
    const slot = slots[0]
    const people = await citizens(200)
    const answers = await Promise.all(people.map((p, i) => post(i, p, '/api/v1/bookings', bookingBody(slot.id, world.service._id))))
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5)
    const refused = answers.filter((a) => a.status !== 201)
    expect(refused.map((a) => `${a.status} ${a.body?.error?.code}`)).toEqual(Array(195).fill('409 SLOT_FULL'))
    expect(await Booking.countDocuments({ slotId: slot.id })).toBe(5)
    expect(await slotInvariants(slot.id, 5)).toEqual({ active: 5, seats: 5, orphanSeats: 0, duplicateSeatNos: 0, withinCapacity: true })
    // both processes served winners' and losers' requests
    const byServer = [0, 1].map((s) => answers.filter((_, i) => i % 2 === s).length)
    expect(byServer).toEqual([100, 100])
    const listed = await call(servers[1], 'GET', `/api/v1/slots?hallId=${world.hall._id}&from=${slot.date}&to=${slot.date}`)
    expect(listed.body.find((s: SlotView) => s.id === slot.id).remaining).toBe(0)
  })

  it('when one person fires 20 requests for the same item and day through both processes, then exactly one booking is made', async () => {
    const [who] = await citizens(1)
    const sameDay = slots.slice(1, 7).filter((s) => s.date === slots[1].date)
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(i, who, '/api/v1/bookings', bookingBody(sameDay[i % sameDay.length].id, world.service._id))),
    )
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
    expect(answers.filter((a) => a.status !== 201).every((a) => a.body.error.code === 'ALREADY_BOOKED')).toBe(true)
    expect(await Booking.countDocuments({ userId: who.id })).toBe(1)
  })

  it('when cancels and bookings race on a full slot through both processes, then capacity holds at every check and each waiting person is promoted once', async () => {
    const capacity = 5
    const slot = slots[8]
    const holders = await citizens(capacity)
    let active: { who: Session; id: string }[] = []
    for (const [i, who] of holders.entries()) {
      const res = await post(i, who, '/api/v1/bookings', bookingBody(slot.id, world.service._id))
      expect(res.status).toBe(201)
      active.push({ who, id: res.body.id })
    }
    const waiting = await citizens(2)
    for (const [i, who] of waiting.entries()) {
      const joined = await post(i, who, `/api/v1/slots/${slot.id}/waitlist`, { serviceId: String(world.service._id), applicant: { name: `候补${i}`, phone: '13700000002' } })
      expect(joined.status).toBe(201)
    }
    let sampling = true
    const samples: number[] = []
    const sampler = (async () => {
      while (sampling) {
        samples.push((await slotInvariants(slot.id, capacity)).active)
        await sleep(20)
      }
    })()
    const newcomers = await citizens(8)
    for (let round = 0; round < 4; round++) {
      const leaving = active.splice(0, 2)
      const comers = newcomers.splice(0, 2)
      const answers = await Promise.all([
        ...leaving.flatMap((b, i) => [post(i, b.who, `/api/v1/bookings/${b.id}/cancel`, {}), post(i + 1, b.who, `/api/v1/bookings/${b.id}/cancel`, {})]),
        ...comers.flatMap((c, i) => [post(i, c, '/api/v1/bookings', bookingBody(slot.id, world.service._id)), post(i + 1, c, '/api/v1/bookings', bookingBody(slot.id, world.service._id))]),
      ])
      expect(answers.filter((a) => ![200, 201, 409, 422].includes(a.status)).map((a) => `${a.status} ${JSON.stringify(a.body)}`)).toEqual([])
      expect(await slotInvariants(slot.id, capacity)).toMatchObject({ withinCapacity: true, orphanSeats: 0, duplicateSeatNos: 0 })
      const everyone = [...holders, ...newcomers, ...comers]
      active = (await Booking.find({ slotId: slot.id, status: 'booked', fromWaitlist: false }).lean()).flatMap((b) => {
        const who = everyone.find((p) => p.id === String(b.userId))
        return who ? [{ who, id: String(b._id) }] : []
      })
    }
    sampling = false
    await sampler
    expect(Math.max(...samples)).toBeLessThanOrEqual(capacity)
    for (const p of waiting) {
      expect((await Booking.find({ userId: p.id, slotId: slot.id }).lean()).map((b) => `${b.status}/${b.fromWaitlist}`)).toEqual(['booked/true'])
    }
    expect(await WaitlistEntry.countDocuments({ slotId: slot.id, status: 'promoted' })).toBe(2)
  })

  it('when both processes run the reminder and sender jobs, then WeChat receives exactly one message per reminder', async () => {
    // bookings made (business time) three days ago — in this process, whose clock can be moved — for slots
    // 3–20 hours from now: their 24 h reminder is due, and the jobs of both processes see it
    const t = Date.now()
    const used = new Set(slots.slice(0, 9).map((s) => s.id)) // the slots the tests above used
    const due = slots.filter((s) => {
      const ahead = instantOf(s.date, s.start).getTime() - t
      return !used.has(s.id) && ahead > 3 * 3600_000 && ahead < 20 * 3600_000
    })
    const targets = [due[0], due[Math.floor(due.length / 2)], due.at(-1)!]
    const people = await citizens(targets.length)
    setNow(new Date(t - 3 * 24 * 3600_000))
    const ids: string[] = []
    for (const [i, slot] of targets.entries()) {
      const res = await book(people[i], slot.id, world.services[1]._id)
      expect(res.status).toBe(201)
      ids.push(res.body.id)
    }
    setNow(undefined)

    const deadline = Date.now() + 30_000
    while (Date.now() < deadline) {
      const sent = await Notification.countDocuments({ _id: { $in: ids.map((id) => `remind24h:${id}`) }, status: 'sent' })
      if (sent === ids.length) break
      await sleep(200)
    }
    await sleep(1500) // several more job ticks in both processes
    for (const id of ids) {
      expect(await Notification.findById(`remind24h:${id}`).lean()).toMatchObject({ status: 'sent', channel: 'wechat', attempts: 1 })
      expect(remindSends.filter((s) => s.page === `pages/booking/index?id=${id}`)).toHaveLength(1)
    }
    expect(remindSends).toHaveLength(ids.length)
  })
})
