import type { Job } from '../../lib/jobs'
import { pushDue, repairExchange } from './exchange.service'

/** Pushes due 好差评 records to the provincial platform (every process runs it; leases keep it once per record). */
export const exchangePushJob: Job = { name: 'exchange-push', run: pushDue }

/** The repair looks at an hour of ratings: once a minute per process is plenty, whatever the job interval. */
const REPAIR_EVERY_MS = 60_000
let lastRepair = 0

/** Enqueues the records of ratings and 追评 whose request died before enqueueing them. */
export const exchangeRepairJob: Job = {
  name: 'exchange-repair',
  run: async () => {
    if (Date.now() - lastRepair < REPAIR_EVERY_MS) return 0
    lastRepair = Date.now()
    return repairExchange()
  },
}
