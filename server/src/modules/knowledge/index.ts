export { seedKnowledge } from './knowledge.seed'
