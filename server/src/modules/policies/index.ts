export { seedPolicyDemo } from './policies.seed'
export { deliverAllTo } from './policy-notices'
