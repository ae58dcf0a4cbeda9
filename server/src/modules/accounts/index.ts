export { generatePassword } from './accounts.rules'
export { createRegionAccount } from './accounts.service'
