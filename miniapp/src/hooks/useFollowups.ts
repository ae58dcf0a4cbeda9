import { isLoggedIn } from '@/api/auth'
import { fetchPendingRatings, fetchUnreadCount } from '@/api/followups'
import type { PendingRating } from '@xz/shared'
import { useAsync } from './useAsync'

/** 待评价 of the signed-in citizen; empty when signed out (never an error on 首页 / 我的). */
export function usePendingRatings(refreshKey: unknown) {
  return useAsync<PendingRating[]>(async () => {
    if (!isLoggedIn()) return []
    return fetchPendingRatings().catch(() => [])
  }, [refreshKey])
}

/** Unread 消息 of the signed-in user; 0 when signed out. */
export function useUnreadCount(refreshKey: unknown) {
  return useAsync<number>(async () => {
    if (!isLoggedIn()) return 0
    return fetchUnreadCount().catch(() => 0)
  }, [refreshKey])
}
