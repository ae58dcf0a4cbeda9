import { bumpVersion, VersionedCache } from '../../lib/versioned-cache'
import { Enterprise, type EnterpriseDoc } from '../enterprises/enterprise.model'
import { Policy, type PolicyDoc } from './policy.model'

/**
 * In-process copies of the two bounded collections matching runs over: policies (hundreds) and enterprise profiles
 * (thousands). Matching one enterprise over all policies, or one policy over all enterprises, must not scan the
 * database per request: each read compares the data set's version document (lib/versioned-cache.ts, by `_id`) and
 * reloads only when a write in any process has changed it. These two read the version on every call (check interval
 * 0): a publication or a profile change must be seen by the very next request, whichever process serves it.
 */
class ItemsCache<T> {
  private readonly cache: VersionedCache<T[]>

  constructor(
    private readonly id: string,
    load: () => Promise<T[]>,
  ) {
    this.cache = new VersionedCache(id, load, 0)
  }

  items(): Promise<T[]> {
    return this.cache.get()
  }

  /** Call after every write: every process reloads at its next read. */
  touch(): Promise<void> {
    return bumpVersion(this.id)
  }
}

export type CachedEnterprise = EnterpriseDoc
export type CachedPolicy = PolicyDoc

export const enterpriseCache = new ItemsCache<CachedEnterprise>('enterprises', () => Enterprise.find().lean<CachedEnterprise[]>())
export const policyCache = new ItemsCache<CachedPolicy>('policies', () => Policy.find({}, '-fullText').lean<CachedPolicy[]>())
