import {
  CheckinBodySchema,
  CheckinResultSchema,
  IdParamsSchema,
  QueueEntrySchema,
  QueueNextBodySchema,
  QueueQuerySchema,
  QueueSchema,
  StaffBookingDetailSchema,
  StaffBookingItemSchema,
  StaffBookingsQuerySchema,
  StaffDaySchema,
  WalkinBodySchema,
  WalkinSchema,
} from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import { checkIn, checkInById } from './checkin.service'
import * as desk from './desk.service'
import * as queue from './queue.service'

/** The window staff's desk: staff act on their points, administrators on the points of their region. */
export const staffRoutes = new ApiRouter('/staff', 'staff')
  .get(
    '/bookings',
    { summary: "A point's sessions and bookings of a day (mobile numbers masked)", auth: ['staff', 'admin'], query: StaffBookingsQuerySchema, response: StaffDaySchema },
    ({ auth, query }) => desk.listDay(auth, query),
  )
  .get(
    '/bookings/:id',
    { summary: 'One booking in full (the view is written to the audit log)', auth: ['staff', 'admin'], params: IdParamsSchema, response: StaffBookingDetailSchema },
    ({ auth, params }) => desk.bookingDetail(auth, params.id),
  )
  .post(
    '/checkins',
    { summary: 'Check a person in by booking code and issue a queue number', auth: ['staff', 'admin'], body: CheckinBodySchema, response: CheckinResultSchema },
    ({ auth, body }) => checkIn(auth, body.code),
  )
  .post(
    '/bookings/:id/checkin',
    { summary: 'Check in a booking from the desk list (same rules as by code)', auth: ['staff', 'admin'], params: IdParamsSchema, response: CheckinResultSchema },
    ({ auth, params }) => checkInById(auth, params.id),
  )
  .post(
    '/queue/next',
    { summary: 'Call the next waiting number to a window', auth: ['staff', 'admin'], body: QueueNextBodySchema, response: QueueEntrySchema },
    ({ auth, body }) => queue.callNext(auth, body),
  )
  .get(
    '/queue',
    { summary: "Today's queue of a point: waiting and called", auth: ['staff', 'admin'], query: QueueQuerySchema, response: QueueSchema },
    ({ auth, query }) => queue.queueOf(auth, query.hallId),
  )
  .post(
    '/bookings/:id/serve',
    { summary: 'Mark a checked-in booking served (invites the booker to rate)', auth: ['staff', 'admin'], params: IdParamsSchema, response: StaffBookingItemSchema },
    ({ auth, params }) => desk.serve(auth, params.id),
  )
  .post(
    '/bookings/:id/no-show',
    { summary: 'Mark a booking no-show (after its slot has ended)', auth: ['staff', 'admin'], params: IdParamsSchema, response: StaffBookingItemSchema },
    ({ auth, params }) => desk.markNoShow(auth, params.id),
  )
  .post(
    '/walkins',
    { summary: 'Register a walk-in visitor and issue a W-number', auth: ['staff', 'admin'], body: WalkinBodySchema, response: WalkinSchema, status: 201 },
    ({ auth, body }) => queue.registerWalkin(auth, body),
  )
  .post(
    '/walkins/:id/serve',
    { summary: 'Mark a walk-in served', auth: ['staff', 'admin'], params: IdParamsSchema, response: WalkinSchema },
    ({ auth, params }) => queue.serveWalkin(auth, params.id),
  )
