import type { Job } from '../../lib/jobs'
import { sweepSessionCancellations } from './session-changes.service'

/** Finishes recent session cancellations (kept under its old name: it used to be the bookings module's job). */
export const sessionCancellationJob: Job = { name: 'bookings.session-cancellations', run: sweepSessionCancellations }
