import { addDays } from '@xz/shared'
import { setNow } from '../../server/src/lib/clock'
import mongoose from 'mongoose'
import { AuditLog, backfillAuditDates } from '../../server/src/modules/audit/audit.model'
import { api } from '../helpers/app'
import type { Session } from '../helpers/auth'
import { recording, useTestDb } from '../helpers/db'
import { at, deskWorld, makeBooking, testDay, type DeskWorld } from '../helpers/desk-fixtures'

useTestDb({ monitorCommands: true })

type Booking = Awaited<ReturnType<typeof makeBooking>>
let w: DeskWorld
let here: Booking
let there: Booking
const day1 = () => testDay()
const day2 = () => addDays(testDay(), 1)

const view = (s: Session, id: unknown) => api().get(`/api/v1/staff/bookings/${id}`).set(s.auth).expect(200)
const audit = (s: Session, query: Record<string, unknown> = {}) => api().get('/api/v1/admin/audit').query(query).set(s.auth)
const ids = (res: { body: { items: { bookingId?: string }[] } }) => res.body.items.map((e) => e.bookingId)

beforeAll(async () => {
  w = await deskWorld()
  here = await makeBooking({ hall: w.hall, service: w.service, start: '10:00', mobile: '13800001111' })
  there = await makeBooking({ hall: w.otherHall, service: w.service, start: '10:00', mobile: '13800002222' })
  setNow(at('09:00', day1()))
  await view(w.actors.staffHere, here._id)
  await view(w.actors.staffOther, there._id)
  setNow(at('09:00', day2()))
  await view(w.actors.adminHere, here._id)
  setNow(undefined)
})
// the log is read up to today: the clock stands at the evening of the second day
beforeEach(() => setNow(at('18:00', day2())))
afterEach(() => setNow(undefined))

describe('GET /admin/audit: who viewed a person’s full data', () => {
  it('when the administrator of a county reads the log, then only the views of its points are there, newest first', async () => {
    const res = await audit(w.actors.adminHere)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ total: 2, page: 1, pageSize: 20 })
    expect(res.body.items.map((e: { actorId: string; action: string; bookingId: string }) => [e.actorId, e.action, e.bookingId])).toEqual([
      [w.actors.adminHere.id, 'booking.view', here._id.toString()],
      [w.actors.staffHere.id, 'booking.view', here._id.toString()],
    ])
    expect(res.body.items[1]).toMatchObject({ actorRole: 'staff', actorName: '李窗口', hallId: w.hall._id.toString() })
    expect(res.body.items[1]).not.toHaveProperty('regionScopes')

    const other = await audit(w.actors.adminOther)
    expect(ids(other)).toEqual([there._id.toString()])
    const city = await audit(w.actors.adminCity)
    expect(city.body.total).toBe(3)
  })

  it('when filtered by booking, actor, action or dates, then only matching entries come back', async () => {
    expect(ids(await audit(w.actors.adminCity, { bookingId: there._id.toString() }))).toEqual([there._id.toString()])
    const byActor = await audit(w.actors.adminCity, { actorId: w.actors.staffHere.id })
    expect(byActor.body.items.map((e: { actorId: string }) => e.actorId)).toEqual([w.actors.staffHere.id])
    expect((await audit(w.actors.adminCity, { action: 'booking.check_in' })).body.total).toBe(0)
    const firstDay = await audit(w.actors.adminCity, { from: day1(), to: day1() })
    expect(firstDay.body.total).toBe(2)
    const secondDay = await audit(w.actors.adminCity, { from: day2() })
    expect(secondDay.body.items.map((e: { actorId: string }) => e.actorId)).toEqual([w.actors.adminHere.id])
    expect((await audit(w.actors.adminCity, { to: addDays(day1(), -1) })).body.total).toBe(0)
    // a booking of another region yields nothing, not its entries
    expect((await audit(w.actors.adminHere, { bookingId: there._id.toString() })).body.total).toBe(0)
  })

  it('when there are many entries, then they are paged', async () => {
    const b = await makeBooking({ hall: w.hall, service: w.service, start: '11:00' })
    for (let i = 0; i < 23; i++) await view(w.actors.staffHere, b._id)
    const page1 = await audit(w.actors.adminHere, { bookingId: b._id.toString(), pageSize: 10 })
    const page3 = await audit(w.actors.adminHere, { bookingId: b._id.toString(), pageSize: 10, page: 3 })
    expect(page1.body).toMatchObject({ total: 23, page: 1, pageSize: 10 })
    expect(page1.body.items).toHaveLength(10)
    expect(page3.body.items).toHaveLength(3)
    const all = [...page1.body.items, ...(await audit(w.actors.adminHere, { bookingId: b._id.toString(), pageSize: 10, page: 2 })).body.items, ...page3.body.items]
    expect(new Set(all.map((e: { id: string }) => e.id)).size).toBe(23)
    expect(await AuditLog.countDocuments({ bookingId: b._id.toString() })).toBe(23)
  })

  it.each([
    [{ from: '2026-12-02', to: '2026-12-01' }],
    [{ bookingId: 'nope' }],
    [{ pageSize: 51 }],
    [{ action: 'booking.delete' }],
  ])('when the query is %j, then 400', async (query) => {
    const res = await audit(w.actors.adminHere, query)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
  })

  it('without a booking, then the last 30 days by default, at most 92 days, and the entries are read day by day through their date', async () => {
    await AuditLog.collection.insertOne({ at: new Date(`${addDays(day1(), -40)}T02:00:00Z`), date: addDays(day1(), -40), actorId: 'x', actorRole: 'admin', action: 'booking.view', regionScopes: ['140900'] } as never)
    const recent = await audit(w.actors.adminCity)
    const older = await audit(w.actors.adminCity, { from: addDays(day1(), -45) })
    expect(older.body.total).toBe(recent.body.total + 1)
    expect((await audit(w.actors.adminCity, { from: addDays(day2(), -92), to: day2() })).status).toBe(400)
    expect((await audit(w.actors.adminCity, { from: addDays(day2(), -91), to: day2() })).status).toBe(200)
    const { result, commands } = await recording(() => audit(w.actors.adminCity, { pageSize: 2 }))
    expect(result.body.items).toHaveLength(2)
    const reads = commands.filter((c) => c.collection === 'auditlogs')
    expect(reads.length).toBeGreaterThan(0)
    for (const c of reads) {
      const filter = (c.command.filter ?? (c.command.pipeline as { $match: object }[])[0].$match) as Record<string, unknown>
      expect(typeof filter.date).toBe('string')
    }
  })

  it('when entries were written before they had a date, then the one-time migration gives them theirs, and they are listed', async () => {
    const before = (await audit(w.actors.adminCity)).body.total
    const { insertedId } = await AuditLog.collection.insertOne({ at: new Date(`${day1()}T07:00:00Z`), actorId: 'y', actorRole: 'admin', action: 'booking.view', regionScopes: ['140900'] } as never)
    expect((await audit(w.actors.adminCity)).body.total).toBe(before) // (no date: not reached)
    await mongoose.connection.collection('meta').deleteOne({ _id: 'migration:auditDate' as never })
    expect(await backfillAuditDates()).toBe(1)
    expect((await AuditLog.findById(insertedId).lean())?.date).toBe(day1())
    expect(await backfillAuditDates()).toBe(0) // once per database
    expect((await audit(w.actors.adminCity, { from: day1(), to: day1() })).body.items.map((e: { actorId: string }) => e.actorId)).toContain('y')
  })

  it('when staff or citizens ask for the log, then 403', async () => {
    expect((await audit(w.actors.staffHere)).status).toBe(403)
    expect((await audit(w.actors.citizen)).status).toBe(403)
    expect((await api().get('/api/v1/admin/audit')).status).toBe(401)
  })
})
