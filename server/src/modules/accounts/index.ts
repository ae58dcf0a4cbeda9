export { generatePassword } from './accounts.rules'
