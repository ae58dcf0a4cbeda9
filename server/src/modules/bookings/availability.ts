import type { Slot, SlotQuery } from '@xz/shared'
import { sessionSlots } from '../sessions'
import { freeSeatNumbers } from './bookings.rules'
import { seatsTakenBySlot } from './claims'

/** `GET /slots`: the point's session slots with the seats still free (from the seat claims' occupancy). */
export async function listSlots(q: SlotQuery): Promise<Slot[]> {
  // the occupancy is read alongside the slots (by the queried point), as one round trip
  const [slots, held] = await Promise.all([sessionSlots(q), seatsTakenBySlot(q.hallId)])
  return slots.map((s) => ({ ...s, remaining: freeSeatNumbers(s.capacity, held.get(s.id) ?? []).length }))
}
