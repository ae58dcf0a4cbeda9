import { now } from '../../lib/clock'
import { Booking } from './booking.model'
import { noShowStanding, type NoShowStanding } from './bookings.rules'
import { BookingStanding } from './standing.model'
import type { ObjectId } from '../../lib/db'
import { GroupReads } from '../../lib/group-reads'

// A person's no-show standing (suspension after repeated no-shows), kept in BookingStanding.
/** Read on every booking, grouped (lib/group-reads). */
const standings = new GroupReads<{ noShows?: Date[] }>(() => BookingStanding, { noShows: 1 })

export async function standingOf(userId: ObjectId | string): Promise<NoShowStanding> {
  const record = await standings.read(String(userId))
  return noShowStanding(record?.noShows ?? [], now())
}

/**
 * Recomputes a person's no-show record from their bookings. Called when a no-show is recorded (by the
 * no-show job here, by the repair job for no-shows marked at the desk; other modules may call it too).
 */
export async function refreshStanding(userId: ObjectId | string): Promise<void> {
  const noShows = await Booking.find({ userId, status: 'no_show' }).select('noShowAt startAt').lean()
  await BookingStanding.updateOne(
    { _id: String(userId) },
    { $set: { noShows: noShows.map((b) => b.noShowAt ?? b.startAt), at: now() } },
    { upsert: true },
  )
}

/** True while the slot may have people waiting (then a freed seat is theirs first). */
