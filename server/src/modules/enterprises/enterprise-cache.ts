import { ItemsCache } from '../../lib/versioned-cache'
import { Enterprise, type EnterpriseDoc } from './enterprise.model'

/** In-process copy of the enterprise profiles (thousands) that policy matching runs over (lib/versioned-cache.ts). */
export type CachedEnterprise = EnterpriseDoc

export const enterpriseCache = new ItemsCache<CachedEnterprise>('enterprises', () => Enterprise.find().lean<CachedEnterprise[]>())
