import * as z from 'zod'
import { defineContract } from '../contract'
import { IdParamsSchema, pageOf } from '../schemas/common'
import {
  BookingDetailSchema,
  CreatedBookingSchema,
  BookingEligibilityQuerySchema,
  BookingEligibilitySchema,
  BookingListQuerySchema,
  BookingSchema,
  CancelBookingSchema,
  CreateBookingSchema,
  IDEMPOTENCY_HEADER,
  IdempotencyKeySchema,
  JoinWaitlistSchema,
  RescheduleBookingSchema,
  WaitlistEntrySchema,
  WaitlistQuerySchema,
} from '../schemas/bookings'
import { SlotIdParamsSchema, SlotQuerySchema, SlotSchema } from '../schemas/sessions'

/** `Idempotency-Key` as Node reads it (lower-case). */
export const IDEMPOTENCY_HEADER_NAME = 'idempotency-key'

/** Booking a slot: the slots with their free seats, bookings, the waitlist of a full slot. */
export const bookingContract = /* @__PURE__ */ defineContract('bookings', {
  slots: {
    method: 'get',
    path: '/slots',
    tag: 'slots',
    summary: 'Bookable off-hours slots of a point (today … 14 days ahead) with remaining seats',
    query: SlotQuerySchema,
    responses: { 200: z.array(SlotSchema) },
  },
  joinWaitlist: {
    method: 'post',
    path: '/slots/:id/waitlist',
    tag: 'slots',
    summary: 'Join the waitlist of a full slot (422 SLOT_NOT_FULL while it has seats)',
    auth: ['citizen'],
    params: SlotIdParamsSchema,
    body: JoinWaitlistSchema,
    responses: { 201: WaitlistEntrySchema },
  },
  create: {
    method: 'post',
    path: '/bookings',
    summary: 'Book an off-hours slot (201; a replay of the same Idempotency-Key and body answers 200 with the same booking)',
    auth: ['citizen'],
    body: CreateBookingSchema,
    headers: z.object({
      [IDEMPOTENCY_HEADER_NAME]: IdempotencyKeySchema.optional().describe(`${IDEMPOTENCY_HEADER}: makes the request safe to retry: same key + same body → the same booking`),
    }),
    responses: { 201: CreatedBookingSchema, 200: CreatedBookingSchema },
  },
  list: {
    method: 'get',
    path: '/bookings',
    summary: 'My bookings (mobile numbers masked)',
    auth: ['citizen'],
    query: BookingListQuerySchema,
    responses: { 200: pageOf(BookingSchema) },
  },
  eligibility: {
    method: 'get',
    path: '/bookings/eligibility',
    summary: 'Whether I may book now (active-booking limit, suspension) and the days I already booked an item',
    auth: ['citizen'],
    query: BookingEligibilityQuerySchema,
    responses: { 200: BookingEligibilitySchema },
  },
  waitlist: {
    method: 'get',
    path: '/bookings/waitlist',
    summary: 'My waitlist entries',
    auth: ['citizen'],
    query: WaitlistQuerySchema,
    responses: { 200: pageOf(WaitlistEntrySchema) },
  },
  leaveWaitlist: {
    method: 'delete',
    path: '/bookings/waitlist/:id',
    summary: 'Leave a waitlist',
    auth: ['citizen'],
    params: IdParamsSchema,
    responses: { 200: WaitlistEntrySchema },
  },
  get: {
    method: 'get',
    path: '/bookings/:id',
    summary: 'One of my bookings, with its QR code',
    auth: ['citizen'],
    params: IdParamsSchema,
    responses: { 200: BookingDetailSchema },
  },
  cancel: {
    method: 'post',
    path: '/bookings/:id/cancel',
    summary: 'Cancel my booking (until 1 h before start)',
    auth: ['citizen'],
    params: IdParamsSchema,
    body: CancelBookingSchema,
    responses: { 200: BookingDetailSchema },
  },
  reschedule: {
    method: 'post',
    path: '/bookings/:id/reschedule',
    summary: 'Move my booking to another slot (the new seat is held before the old one is released)',
    auth: ['citizen'],
    params: IdParamsSchema,
    body: RescheduleBookingSchema,
    responses: { 200: BookingDetailSchema },
  },
})
