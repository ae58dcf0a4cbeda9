import type { Job } from '../../lib/jobs'
import { pushDue } from './exchange.service'

/** Pushes due 好差评 records to the provincial platform (every process runs it; leases keep it once per record). */
export const exchangePushJob: Job = { name: 'exchange-push', run: pushDue }
