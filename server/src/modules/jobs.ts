import type { Job } from '../lib/jobs'

/** Every background job, run in this order on each tick. */
export const backgroundJobs: Job[] = []
