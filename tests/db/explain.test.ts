/**
 * On MongoDB every query the code makes must be served by an index (no COLLSCAN in the winning plan). This runs
 * each model's characteristic queries through `explain()` so that a deployment can verify itself:
 *   TEST_MONGODB_URI=mongodb://127.0.0.1:27017/xz_test npx jest tests/db/explain.test.ts
 * On the embedded database (FerretDB has no query planner to explain) the checks do not apply; the suite then
 * only states why.
 */
import mongoose, { Types } from 'mongoose'
import { regionScopesOf } from '@xz/shared'
import { AuditLog } from '../../server/src/modules/audit/audit.model'
import { Account, RefreshToken, User } from '../../server/src/modules/auth/auth.model'
import { Booking, hallDayKey } from '../../server/src/modules/bookings/booking.model'
import { BookingClaim, SlotOccupancy } from '../../server/src/modules/bookings/claim.model'
import { WaitlistEntry } from '../../server/src/modules/bookings/waitlist.model'
import { Service } from '../../server/src/modules/catalogue/catalogue.model'
import { Hall } from '../../server/src/modules/halls/hall.model'
import { Notification } from '../../server/src/modules/notifications/notification.model'
import { Rating } from '../../server/src/modules/ratings/rating.model'
import { SessionCancellation, SessionRule } from '../../server/src/modules/sessions/session.model'
import { DeskClaim } from '../../server/src/modules/staff/desk-claim.model'
import { Walkin } from '../../server/src/modules/staff/walkin.model'
import { WorkOrder } from '../../server/src/modules/work-orders/work-order.model'
import { useTestDb } from '../helpers/db'

useTestDb()

const onMongoDb = Boolean(process.env.TEST_MONGODB_URI)
const id = () => new Types.ObjectId()
const t = new Date()

type Q = [string, mongoose.Model<any>, Record<string, unknown>, Record<string, 1 | -1>?]

/** The queries the services and jobs make (filter and sort), by model. */
const QUERIES: Q[] = [
  ['my bookings', Booking, { userId: id() }, { startAt: -1, _id: -1 }],
  ['my no-shows', Booking, { userId: id(), status: 'no_show' }],
  ["a point's day", Booking, { hallDay: hallDayKey(id(), '2026-05-01') }, { startAt: 1, createdAt: 1 }],
  ["a slot's bookings", Booking, { slotId: 'x', status: 'booked' }],
  ['booking by code', Booking, { code: 'ABCD2345' }],
  ['reminders due', Booking, { status: 'booked', startAt: { $gt: t, $lte: t } }],
  ['no-shows due', Booking, { status: 'booked', endAt: { $lte: t } }],
  ['claims to release', Booking, { holdsClaims: true, status: { $in: ['served', 'no_show', 'cancelled'] } }],
  ['served to rate', Booking, { status: 'served', servedAt: { $gte: t, $lt: t } }],
  ['overview bookings of a day', Booking, { date: '2026-01-01', regionCode: { $regex: '^1409' } }],
  ["a booking's claims", BookingClaim, { bookingId: id() }],
  ["a slot's seat claims", BookingClaim, { slotId: 'x' }],
  ["a point's occupancy hints", SlotOccupancy, { hallId: id() }],
  ['old occupancy hints', SlotOccupancy, { date: { $lt: '2026-01-01' } }],
  ["a slot's waiting line", WaitlistEntry, { slotId: 'x', status: 'waiting' }, { joinedAt: 1, _id: 1 }],
  ['my waitlist', WaitlistEntry, { userId: id() }, { joinedAt: -1, _id: -1 }],
  ["a point's waiting day", WaitlistEntry, { hallId: id(), date: '2026-05-01', status: 'waiting' }],
  ['waiting entries', WaitlistEntry, { status: 'waiting' }],
  ['my ratings', Rating, { userId: id() }, { ratedAt: -1, _id: -1 }],
  ["an item's ratings", Rating, { serviceId: id(), isDefault: false }, { ratedAt: -1, _id: -1 }],
  ["a point's ratings", Rating, { hallId: id() }, { ratedAt: -1, _id: -1 }],
  ["a region's ratings, day by day", Rating, { ratedDate: '2026-01-01', regionScopes: '140900', level: 1 }, { ratedAt: -1, _id: -1 }],
  ['rating by key', Rating, { key: 'booking:x' }],
  ['overview ratings of a day', Rating, { ratedDate: '2026-01-01', regionScopes: '140900' }],
  ['ratings of a period', Rating, { ratedDate: { $gte: '2026-01-01', $lte: '2026-03-01' } }],
  ['bad ratings of a period', Rating, { ratedAt: { $gte: t, $lt: t }, level: { $lte: 2 } }],
  ["a point's work orders", WorkOrder, { hallId: id(), status: 'rectifying' }, { dueRank: 1, dueAt: 1, ratedAt: -1, _id: 1 }],
  ["a region's work orders", WorkOrder, { regionScopes: '140900', dueAt: { $lt: t } }],
  ["a rating's work order", WorkOrder, { ratingId: id() }],
  ["a rater's work orders", WorkOrder, { userId: id() }],
  ['a month of work orders, day by day', WorkOrder, { ratedDate: '2026-01-01' }],
  ['my notices', Notification, { userId: id() }, { createdAt: -1, _id: -1 }],
  ["an account's notices", Notification, { accountId: id() }, { createdAt: -1, _id: -1 }],
  ['notices to send', Notification, { status: 'pending' }, { createdAt: 1, _id: 1 }],
  ['queue numbers held', DeskClaim, { scope: 'x' }],
  ['old desk claims', DeskClaim, { at: { $lt: t } }],
  ["a point's walk-ins", Walkin, { hallId: id(), date: '2026-05-01' }],
  ["a region's audit log, day by day", AuditLog, { date: '2026-01-01', regionScopes: '140900' }, { at: -1, _id: -1 }],
  ["a booking's audit log", AuditLog, { bookingId: 'x' }],
  ['a login family', RefreshToken, { familyId: 'x' }],
  ["an account's tokens", RefreshToken, { subject: 'x', kind: 'account' }],
  ['a user by openid', User, { openid: 'x' }],
  ['an account by username', Account, { username: 'x' }],
  ['administrators (dashboard warm-up)', Account, { role: 'admin', disabled: { $ne: true } }],
  ['active items (search index)', Service, { status: 'active' }],
  ['a point by name', Hall, { name: 'x' }],
  ["a point's rules", SessionRule, { hallId: id(), status: 'active' }],
  ["a point's cancelled days", SessionCancellation, { hallId: id() }],
]

/** Every `winningPlan` in an explain output (find, or the cursor stage of an aggregation). */
function winningPlans(x: unknown, out: unknown[] = []): unknown[] {
  if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      if (k === 'winningPlan') out.push(v)
      else winningPlans(v, out)
    }
  }
  return out
}

if (onMongoDb) {
  describe('every characteristic query is served by an index (MongoDB explain)', () => {
    beforeAll(async () => {
      const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 })
      if (info.ferretdbVersion) throw new Error('TEST_MONGODB_URI points at FerretDB: explain() needs MongoDB')
      // a few documents, so that the planner has collections to plan over
      await Booking.collection.insertOne({ userId: id(), status: 'booked', regionScopes: regionScopesOf('140902') })
    })

    it.each(QUERIES)('%s', async (_name, model, filter, sort) => {
      const explained = await model.find(filter).sort(sort ?? {}).explain('queryPlanner')
      const plans = winningPlans(explained)
      expect(plans.length).toBeGreaterThan(0)
      expect(JSON.stringify(plans)).not.toContain('COLLSCAN')
    })
  })
} else {
  describe('index use on MongoDB (explain)', () => {
    it('is checked only on MongoDB: the embedded FerretDB has no query planner to explain (set TEST_MONGODB_URI to run it)', async () => {
      const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 })
      expect(info.ferretdbVersion).toEqual(expect.any(String))
      expect(QUERIES.length).toBeGreaterThan(40)
      console.info(`explain() checks of ${QUERIES.length} queries skipped: the database is FerretDB (ferretdbVersion ${info.ferretdbVersion}), not MongoDB`)
    })
  })
}
