import {
  GUIDE_DIMENSIONS, GUIDE_REASON_TAGS, MIN_BAD_COMMENT_CHARS, REVISIT_SATISFACTIONS, WINDOW_DIMENSIONS, WINDOW_REASON_TAGS,
  WORK_ORDER_STATUS_LABELS, isBadRating, ratingContract, type CreateRating, type MyRating, type Page, type PublicRating, type RatingSummary,
  type RevisitSatisfaction, type WorkOrderProgress
} from '@xz/shared'
import { call } from './request'

export type { MyRating, PublicRating, RevisitSatisfaction, WorkOrderProgress }
export {
  GUIDE_DIMENSIONS, GUIDE_REASON_TAGS, REVISIT_SATISFACTIONS, WINDOW_DIMENSIONS, WINDOW_REASON_TAGS, WORK_ORDER_STATUS_LABELS
}

/** 1–2 are 差评: a reason tag and a comment of 5+ characters are required. */
export const isBadLevel = isBadRating
export const MIN_BAD_COMMENT = MIN_BAD_COMMENT_CHARS

export type NewRating = Omit<CreateRating, 'dimensions'> & { dimensions?: Record<string, number> }

export function createRating(input: NewRating): Promise<MyRating> {
  return call(ratingContract.create, { body: input })
}

export async function fetchMyRatings(): Promise<MyRating[]> {
  return (await call(ratingContract.mine, { query: { pageSize: 50 } })).items
}

export function appendRating(id: string, comment: string): Promise<MyRating> {
  return call(ratingContract.append, { params: { id }, body: { comment } })
}

export function revisitRating(id: string, satisfaction: RevisitSatisfaction): Promise<WorkOrderProgress> {
  return call(ratingContract.revisit, { params: { id }, body: { satisfaction } })
}

export type ServiceRatings = Page<PublicRating> & { summary: RatingSummary }

export function fetchServiceRatings(serviceId: string): Promise<ServiceRatings> {
  return call(ratingContract.listPublic, { query: { serviceId, pageSize: 10 } })
}
