import type { Job } from '../../lib/jobs'
import { deliverPending } from './sender'

/** Sends what the outbox holds (WeChat subscribe messages; in-app notices are already there). */
export const notificationDeliveryJob: Job = { name: 'notifications.send', run: deliverPending }
