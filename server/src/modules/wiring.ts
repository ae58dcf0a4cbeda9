/**
 * The one place where a feature is given what it needs from a feature above it (features import each other one
 * way only; each port is declared by the feature that calls it, see lib/ports.ts). Imported by the module list
 * (modules/index.ts, hence the app), the job list (modules/jobs.ts) and the seeder; idempotent.
 */
import { itemPointsPort, ratingSummaryPort } from './catalogue'
import { profileChangedPort } from './enterprises'
import { enqueueAppend, enqueueOutcome, enqueueRating } from './exchange'
import { hallSessionsPort, itemPoints } from './halls'
import { deliverAllTo } from './policies'
import { ratingExchangePort, serviceRatingSummary } from './ratings'
import { hallSessions } from './sessions'
import { outcomeExchangePort } from './work-orders'

// GET /services/:id: the item's rating summary, and the points where it is handled (the link is the halls feature's)
ratingSummaryPort.plug(serviceRatingSummary)
itemPointsPort.plug(itemPoints)
// GET /halls, /halls/:id: open now with off-hours sessions, today's sessions, bookable items
hallSessionsPort.plug(hallSessions)
// 好差评 exchange (SPEC §2.13): ratings, 追评 and rectification outcomes are queued for the province
ratingExchangePort.plug({ rated: enqueueRating, appended: enqueueAppend })
outcomeExchangePort.plug(enqueueOutcome)
// 送政策上门: a changed enterprise profile gets what it now matches
profileChangedPort.plug(deliverAllTo)
