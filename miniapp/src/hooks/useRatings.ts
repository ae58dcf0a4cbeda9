import { useCallback, useState } from 'react'
import { ensureLogin } from '@/api/auth'
import { errorMessage } from '@/api/errors'
import {
  MIN_BAD_COMMENT, appendRating, createRating, fetchMyRatings, isBadLevel, revisitRating, type MyRating, type NewRating,
  type RevisitSatisfaction
} from '@/api/ratings'
import { useAsync } from './useAsync'

export interface RatingDraft {
  level: number | null
  dimensions: Record<string, number>
  tags: string[]
  comment: string
}

/** What still blocks submitting the draft; null when it can be sent. 差评 needs a reason tag and 5+ characters. */
export function ratingDraftError(draft: RatingDraft): string | null {
  if (draft.level === null) return '请选择满意程度'
  if (isBadLevel(draft.level)) {
    if (draft.tags.length === 0) return '请选择不满意的原因'
    if (draft.comment.trim().length < MIN_BAD_COMMENT) return `请填写具体问题（至少${MIN_BAD_COMMENT}个字）`
  }
  return null
}

export function useSubmitRating() {
  const [submitting, setSubmitting] = useState(false)
  const submit = useCallback(
    async (target: Pick<NewRating, 'bookingId' | 'serviceId'>, draft: RatingDraft): Promise<{ ok: boolean; message: string }> => {
      const blocked = ratingDraftError(draft)
      if (blocked) return { ok: false, message: blocked }
      setSubmitting(true)
      try {
        await ensureLogin()
        const dimensions = Object.keys(draft.dimensions).length ? draft.dimensions : undefined
        await createRating({
          ...target,
          level: draft.level ?? 3,
          dimensions,
          tags: draft.tags.length ? draft.tags : undefined,
          comment: draft.comment.trim() || undefined
        })
        return { ok: true, message: '感谢您的评价' }
      } catch (err) {
        return { ok: false, message: errorMessage(err) }
      } finally {
        setSubmitting(false)
      }
    },
    []
  )
  return { submitting, submit }
}

export function useMyRatings(refreshKey: number) {
  return useAsync<MyRating[]>(() => ensureLogin().then(fetchMyRatings), [refreshKey])
}

export async function appendToRating(id: string, comment: string): Promise<{ ok: boolean; message: string }> {
  if (comment.trim().length < 1) return { ok: false, message: '请填写追评内容' }
  try {
    await appendRating(id, comment.trim())
    return { ok: true, message: '追评已提交' }
  } catch (err) {
    return { ok: false, message: errorMessage(err) }
  }
}

export async function answerRevisit(id: string, satisfaction: RevisitSatisfaction): Promise<{ ok: boolean; message: string }> {
  try {
    await revisitRating(id, satisfaction)
    return { ok: true, message: '感谢您的反馈' }
  } catch (err) {
    return { ok: false, message: errorMessage(err) }
  }
}
