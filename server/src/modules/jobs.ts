import type { Job } from '../lib/jobs'
import { defaultRatingsJob, workOrderRepairJob } from './ratings/ratings.jobs'

import { bookingJobs } from './bookings/bookings.jobs'
import { deskClaimCleanupJob } from './staff/staff.jobs'
import { rateLimitCleanupJob } from '../lib/rate-limit'
import { exchangePushJob, exchangeRepairJob } from './exchange/exchange.jobs'
import { offHoursRefreshJob } from './sessions/sessions.service'
import { ticketReminderJob } from './tickets/tickets.jobs'
/** Every background job, run in this order on each tick. */
export const backgroundJobs: Job[] = [defaultRatingsJob, workOrderRepairJob, ...bookingJobs, deskClaimCleanupJob, rateLimitCleanupJob, exchangeRepairJob, exchangePushJob, offHoursRefreshJob, ticketReminderJob]
