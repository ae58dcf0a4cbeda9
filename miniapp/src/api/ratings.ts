import {
  GUIDE_DIMENSIONS, GUIDE_REASON_TAGS, MIN_BAD_COMMENT_CHARS, REVISIT_SATISFACTIONS, WINDOW_DIMENSIONS, WINDOW_REASON_TAGS,
  WORK_ORDER_STATUS_LABELS, isBadRating, type CreateRating, type MyRating, type Page, type PublicRating, type RatingSummary,
  type RevisitSatisfaction, type WorkOrderProgress
} from '@xz/shared'
import { request } from './request'

export type { MyRating, PublicRating, RevisitSatisfaction, WorkOrderProgress }
export {
  GUIDE_DIMENSIONS, GUIDE_REASON_TAGS, REVISIT_SATISFACTIONS, WINDOW_DIMENSIONS, WINDOW_REASON_TAGS, WORK_ORDER_STATUS_LABELS
}

/** 1–2 are 差评: a reason tag and a comment of 5+ characters are required. */
export const isBadLevel = isBadRating
export const MIN_BAD_COMMENT = MIN_BAD_COMMENT_CHARS

export type NewRating = Omit<CreateRating, 'dimensions'> & { dimensions?: Record<string, number> }

export function createRating(input: NewRating): Promise<MyRating> {
  return request<MyRating>('/api/v1/ratings', { method: 'POST', data: { ...input } })
}

export async function fetchMyRatings(): Promise<MyRating[]> {
  const body = await request<Page<MyRating>>('/api/v1/ratings/mine', { data: { pageSize: 50 } })
  return body.items
}

export function appendRating(id: string, comment: string): Promise<MyRating> {
  return request<MyRating>(`/api/v1/ratings/${encodeURIComponent(id)}/append`, { method: 'POST', data: { comment } })
}

export function revisitRating(id: string, satisfaction: RevisitSatisfaction): Promise<WorkOrderProgress> {
  return request<WorkOrderProgress>(`/api/v1/ratings/${encodeURIComponent(id)}/revisit`, { method: 'POST', data: { satisfaction } })
}

export type ServiceRatings = Page<PublicRating> & { summary: RatingSummary }

export function fetchServiceRatings(serviceId: string): Promise<ServiceRatings> {
  return request<ServiceRatings>('/api/v1/ratings', { data: { serviceId, pageSize: 10 }, auth: false })
}
