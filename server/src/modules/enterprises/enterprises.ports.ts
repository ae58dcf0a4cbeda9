import { Port } from '../../lib/ports'
import type { EnterpriseDoc } from './enterprise.model'

/**
 * After a profile change, every published policy the enterprise now matches is delivered (免申即享 grant, notice): the
 * policies feature's, which builds on the profiles. Plugged in by modules/wiring.ts.
 */
export const profileChangedPort = new Port<(e: EnterpriseDoc) => Promise<void>>('enterprises → policies (profile changed)')
