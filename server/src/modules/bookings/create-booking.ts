import crypto from 'node:crypto'
import mongoose from 'mongoose'
import type { CreateBooking, CreatedBooking } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now, sleep } from '../../lib/clock'
import { AppError, isDuplicateKey } from '../../lib/errors'
import { requireAgreement } from '../auth'
import { Booking } from './booking.model'
import { IdempotencyRecord } from './claim.model'
import type { ObjectId } from '../../lib/db'
import { type BookingLean, STALE_OPERATION_MS } from './booking.types'
import { createdOf } from './booking.dto'
import { standingOf } from './standing'
import { placeBooking, type PlaceBookingInput } from './placement'

// `POST /bookings`: placing the citizen's booking once per Idempotency-Key and body.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export interface CreateResult {
  /** False for an Idempotency-Key replay (answered 200 instead of 201). */
  created: boolean
  booking: CreatedBooking
}

type CreateBody = Omit<CreateBooking, 'applicant'> & { applicant: { name: string; phone: string } }

function placeInput(auth: AuthContext, body: CreateBody, bookingId: ObjectId): PlaceBookingInput {
  return {
    bookingId,
    userId: auth.sub,
    slotId: body.slotId,
    serviceId: body.serviceId,
    applicant: { name: body.applicant.name, mobile: body.applicant.phone },
    enterprise: body.enterprise,
    note: body.note,
    actor: { by: auth.sub, byRole: auth.role },
  }
}

/**
 * `POST /bookings`. With an Idempotency-Key the first request records (key, body hash, booking id)
 * before booking; a replay with the same body gets that booking, another body a 422. A failed first
 * request removes its record, so a retry books again.
 */
export async function createBooking(auth: AuthContext, body: CreateBody, key?: string): Promise<CreateResult> {
  await requireAgreement(auth)
  if (!key) {
    const placed = await placeBooking(placeInput(auth, body, new mongoose.Types.ObjectId()))
    return { created: true, booking: await createdOf(placed.booking, placed.standing, placed.names) }
  }
  const recordId = `${auth.sub}:${key}`
  const bodyHash = crypto.createHash('sha256').update(canonical(body)).digest('hex')
  for (let round = 0; round < 5; round++) {
    const bookingId = new mongoose.Types.ObjectId()
    try {
      await IdempotencyRecord.create({ _id: recordId, bodyHash, bookingId, at: now() })
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      const replay = await awaitRecordedBooking(recordId, bodyHash)
      if (replay) return { created: false, booking: await createdOf(replay, await standingOf(auth.sub)) }
      continue // the first request failed meanwhile: book again
    }
    try {
      const placed = await placeBooking(placeInput(auth, body, bookingId))
      return { created: true, booking: await createdOf(placed.booking, placed.standing, placed.names) }
    } catch (err) {
      await IdempotencyRecord.deleteOne({ _id: recordId, bookingId }).catch(() => undefined)
      throw err
    }
  }
  throw new AppError('CONFLICT', '请求正在处理中，请稍后再试')
}

/** The booking a recorded key made (waiting while the first request is still running); undefined to retry. */
async function awaitRecordedBooking(recordId: string, bodyHash: string): Promise<BookingLean | undefined> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const record = await IdempotencyRecord.findById(recordId).lean()
    if (!record) return undefined
    if (record.bodyHash !== bodyHash) {
      throw new AppError('IDEMPOTENCY_MISMATCH', '同一个 Idempotency-Key 不能用于不同的预约请求')
    }
    const booking = await Booking.findById(record.bookingId).lean<BookingLean>()
    if (booking) return booking
    if (now().getTime() - record.at.getTime() > STALE_OPERATION_MS) {
      // the first request died: forget it and book again
      await IdempotencyRecord.deleteOne({ _id: recordId, bookingId: record.bookingId })
      return undefined
    }
    if (Date.now() > deadline) throw new AppError('CONFLICT', '请求正在处理中，请稍后再试')
    await sleep(50)
  }
}

