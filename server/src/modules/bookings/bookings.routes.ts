import { bookingContract } from '@xz/shared'
import { bookingPerUser } from '../../lib/rate-policies'
import { implement, reply } from '../../lib/routes'
import { listSlots } from './availability'
import { cancelMyBooking, rescheduleMyBooking } from './booking-changes'
import { createBooking } from './create-booking'
import { bookingEligibility, getBooking, listMyBookings } from './my-bookings'
import { joinWaitlist, leaveWaitlist, listMyWaitlist } from './waitlist.service'

export const bookingRoutes = implement(bookingContract, {
  slots: ({ query }) => listSlots(query),
  joinWaitlist: ({ auth, params, body }) => joinWaitlist(auth, params.id, body),
  create: {
    rateLimit: [bookingPerUser],
    handler: async ({ auth, body, headers }) => {
      const result = await createBooking(auth, body, headers['idempotency-key'])
      // a replay of the same Idempotency-Key and body answers 200 with the booking made the first time
      return reply(result.created ? 201 : 200, result.booking)
    },
  },
  list: ({ auth, query }) => listMyBookings(auth, query),
  eligibility: ({ auth, query }) => bookingEligibility(auth, query),
  waitlist: ({ auth, query }) => listMyWaitlist(auth, query),
  leaveWaitlist: ({ auth, params }) => leaveWaitlist(auth, params.id),
  get: ({ auth, params }) => getBooking(auth, params.id),
  cancel: { rateLimit: [bookingPerUser], handler: ({ auth, params, body }) => cancelMyBooking(auth, params.id, body.reason) },
  reschedule: { rateLimit: [bookingPerUser], handler: ({ auth, params, body }) => rescheduleMyBooking(auth, params.id, body.slotId) },
})
