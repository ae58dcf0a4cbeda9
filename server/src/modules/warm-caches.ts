import { currentCalendar } from './calendar'
import { activeServices } from './catalogue'
import { hallCache, regionNameCache } from './halls'
import { cancelledDayCache, ruleCache } from './sessions'
import { orderIndex } from './work-orders'

/**
 * Loads the read-mostly data every page reads (points, session rules, cancelled days, region names, the calendar,
 * the catalogue search index, the work orders' list rows) into this process before it takes requests. At city scale (SPEC §6: 5,000 points,
 * 5,000 items) the first load takes seconds on the embedded database; without this, the first people to arrive
 * after a start would wait for it (or get 503 REQUEST_TIMEOUT).
 */
export async function warmCaches(): Promise<void> {
  await Promise.all([hallCache.get(), regionNameCache.get(), ruleCache.get(), cancelledDayCache.get(), currentCalendar(), activeServices(), orderIndex.rows()])
}
