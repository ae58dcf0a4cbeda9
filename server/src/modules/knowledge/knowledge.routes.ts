import {
  KnowledgeResolvedSchema,
  IdParamsSchema,
  KnowledgeEntrySchema,
  KnowledgeInputSchema,
  KnowledgePageSchema,
  KnowledgePatchSchema,
  KnowledgeQuerySchema,
  KnowledgeReviewReportQuerySchema,
  KnowledgeReviewReportSchema,
  KnowledgeReviewSchema,
  OkSchema,
  PageQuerySchema,
  TicketIdParamsSchema,
  TicketToKnowledgeSchema,
} from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import * as knowledge from './knowledge.service'

/** The knowledge base: public search and reading; management by administrators and owning departments. */
export const knowledgeRoutes = new ApiRouter('/knowledge', 'knowledge')
  .get('/', { summary: 'Search the knowledge base (Chinese or pinyin); also the suggestions shown before a 咨询', query: KnowledgeQuerySchema, response: KnowledgePageSchema }, ({ query }) =>
    knowledge.searchKnowledge(query),
  )
  .get('/review-due', { summary: 'My entries due for their monthly review (or expired)', auth: ['admin', 'handler'], query: PageQuerySchema, response: KnowledgePageSchema }, ({ auth, query }) =>
    knowledge.reviewDueList(auth, query),
  )
  .get('/review-report', { summary: 'Monthly review report per department, with 知识库解决率', auth: ['admin'], query: KnowledgeReviewReportQuerySchema, response: KnowledgeReviewReportSchema }, ({ auth, query }) =>
    knowledge.reviewReport(auth, query.month),
  )
  .get('/:id', { summary: 'One knowledge entry', params: IdParamsSchema, response: KnowledgeEntrySchema }, ({ params }) => knowledge.getKnowledge(params.id))
  .post('/:id/resolved', { summary: 'This entry answered my question (no 咨询 submitted): counts for 知识库解决率', auth: ['citizen'], params: IdParamsSchema, body: KnowledgeResolvedSchema, response: OkSchema }, ({ auth, params, body }) =>
    knowledge.markResolved(auth, params.id, body.regionCode),
  )
  .post('/', { summary: 'Create an entry (administrators; handlers for their department)', auth: ['admin', 'handler'], body: KnowledgeInputSchema, response: KnowledgeEntrySchema, status: 201 }, ({ auth, body }) =>
    knowledge.createKnowledge(auth, body),
  )
  .patch('/:id', { summary: 'Edit an entry (counts as its review)', auth: ['admin', 'handler'], params: IdParamsSchema, body: KnowledgePatchSchema, response: KnowledgeEntrySchema }, ({ auth, params, body }) =>
    knowledge.updateKnowledge(auth, params.id, body),
  )
  .post('/:id/review', { summary: 'Monthly review: still valid, or retire', auth: ['admin', 'handler'], params: IdParamsSchema, body: KnowledgeReviewSchema, response: KnowledgeEntrySchema }, ({ auth, params, body }) =>
    knowledge.reviewKnowledge(auth, params.id, body.action),
  )

/** "Turn this reply into a knowledge entry" (the department that answered the 咨询). */
export const ticketKnowledgeRoutes = new ApiRouter('/dept/tickets', 'knowledge').post(
  '/:id/to-knowledge',
  { summary: 'Turn the reply of a 咨询 into a knowledge entry', auth: ['handler'], params: TicketIdParamsSchema, body: TicketToKnowledgeSchema, response: KnowledgeEntrySchema, status: 201 },
  ({ auth, params, body }) => knowledge.ticketToKnowledge(auth, params.id, body),
)
