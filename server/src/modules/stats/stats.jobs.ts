import { atMostEvery, type Job } from '../../lib/jobs'
import { Account } from '../auth'
import { ratingStats, statsOverview } from './stats.service'

const warmDue = atMostEvery(60 * 60_000)

/**
 * Computes the closed days of every administrator's default dashboard, and the day cubes of the default 好差评 figures,
 * that no process has stored yet (the first start at city volumes, a new administrator's region), so that no dashboard
 * waits for them. A job, at most hourly per process: days already held cost nothing, and the accounts (a few thousand
 * at five-level coverage) are read once.
 */
export async function warmOverviews(): Promise<number> {
  if (!warmDue()) return 0
  const admins = await Account.find({ role: 'admin', disabled: { $ne: true } }, 'regionCode').lean<{ regionCode?: string }[]>()
  const regions = new Set(admins.flatMap((a) => (a.regionCode ? [a.regionCode] : [])))
  for (const regionCode of regions) await statsOverview({ sub: 'stats-warm-up', role: 'admin', hallIds: [], regionCode }, {})
  await ratingStats(undefined, { groupBy: 'hall' })
  return regions.size
}

export const statsWarmUpJob: Job = { name: 'stats-warm-up', run: warmOverviews }
