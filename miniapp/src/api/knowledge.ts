import type { KnowledgeEntry, KnowledgeInput, KnowledgePatch, KnowledgeReviewReport, KnowledgeType, Page } from '@xz/shared'
import { request } from './request'

/** 知识库 management API (shared/src/schemas/knowledge.ts): administrators and the owning departments' handlers. */

/** Active entries matching `q` (Chinese or pinyin), newest review first; every department's. */
export const fetchKnowledge = (q: string, type?: KnowledgeType) =>
  request<Page<KnowledgeEntry>>('/api/v1/knowledge', { data: { pageSize: 50, ...(q.trim() ? { q: q.trim() } : {}), ...(type ? { type } : {}) } })

/** My entries due for their monthly review, or expired. */
export const fetchReviewDue = () => request<Page<KnowledgeEntry>>('/api/v1/knowledge/review-due', { data: { pageSize: 50 } })

/** 「已复核，仍有效」 or 下架. */
export const reviewKnowledge = (id: string, action: 'valid' | 'retire') =>
  request<KnowledgeEntry>(`/api/v1/knowledge/${id}/review`, { method: 'POST', data: { action } })

export const createKnowledge = (input: KnowledgeInput) => request<KnowledgeEntry>('/api/v1/knowledge', { method: 'POST', data: { ...input } })

export const updateKnowledge = (id: string, patch: KnowledgePatch) =>
  request<KnowledgeEntry>(`/api/v1/knowledge/${id}`, { method: 'PATCH', data: { ...patch } })

/** Reviewed / due / expired per department for a month, with 知识库解决率 (administrators). */
export const fetchReviewReport = (month: string) => request<KnowledgeReviewReport>('/api/v1/knowledge/review-report', { data: { month } })

export interface TicketToKnowledge {
  title: string
  categoryPath: string[]
  keywords: string[]
  type: KnowledgeType
}

/** Turns the reply of a 咨询 answered by my department into a knowledge entry. */
export const ticketToKnowledge = (ticketId: string, body: TicketToKnowledge) =>
  request<KnowledgeEntry>(`/api/v1/dept/tickets/${ticketId}/to-knowledge`, { method: 'POST', data: { ...body } })
