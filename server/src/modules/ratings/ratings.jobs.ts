import type { Job } from '../../lib/jobs'
import { recordDefaultRatings, repairWorkOrders } from './ratings.service'

/** After the 7-day window: the default 基本满意 of each served booking left unrated (once per booking). */
export const defaultRatingsJob: Job = { name: 'rating-defaults', run: recordDefaultRatings }

/** Every 差评 has its work order, even when the request that stored it died before opening one. */
export const workOrderRepairJob: Job = { name: 'work-order-repair', run: repairWorkOrders }
