import type { Role } from '@xz/shared'
import type { BookingDoc } from './booking.model'

// What every step of a booking works with.
export type BookingLean = BookingDoc & { createdAt?: Date }

export interface Actor {
  by: string
  byRole: Role | 'system'
}

export const SYSTEM: Actor = { by: 'system', byRole: 'system' }

/** Grace period after which an unfinished operation (lock, idempotency record) counts as dead. */
export const STALE_OPERATION_MS = 2 * 60_000

