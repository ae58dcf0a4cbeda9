import { Port } from '../../lib/ports'
import type { RatingDoc } from './rating.model'

/** The 好差评 exchange with the province (SPEC §2.13), which reads the ratings and so builds on this feature. */
export interface RatingExchange {
  /** A rating was recorded (given, or defaulted by the system): queue its record. */
  rated(rating: RatingDoc): Promise<void>
  /** A rating got its 追评: queue the record of the addition. */
  appended(ratingId: string): Promise<void>
}

/** Plugged in by modules/wiring.ts. */
export const ratingExchangePort = new Port<RatingExchange>('ratings → exchange')
