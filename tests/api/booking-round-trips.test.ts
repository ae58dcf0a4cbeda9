/**
 * The booking path's database round trips (SPEC §6, issue 14), counted on the driver: a booking made by a warm process
 * reads only by `_id` (never a scan), takes its three claims in one insert, and writes the booking, its occupancy
 * hint and the end of its lock once each. The city benchmark prints the same count at scale. Under load, the reads
 * by `_id` and the writes of many bookings share commands (lib/group-reads, lib/group-writes).
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import supertest from 'supertest'
import { BookingClaim } from '../../server/src/modules/bookings/claim.model'
import { useListeningApp } from '../helpers/app'
import { NOW, SATURDAY, bookingBody, citizens, makeWorld } from '../helpers/booking-fixtures'
import { type Command, recording, useTestDb } from '../helpers/db'
import { requestStatus } from '../helpers/http-status'

useTestDb({ monitorCommands: true })

const server = useListeningApp(NOW)

describe('the round trips of a booking', () => {
  it('when a warm process books a seat, then it reads by _id only, claims in one insert and writes each thing once', async () => {
    const w = await makeWorld({ capacity: 20 })
    const [first, second] = await citizens(2)
    const slotId = w.slot(SATURDAY, '09:00')
    const post = (who: typeof first) => supertest(server()).post('/api/v1/bookings').set(who.auth).send(bookingBody(slotId, w.service._id))
    await post(first).expect(201) // warms the process's caches (rules, points, calendar)
    const { result, commands } = await recording(() => post(second))
    expect(result.status).toBe(201)

    // (the caches' version checks come at most every CACHE_CHECK_MS and are not the booking's own)
    const own = commands.filter((c) => c.collection !== 'data_versions')
    const finds = own.filter((c) => c.name === 'find')
    expect(finds.filter((c) => Object.keys(c.command.filter as object).join() !== '_id')).toEqual([])
    const writes = own.filter((c) => c.name !== 'find').map((c) => `${c.name} ${c.collection}`)
    expect(writes.sort()).toEqual(['delete bookinglocks', 'insert bookingclaims', 'insert bookinglocks', 'insert bookings', 'update slotoccupancies'])
    const claimInsert = own.find((c) => c.name === 'insert' && c.collection === 'bookingclaims')!
    expect((claimInsert.command.documents as { kind: string }[]).map((d) => d.kind)).toEqual(['quota', 'active', 'seat'])
    expect(own.length).toBeLessThanOrEqual(12)
    expect((await BookingClaim.find({ bookingId: result.body.id }).lean()).map((c) => c.kind).sort()).toEqual(['active', 'quota', 'seat'])
  })

  it('when the person already holds the day’s quota for the item, then the one insert stops there: no place or seat is claimed', async () => {
    const w = await makeWorld({ capacity: 20 })
    const [who] = await citizens(1)
    await supertest(server()).post('/api/v1/bookings').set(who.auth).send(bookingBody(w.slot(SATURDAY, '09:00'), w.service._id)).expect(201)
    const before = await BookingClaim.countDocuments({ userId: who.id })
    const res = await supertest(server()).post('/api/v1/bookings').set(who.auth).send(bookingBody(w.slot(SATURDAY, '10:00'), w.service._id))
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('ALREADY_BOOKED')
    expect(await BookingClaim.countDocuments({ userId: who.id })).toBe(before)
    expect(await BookingClaim.countDocuments({ slotId: w.slot(SATURDAY, '10:00') })).toBe(0)
  })

  it('when 30 people book at once, then their reads by _id and their booking inserts share commands, and every booking is made', async () => {
    const w = await makeWorld({ capacity: 40 })
    const people = await citizens(31)
    const slotId = w.slot(SATURDAY, '09:00')
    await supertest(server()).post('/api/v1/bookings').set(people[30].auth).send(bookingBody(slotId, w.service._id)).expect(201) // warms the caches
    // "at once": 30 connections opened beforehand, then the 30 requests written in one go (over fresh connections
    // each, the requests would trickle in one by one, and a database that answers faster than they arrive leaves
    // nothing to group)
    const agent = new http.Agent({ keepAlive: true, maxSockets: 30 })
    const { port } = server().address() as AddressInfo
    const send = (method: string, path: string, headers?: Record<string, string>, body?: unknown) =>
      requestStatus(`http://127.0.0.1:${port}${path}`, { agent, method, headers, body })
    try {
      expect(await Promise.all(Array.from({ length: 30 }, () => send('GET', '/api/v1/health')))).toEqual(Array(30).fill(200))
      const bodies = people.slice(0, 30).map((who) => ({ headers: who.auth, body: bookingBody(slotId, w.service._id) }))
      const { result, commands } = await recording(() => Promise.all(bodies.map((b) => send('POST', '/api/v1/bookings', b.headers, b.body))))
      expect(result).toEqual(Array(30).fill(201))
      checkShared(commands)
    } finally {
      agent.destroy()
    }
    expect(await BookingClaim.countDocuments({ slotId, kind: 'seat' })).toBe(31)
  })
})

/** 30 bookings' reads by `_id` and booking inserts took fewer commands than one per booking each. */
function checkShared(commands: Command[]) {
  const count = (name: string, collection: string) => commands.filter((c) => c.name === name && c.collection === collection).length
  for (const collection of ['users', 'bookingstandings', 'slotoccupancies', 'waitlistflags', 'sessioncancellations']) {
    // (the collection named in a failure)
    expect({ collection, grouped: count('find', collection) < 30 }).toEqual({ collection, grouped: true })
  }
  expect(count('insert', 'bookings')).toBeLessThan(30)
  const listed = commands.filter((c) => c.name === 'find' && (c.command.filter as { _id?: { $in?: unknown[] } })._id?.$in)
  expect(listed.length).toBeGreaterThan(0)
}

