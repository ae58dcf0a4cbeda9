import { localDate } from '@xz/shared'
import { now } from '../../lib/clock'
import type { Job } from '../../lib/jobs'
import { recomputeServiceOffHours } from './sessions.service'

let offHoursComputedOn: string | undefined
/**
 * The booking horizon moves every day (and the calendar may have changed): recompute the off-hours flags once per
 * local date in each process. Idempotent, so several processes doing it is harmless.
 */
export const offHoursRefreshJob: Job = {
  name: 'service-off-hours-refresh',
  async run(): Promise<void> {
    const today = localDate(now())
    if (offHoursComputedOn === today) return
    await recomputeServiceOffHours()
    offHoursComputedOn = today
  },
}
