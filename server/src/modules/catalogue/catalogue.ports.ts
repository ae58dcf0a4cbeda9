import type mongoose from 'mongoose'
import type { HallType, RatingSummary } from '@xz/shared'
import { Port } from '../../lib/ports'
import type { Id } from '../../lib/db'


/** A point as the guide page lists it (办理地点). */
export interface ItemPoint {
  _id: mongoose.Types.ObjectId
  name: string
  type: HallType
  regionCode: string
  address: string
  phone?: string | null
}

/**
 * The item ↔ point link belongs to the halls feature (halls/service-links.ts, its one writer, which also keeps
 * `Service.hallIds` as its mirror): what the catalogue's item pages and item administration need of it.
 */
export interface ItemPoints {
  /** The active points among these ids, by name. */
  pointsOf(hallIds: string[]): Promise<ItemPoint[]>
  /** Refuses (400 naming `${path}.${i}`) the first id that names no point. */
  requirePoints(hallIds: Id[], path: string): Promise<void>
  /** The item is handled at exactly these points from now on (both sides of the link are updated). */
  setPointsOfItem(serviceId: Id, hallIds: Id[]): Promise<void>
}

/** Plugged in by modules/wiring.ts. */
export const itemPointsPort = new Port<ItemPoints>('catalogue → halls (item points)')
/** The rating summary shown on an item's guide page (the ratings feature's). */
export const ratingSummaryPort = new Port<(serviceId: string) => Promise<RatingSummary>>('catalogue → ratings (rating summary)')
