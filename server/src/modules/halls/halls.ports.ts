import type { DayType } from '@xz/shared'
import { Port } from '../../lib/ports'
import type { SessionToday } from './halls.rules'
import type { ObjectId } from '../../lib/db'


/** A point as the sessions feature reads it to tell which of its items a rule offers. */
export interface PointRef {
  _id: ObjectId
  serviceIds?: ObjectId[]
}
/** An item as the sessions feature reads it (status, bookable, the points it lists). */
export interface ItemRef {
  _id: ObjectId
  hallIds?: ObjectId[] | null
  bookable?: boolean | null
  status?: string | null
}

/**
 * What the point views (open now, today's sessions, bookable items) need from the sessions feature, which
 * builds on the points and so cannot be imported from here. Plugged in by modules/wiring.ts.
 */
export interface HallSessions {
  /** Each point's off-hours sessions on a date, by point id (a cancelled day has none). */
  sessionsOn(date: string, dayType: DayType): Promise<Map<string, SessionToday[]>>
  /** Of these points, those with an active session rule that has not ended before today. */
  offHoursHalls(hallIds: string[]): Promise<Set<string>>
  /** Of a point's items, the ids some active session rule of the point, not ended, offers. */
  bookableServiceIds(hall: PointRef, services: ItemRef[]): Promise<string[]>
}

export const hallSessionsPort = new Port<HallSessions>('halls → sessions')
