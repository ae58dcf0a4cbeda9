export { seedPolicyDemo } from './policies.seed'
export { deliverAllTo } from './policy-notices'
export { anonymiseApplicationsOf, applicationsOf } from './personal-data'
