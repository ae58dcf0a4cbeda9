export { enqueueAppend, enqueueOutcome, enqueueRating } from './exchange.service'
export { anonymiseExchangeOf } from './personal-data'
