import { staffContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import { checkIn, checkInById } from './checkin.service'
import * as desk from './desk.service'
import * as queue from './queue.service'

/** The window staff's desk: staff act on their points, administrators on the points of their region. */
export const staffRoutes = implement(staffContract, {
  day: ({ auth, query }) => desk.listDay(auth, query),
  booking: ({ auth, params }) => desk.bookingDetail(auth, params.id),
  checkIn: ({ auth, body }) => checkIn(auth, body.code),
  checkInBooking: ({ auth, params }) => checkInById(auth, params.id),
  callNext: ({ auth, body }) => queue.callNext(auth, body),
  queue: ({ auth, query }) => queue.queueOf(auth, query.hallId),
  serve: ({ auth, params }) => desk.serve(auth, params.id),
  noShow: ({ auth, params }) => desk.markNoShow(auth, params.id),
  registerWalkin: ({ auth, body }) => queue.registerWalkin(auth, body),
  serveWalkin: ({ auth, params }) => queue.serveWalkin(auth, params.id),
})
