import {
  BookingDetailSchema,
  BookingEligibilityQuerySchema,
  BookingEligibilitySchema,
  BookingListQuerySchema,
  BookingSchema,
  CancelBookingSchema,
  CreateBookingSchema,
  IDEMPOTENCY_HEADER,
  IdParamsSchema,
  IdempotencyKeySchema,
  RescheduleBookingSchema,
  WaitlistEntrySchema,
  WaitlistQuerySchema,
  pageOf,
} from '@xz/shared'
import { bookingPerUser } from '../../lib/rate-policies'
import { ApiRouter } from '../../lib/routes'
import { cancelMyBooking, rescheduleMyBooking } from './booking-changes'
import * as bookings from './bookings.service'
import { leaveWaitlist, listMyWaitlist } from './waitlist.service'

export const bookingRoutes = new ApiRouter('/bookings', 'bookings')
  .post(
    '/',
    {
      summary: 'Book an off-hours slot (201; a replay of the same Idempotency-Key and body answers 200 with the same booking)',
      auth: ['citizen'],
      body: CreateBookingSchema,
      response: BookingDetailSchema,
      status: 201,
      headers: { [IDEMPOTENCY_HEADER]: 'Makes the request safe to retry: same key + same body → the same booking' },
      rateLimit: [bookingPerUser],
    },
    async ({ auth, body, req, res }) => {
      const header = req.get(IDEMPOTENCY_HEADER)
      const key = header === undefined ? undefined : IdempotencyKeySchema.parse(header)
      const result = await bookings.createBooking(auth, body, key)
      if (!result.created) {
        res.status(200).json(result.booking)
        return undefined
      }
      return result.booking
    },
  )
  .get('/', { summary: 'My bookings (mobile numbers masked)', auth: ['citizen'], query: BookingListQuerySchema, response: pageOf(BookingSchema) }, ({ auth, query }) =>
    bookings.listMyBookings(auth, query),
  )
  .get(
    '/eligibility',
    { summary: 'Whether I may book now (active-booking limit, suspension) and the days I already booked an item', auth: ['citizen'], query: BookingEligibilityQuerySchema, response: BookingEligibilitySchema },
    ({ auth, query }) => bookings.bookingEligibility(auth, query),
  )
  .get('/waitlist', { summary: 'My waitlist entries', auth: ['citizen'], query: WaitlistQuerySchema, response: pageOf(WaitlistEntrySchema) }, ({ auth, query }) =>
    listMyWaitlist(auth, query),
  )
  .delete('/waitlist/:id', { summary: 'Leave a waitlist', auth: ['citizen'], params: IdParamsSchema, response: WaitlistEntrySchema }, ({ auth, params }) =>
    leaveWaitlist(auth, params.id),
  )
  .get('/:id', { summary: 'One of my bookings, with its QR code', auth: ['citizen'], params: IdParamsSchema, response: BookingDetailSchema }, ({ auth, params }) =>
    bookings.getBooking(auth, params.id),
  )
  .post(
    '/:id/cancel',
    { summary: 'Cancel my booking (until 1 h before start)', auth: ['citizen'], params: IdParamsSchema, body: CancelBookingSchema, response: BookingDetailSchema, rateLimit: [bookingPerUser] },
    ({ auth, params, body }) => cancelMyBooking(auth, params.id, body.reason),
  )
  .post(
    '/:id/reschedule',
    {
      summary: 'Move my booking to another slot (the new seat is held before the old one is released)',
      auth: ['citizen'],
      params: IdParamsSchema,
      body: RescheduleBookingSchema,
      response: BookingDetailSchema,
      rateLimit: [bookingPerUser],
    },
    ({ auth, params, body }) => rescheduleMyBooking(auth, params.id, body.slotId),
  )
