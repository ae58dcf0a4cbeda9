// the composition root: each feature's jobs file (feature code imports other features through their index.ts only)
import './wiring'
import type { Job } from '../lib/jobs'
import { rateLimitCleanupJob } from '../lib/rate-limit'
import { claimRepairJob, reminderJob, waitlistJob } from './bookings/bookings.jobs'
import { exchangePushJob, exchangeRepairJob } from './exchange/exchange.jobs'
import { notificationDeliveryJob } from './notifications/notifications.jobs'
import { defaultRatingsJob, workOrderRepairJob } from './ratings/ratings.jobs'
import { sessionCancellationJob } from './session-changes/session-changes.jobs'
import { offHoursRefreshJob } from './sessions/sessions.jobs'
import { noShowJob } from './staff/no-show.jobs'
import { statsWarmUpJob } from './stats/stats.jobs'
import { deskClaimCleanupJob } from './staff/staff.jobs'
import { ticketReminderJob } from './tickets/tickets.jobs'

/** Every background job, run in this order on each tick (seats freed by repairs and cancellations go to the waitlist before no-shows are marked). */
export const backgroundJobs: Job[] = [
  defaultRatingsJob,
  workOrderRepairJob,
  claimRepairJob,
  sessionCancellationJob,
  waitlistJob,
  noShowJob,
  reminderJob,
  notificationDeliveryJob,
  deskClaimCleanupJob,
  rateLimitCleanupJob,
  exchangeRepairJob,
  exchangePushJob,
  offHoursRefreshJob,
  ticketReminderJob,
  statsWarmUpJob,
]
