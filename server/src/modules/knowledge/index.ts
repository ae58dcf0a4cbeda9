export { seedKnowledge } from './knowledge.seed'
export { KnowledgeResolution } from './knowledge.model'
