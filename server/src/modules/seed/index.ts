export { seedIfEmpty } from './seed'
