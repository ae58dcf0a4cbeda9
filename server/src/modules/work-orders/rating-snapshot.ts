import { RATING_LEVEL_LABELS } from '@xz/shared'
import type { WorkOrderDoc } from './work-order.model'

/**
 * What a work order keeps of its 差评, copied when it opens: the ratings feature hands it over (a rating is
 * append-only, so the copy stays true), and work orders never read the ratings' collection.
 */
export type RatingSnapshot = Pick<
  WorkOrderDoc,
  'kind' | 'userId' | 'raterName' | 'hallId' | 'serviceId' | 'departmentId' | 'regionCode' | 'regionScopes' | 'level' | 'dimensions' | 'tags' | 'comment' | 'ratedAt' | 'ratedDate'
> & { _id: WorkOrderDoc['ratingId'] }

/** The content of a rating as any reader may see it, never who gave it: the ratings' lists and a work order's 差评. */
export function ratingContent(r: Pick<RatingSnapshot, 'kind' | 'level' | 'dimensions' | 'tags' | 'comment' | 'ratedAt'>) {
  return {
    kind: r.kind,
    level: r.level,
    levelLabel: RATING_LEVEL_LABELS[r.level],
    dimensions: (r.dimensions ?? {}) as Record<string, number>,
    tags: r.tags,
    comment: r.comment ?? undefined,
    ratedAt: r.ratedAt.toISOString(),
  }
}
