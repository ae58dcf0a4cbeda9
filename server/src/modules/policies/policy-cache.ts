import { ItemsCache } from '../../lib/versioned-cache'
import { Policy, type PolicyDoc } from './policy.model'

/**
 * In-process copy of the policies (hundreds) that matching runs over, next to the enterprise profiles' (enterprises
 * feature): matching one enterprise over all policies, or one policy over all enterprises, must not scan the database
 * per request (lib/versioned-cache.ts).
 */
export type CachedPolicy = PolicyDoc

export const policyCache = new ItemsCache<CachedPolicy>('policies', () => Policy.find({}, '-fullText').lean<CachedPolicy[]>())
