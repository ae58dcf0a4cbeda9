export { type CachedEnterprise, enterpriseCache } from './enterprise-cache'
export { Enterprise, type EnterpriseDoc } from './enterprise.model'
export { profileChangedPort } from './enterprises.ports'
export { myEnterprise, requireMine, setSubscription, toProfile } from './enterprises.service'
