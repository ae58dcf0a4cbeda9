import { randomUUID } from 'node:crypto'
import { Enterprise, PolicyCacheVersion, type EnterpriseDoc } from '../enterprises/enterprise.model'
import { Policy, type PolicyDoc } from './policy.model'

/**
 * In-process copies of the two bounded collections matching runs over: policies (hundreds) and enterprise profiles
 * (thousands). Matching one enterprise over all policies, or one policy over all enterprises, must not scan the
 * database per request: each read compares one version document (by `_id`) and reloads only when a write in any
 * process has changed it. The version is read BEFORE loading, so a write during a load triggers another load.
 */
class VersionedCache<T> {
  private loaded?: { version: string | null; items: T[] }
  private loading?: { version: string | null; items: Promise<T[]> }

  constructor(
    private readonly id: string,
    private readonly load: () => Promise<T[]>,
  ) {}

  async items(): Promise<T[]> {
    const doc = await PolicyCacheVersion.findById(this.id, 'version').lean<{ version?: string }>()
    const version = doc?.version ?? null
    if (this.loaded?.version === version) return this.loaded.items
    if (this.loading?.version === version) return this.loading.items
    const items = this.load()
      .then((rows) => {
        this.loaded = { version, items: rows }
        return rows
      })
      .finally(() => {
        if (this.loading?.items === items) this.loading = undefined
      })
    this.loading = { version, items }
    return items
  }

  /** Call after every write: every process reloads at its next read. */
  async touch(): Promise<void> {
    await PolicyCacheVersion.updateOne({ _id: this.id }, { $set: { version: randomUUID() } }, { upsert: true })
  }
}

export type CachedEnterprise = EnterpriseDoc
export type CachedPolicy = PolicyDoc

export const enterpriseCache = new VersionedCache<CachedEnterprise>('enterprises', () => Enterprise.find().lean<CachedEnterprise[]>())
export const policyCache = new VersionedCache<CachedPolicy>('policies', () => Policy.find({}, '-fullText').lean<CachedPolicy[]>())
