export { enqueueAppend, enqueueOutcome, enqueueRating } from './exchange.service'
