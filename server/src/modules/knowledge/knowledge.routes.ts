import { knowledgeContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import * as knowledge from './knowledge.service'

/** The knowledge base: public search and reading; management by administrators and owning departments. */
export const knowledgeRoutes = implement(knowledgeContract, {
  search: ({ query }) => knowledge.searchKnowledge(query),
  reviewDue: ({ auth, query }) => knowledge.reviewDueList(auth, query),
  reviewReport: ({ auth, query }) => knowledge.reviewReport(auth, query.month),
  get: ({ params }) => knowledge.getKnowledge(params.id),
  markResolved: ({ auth, params, body }) => knowledge.markResolved(auth, params.id, body.regionCode),
  create: ({ auth, body }) => knowledge.createKnowledge(auth, body),
  update: ({ auth, params, body }) => knowledge.updateKnowledge(auth, params.id, body),
  review: ({ auth, params, body }) => knowledge.reviewKnowledge(auth, params.id, body.action),
  fromTicket: ({ auth, params, body }) => knowledge.ticketToKnowledge(auth, params.id, body),
})
