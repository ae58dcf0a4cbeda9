export { SessionCancellation, SessionRule, type SessionRuleDoc } from './session.model'
export { bookingWindow, cancellationKey, defaultCapacity, deriveSlots, horizonDates, type RuleLike, type SessionLabel, slotIdOf, slotStarts } from './sessions.rules'
export { createRuleAt, hallInRegion, type LoadedSlot, loadHall, loadSlot, loadSlotWith, recomputeServiceOffHours, recordCancellation, ruleOffers, type ServiceLike, sessionSlots, updateRule } from './sessions.service'
export { hallSessions } from './hall-sessions'
