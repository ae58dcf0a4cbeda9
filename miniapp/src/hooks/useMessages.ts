import { useCallback, useEffect, useState } from 'react'
import type { NotificationItem } from '@xz/shared'
import { errorMessage } from '@/api/errors'
import { fetchNotifications, fetchUnreadCount, markAllNotificationsRead, markNotificationRead } from '@/api/followups'

const PAGE_SIZE = 20

/** My notices, page by page, with the unread count and mark-read. */
export function useMessages() {
  const [items, setItems] = useState<NotificationItem[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(0)
  const [unread, setUnread] = useState(0)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async (next: number) => {
    setLoading(true)
    setError(null)
    try {
      const [list, count] = await Promise.all([fetchNotifications(next, PAGE_SIZE), fetchUnreadCount()])
      setItems((prev) => (next === 1 ? list.items : [...prev, ...list.items]))
      setTotal(list.total)
      setPage(next)
      setUnread(count)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setLoading(false)
    }
  }, [])

  useEffect(() => {
    void load(1)
  }, [load])

  const markRead = async (id: string) => {
    const item = items.find((n) => n.id === id)
    if (!item || item.read) return
    await markNotificationRead(id).catch(() => undefined)
    setItems((prev) => prev.map((n) => (n.id === id ? { ...n, read: true } : n)))
    setUnread((n) => Math.max(0, n - 1))
  }

  const markAll = async () => {
    await markAllNotificationsRead()
    setItems((prev) => prev.map((n) => ({ ...n, read: true })))
    setUnread(0)
  }

  return {
    items,
    total,
    unread,
    loading,
    error,
    hasMore: items.length < total,
    more: () => load(page + 1),
    reload: () => load(1),
    markRead,
    markAll
  }
}
