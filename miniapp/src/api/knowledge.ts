import { knowledgeContract, type KnowledgeEntry, type KnowledgeInput, type KnowledgePatch, type KnowledgeReviewReport, type KnowledgeType, type Page } from '@xz/shared'
import { call } from './request'

/** 知识库 management API, derived from shared/src/contracts/knowledge.ts: administrators and the owning departments' handlers. */

/** Active entries matching `q` (Chinese or pinyin), newest review first; every department's. */
export const fetchKnowledge = (q: string, type?: KnowledgeType): Promise<Page<KnowledgeEntry>> =>
  call(knowledgeContract.search, { query: { pageSize: 50, q: q.trim() || undefined, type } })

/** My entries due for their monthly review, or expired. */
export const fetchReviewDue = (): Promise<Page<KnowledgeEntry>> => call(knowledgeContract.reviewDue, { query: { pageSize: 50 } })

/** 「已复核，仍有效」 or 下架. */
export const reviewKnowledge = (id: string, action: 'valid' | 'retire'): Promise<KnowledgeEntry> => call(knowledgeContract.review, { params: { id }, body: { action } })

export const createKnowledge = (input: KnowledgeInput): Promise<KnowledgeEntry> => call(knowledgeContract.create, { body: input })

export const updateKnowledge = (id: string, patch: KnowledgePatch): Promise<KnowledgeEntry> => call(knowledgeContract.update, { params: { id }, body: patch })

/** Reviewed / due / expired per department for a month, with 知识库解决率 (administrators). */
export const fetchReviewReport = (month: string): Promise<KnowledgeReviewReport> => call(knowledgeContract.reviewReport, { query: { month } })

export interface TicketToKnowledge {
  title: string
  categoryPath: string[]
  keywords: string[]
  type: KnowledgeType
}

/** Turns the reply of a 咨询 answered by my department into a knowledge entry. */
export const ticketToKnowledge = (ticketId: string, body: TicketToKnowledge): Promise<KnowledgeEntry> =>
  call(knowledgeContract.fromTicket, { params: { id: ticketId }, body })
