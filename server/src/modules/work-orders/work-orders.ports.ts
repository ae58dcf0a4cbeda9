import { Port } from '../../lib/ports'
import type { WorkOrderDoc } from './work-order.model'

/** An outcome of a 差评's rectification (the point's reply, the rater's follow-up) for the 好差评 exchange (SPEC §2.13). */
export type OutcomeExchange = (
  order: Pick<WorkOrderDoc, '_id' | 'ratingId'>,
  kind: 'reply' | 'revisit',
  outcome: { reply?: string; satisfaction?: string },
) => Promise<void>

/** Plugged in by modules/wiring.ts (the exchange reads work orders and so builds on this feature). */
export const outcomeExchangePort = new Port<OutcomeExchange>('work-orders → exchange')
