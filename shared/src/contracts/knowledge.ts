import { defineContract } from '../contract'
import { IdParamsSchema, OkSchema, PageQuerySchema } from '../schemas/common'
import {
  KnowledgeEntrySchema,
  KnowledgeInputSchema,
  KnowledgePageSchema,
  KnowledgePatchSchema,
  KnowledgeQuerySchema,
  KnowledgeReviewReportQuerySchema,
  KnowledgeReviewReportSchema,
  KnowledgeResolvedSchema,
  KnowledgeReviewSchema,
  TicketToKnowledgeSchema,
} from '../schemas/knowledge'
import { TicketIdParamsSchema } from '../schemas/tickets'

/** The knowledge base: public search and reading; management by administrators and owning departments. */
export const knowledgeContract = /* @__PURE__ */ defineContract('knowledge', {
  search: {
    method: 'get',
    path: '/knowledge',
    summary: 'Search the knowledge base (Chinese or pinyin); also the suggestions shown before a 咨询',
    query: KnowledgeQuerySchema,
    responses: { 200: KnowledgePageSchema },
  },
  reviewDue: {
    method: 'get',
    path: '/knowledge/review-due',
    summary: 'My entries due for their monthly review (or expired)',
    auth: ['admin', 'handler'],
    query: PageQuerySchema,
    responses: { 200: KnowledgePageSchema },
  },
  reviewReport: {
    method: 'get',
    path: '/knowledge/review-report',
    summary: 'Monthly review report per department, with 知识库解决率',
    auth: ['admin'],
    query: KnowledgeReviewReportQuerySchema,
    responses: { 200: KnowledgeReviewReportSchema },
  },
  get: { method: 'get', path: '/knowledge/:id', summary: 'One knowledge entry', params: IdParamsSchema, responses: { 200: KnowledgeEntrySchema } },
  markResolved: {
    method: 'post',
    path: '/knowledge/:id/resolved',
    summary: 'This entry answered my question (no 咨询 submitted): counts for 知识库解决率',
    auth: ['citizen'],
    params: IdParamsSchema,
    body: KnowledgeResolvedSchema,
    responses: { 200: OkSchema },
  },
  create: {
    method: 'post',
    path: '/knowledge',
    summary: 'Create an entry (administrators; handlers for their department)',
    auth: ['admin', 'handler'],
    body: KnowledgeInputSchema,
    responses: { 201: KnowledgeEntrySchema },
  },
  update: {
    method: 'patch',
    path: '/knowledge/:id',
    summary: 'Edit an entry (counts as its review)',
    auth: ['admin', 'handler'],
    params: IdParamsSchema,
    body: KnowledgePatchSchema,
    responses: { 200: KnowledgeEntrySchema },
  },
  review: {
    method: 'post',
    path: '/knowledge/:id/review',
    summary: 'Monthly review: still valid, or retire',
    auth: ['admin', 'handler'],
    params: IdParamsSchema,
    body: KnowledgeReviewSchema,
    responses: { 200: KnowledgeEntrySchema },
  },
  /** "Turn this reply into a knowledge entry" (the department that answered the 咨询). */
  fromTicket: {
    method: 'post',
    path: '/dept/tickets/:id/to-knowledge',
    summary: 'Turn the reply of a 咨询 into a knowledge entry',
    auth: ['handler'],
    params: TicketIdParamsSchema,
    body: TicketToKnowledgeSchema,
    responses: { 201: KnowledgeEntrySchema },
  },
})
