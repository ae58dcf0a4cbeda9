/**
 * The lists people use all day (SPEC §6, issue 14) are answered from SQL on the embedded database only because
 * their equality field is the first key of an index whose name ends in `_pushdown` (see notes/embedded-db.md and
 * tests/db/pushdown.test.ts for the mechanism). Renaming such an index, or turning the field into an array, would
 * silently bring back a scan of the whole collection: this test names each list's field and fails then.
 */
import type mongoose from 'mongoose'
import { Notification } from '../../server/src/modules/notifications/notification.model'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { WaitlistEntry } from '../../server/src/modules/bookings/waitlist.model'
import { BookingClaim } from '../../server/src/modules/bookings/claim.model'
import { Rating } from '../../server/src/modules/ratings/rating.model'
import { WorkOrder } from '../../server/src/modules/work-orders/work-order.model'
import { Ticket } from '../../server/src/modules/tickets/ticket.model'
import { Walkin } from '../../server/src/modules/staff/walkin.model'
import { PolicyApplication } from '../../server/src/modules/policies/policy.model'
import { Account, User } from '../../server/src/modules/auth/auth.model'
import { AuditLog } from '../../server/src/modules/audit/audit.model'

type Model = mongoose.Model<any>

/** [list, model, the field its filter holds by equality] */
const LISTS: [string, Model, string][] = [
  ['my bookings', Booking, 'userId'],
  ["a staff day list of a point (hallDay = point + date)", Booking, 'hallDay'],
  ["a slot's bookings", Booking, 'slotId'],
  ['a booking by its code (check-in)', Booking, 'code'],
  ["a slot's seat claims", BookingClaim, 'slotId'],
  ["a slot's waitlist", WaitlistEntry, 'slotId'],
  ['my waitlist', WaitlistEntry, 'userId'],
  ['my ratings', Rating, 'userId'],
  ["a point's ratings", Rating, 'hallId'],
  ["a point's work orders", WorkOrder, 'hallId'],
  ["a month of work orders, day by day (the in-memory list rows)", WorkOrder, 'ratedDate'],
  ["a rating's work order", WorkOrder, 'ratingId'],
  ['the administrators (dashboard warm-up)', Account, 'role'],
  ['my work orders', WorkOrder, 'userId'],
  ["a department's 诉求", Ticket, 'activeDepartment'],
  ['my 诉求', Ticket, 'userId'],
  ['the dispatch queue', Ticket, 'dispatchQueue'],
  ['my notifications', Notification, 'userId'],
  ["a staff account's notifications", Notification, 'accountId'],
  ["a point's walk-ins of a day", Walkin, 'hallId'],
  ["a department's policy applications", PolicyApplication, 'departmentId'],
  ['a citizen signing in with WeChat (openid)', User, 'openid'],
  ["the sender's pending notices", Notification, 'status'],
  ["a region's ratings, day by day (an administrator without a point)", Rating, 'ratedDate'],
  ["a region's audit log, day by day", AuditLog, 'date'],
  ["a booking's audit log", AuditLog, 'bookingId'],
  ['12345 metrics and the monthly report, month by month', Ticket, 'month'],
]

describe('every list of a growing collection is searched in SQL on the embedded database', () => {
  it.each(LISTS)('%s: a *_pushdown index starts with its equality field, which holds a scalar', (_list, model, field) => {
    const pushdown = model.schema
      .indexes()
      .filter(([, options]) => typeof options?.name === 'string' && options.name.endsWith('_pushdown'))
      .map(([keys]) => Object.keys(keys)[0])
    expect(pushdown).toContain(field)
    // an array field matches by element on MongoDB: the pushed-down SQL equality would drop such matches
    const path = model.schema.path(field)
    expect(path).toBeDefined()
    expect(path.instance).not.toBe('Array')
  })
})
