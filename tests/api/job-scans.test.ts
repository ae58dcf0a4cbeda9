/**
 * The background jobs (every 30 s in the jobs process) never read a growing collection whole (SPEC §6, issue 14): each
 * command they send to bookings, claims, ratings, work orders, notices or waitlist entries names an `_id`, or holds an
 * equality on the first field of a `*_pushdown` index (searched in SQL on the embedded database). Checked on the
 * commands the driver sends while each job runs over a little of everything: reminders due, a booking past its end,
 * a booking served more than 7 days ago, a 差评 and a 追评 of the last hour, a waitlist.
 */
import mongoose, { Types } from 'mongoose'
import { addDays, localDate, regionScopesOf } from '@xz/shared'
import { setNow } from '../../server/src/lib/clock'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { queueReminders, repairClaims, sweepWaitlists } from '../../server/src/modules/bookings/bookings.jobs'
import { markNoShows } from '../../server/src/modules/staff/no-show.jobs'
import { deliverPending } from '../../server/src/modules/notifications/sender'
import { recordDefaultRatings, repairWorkOrders } from '../../server/src/modules/ratings/ratings.service'
import { Rating } from '../../server/src/modules/ratings/rating.model'
import { repairExchange } from '../../server/src/modules/exchange/exchange.service'
import { NOW, SATURDAY, book, citizens, makeWorld, type World } from '../helpers/booking-fixtures'
import { type Command, recording, useTestDb } from '../helpers/db'

useTestDb({ monitorCommands: true })

const GROWING = ['bookings', 'bookingclaims', 'ratings', 'workorders', 'notifications', 'waitlistentries', 'tickets']

/** The collection's fields that are the first key of a `*_pushdown` index. */
function pushdownFields(collection: string): Set<string> {
  const model = Object.values(mongoose.models).find((m) => m.collection.collectionName === collection)
  if (!model) throw new Error(`no model for ${collection}`)
  return new Set(
    model.schema
      .indexes()
      .filter(([, o]) => typeof o?.name === 'string' && o.name.endsWith('_pushdown'))
      .map(([keys]) => Object.keys(keys)[0]),
  )
}

const scalar = (v: unknown) => typeof v === 'string' || v instanceof Types.ObjectId || (typeof v === 'object' && v !== null && '_bsontype' in v)
/** An `_id` condition the embedded database searches in SQL: an equality, or a `$in` of 1 to 1,000 ids (patch 05). */
const idReached = (v: unknown) => {
  if (scalar(v)) return true
  const list = (v as { $in?: unknown } | undefined)?.$in
  return Array.isArray(list) && list.length > 0 && list.length <= 1000 && list.every(scalar)
}

/** The filters of a command (find, count, distinct, aggregate's first $match, each update and delete statement). */
function filtersOf(c: Command): Record<string, unknown>[] {
  const cmd = c.command as Record<string, any>
  if (c.name === 'find') return [cmd.filter ?? {}]
  if (c.name === 'count' || c.name === 'distinct') return [cmd.query ?? {}]
  if (c.name === 'aggregate') return [cmd.pipeline?.[0]?.$match ?? {}]
  if (c.name === 'update') return (cmd.updates as { q: Record<string, unknown> }[]).map((u) => u.q)
  if (c.name === 'delete') return (cmd.deletes as { q: Record<string, unknown> }[]).map((d) => d.q)
  if (c.name === 'findAndModify') return [cmd.query ?? {}]
  return [] // inserts name their documents
}

/** The commands of `fn` that would read a growing collection whole. */
async function scansOf(fn: () => Promise<unknown>): Promise<string[]> {
  const { commands } = await recording(fn)
  const scans: string[] = []
  for (const c of commands) {
    if (!GROWING.includes(c.collection)) continue
    const reached = pushdownFields(c.collection)
    for (const f of filtersOf(c)) {
      const ok = (f._id !== undefined && idReached(f._id)) || [...reached].some((k) => scalar(f[k]))
      if (!ok) scans.push(`${c.name} ${c.collection} ${JSON.stringify(f)}`)
    }
  }
  return scans
}

let world: World

beforeAll(async () => {
  setNow(NOW)
  world = await makeWorld({ capacity: 5, start: '09:00', end: '12:00' })
  const people = await citizens(4)
  const ids: string[] = []
  for (const [i, who] of people.entries()) {
    const res = await book(who, world.slot(SATURDAY, ['09:00', '09:30', '10:00', '10:30'][i]), world.service._id)
    expect(res.status).toBe(201)
    ids.push(res.body.id)
  }
  // one served nine days before "now" (its default rating is due), one past its end and still booked
  const served = addDays(localDate(NOW), -9)
  await Booking.updateOne({ _id: ids[0] }, { $set: { status: 'served', date: served, servedAt: new Date(NOW.getTime() - 9 * 86_400_000) } })
  await Booking.updateOne({ _id: ids[1] }, { $set: { date: localDate(NOW), endAt: new Date(NOW.getTime() - 3_600_000) } })
  // a 差评 and a 追评 of the last hour
  const at = new Date(NOW.getTime() - 10 * 60_000)
  await Rating.collection.insertOne({
    key: `guide:${new Types.ObjectId()}`, kind: 'guide', userId: new Types.ObjectId(), raterName: '王*', serviceId: world.service._id,
    regionCode: '140902', regionScopes: regionScopesOf('140902'), level: 1, dimensions: {}, tags: [], isDefault: false,
    ratedAt: at, ratedDate: localDate(at), append: { comment: '补充', at }, appendDate: localDate(at), createdAt: at, updatedAt: at,
  } as never)
})
afterAll(() => setNow(undefined))

describe('the background jobs read growing collections only by _id or a pushed-down equality', () => {
  const jobs: [string, () => Promise<unknown>][] = [
    ['reminders', queueReminders],
    ['no-shows (yesterday and today)', () => markNoShows({ deep: false })],
    ['no-shows (the hourly fortnight)', () => markNoShows({ deep: true })],
    ['claim repair (every tick)', () => repairClaims({ sweep: false })],
    ['claim repair (the sweep)', () => repairClaims({ sweep: true })],
    ['waitlists', sweepWaitlists],
    ['default ratings', recordDefaultRatings],
    ['work-order repair', repairWorkOrders],
    ['exchange repair', repairExchange],
    ['notice delivery', deliverPending],
  ]

  it.each(jobs)('%s', async (_name, job) => {
    expect(await scansOf(job)).toEqual([])
  })

  it('and they did their work: the reminders handled, the no-show marked, the default rating recorded', async () => {
    // the one booking starting within 24 h was booked less than 24 h ahead: its 24 h reminder is skipped, and marked so
    expect(await Booking.countDocuments({ status: 'booked', reminded24h: true })).toBe(1)
    expect(await Booking.countDocuments({ status: 'no_show' })).toBe(1)
    expect(await Rating.countDocuments({ isDefault: true })).toBe(1)
  })
})
