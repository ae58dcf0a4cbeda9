import type { NotificationItem, Page, PendingRating, WeekendDay } from '@xz/shared'
import { request } from './request'

/** 周末办: points and items with seats on a date. */
export function fetchWeekend(date: string): Promise<WeekendDay> {
  return request<WeekendDay>('/api/v1/weekend', { data: { date }, auth: false })
}

/** 待评价: my served bookings not yet rated. */
export async function fetchPendingRatings(): Promise<PendingRating[]> {
  return (await request<{ items: PendingRating[] }>('/api/v1/me/pending-ratings')).items
}

// ---- 消息 ----
export function fetchNotifications(page: number, pageSize = 20): Promise<Page<NotificationItem>> {
  return request<Page<NotificationItem>>('/api/v1/notifications', { data: { page, pageSize } })
}

export async function fetchUnreadCount(): Promise<number> {
  return (await request<{ unread: number }>('/api/v1/notifications/unread-count')).unread
}

export function markNotificationRead(id: string): Promise<NotificationItem> {
  return request<NotificationItem>(`/api/v1/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' })
}

export function markAllNotificationsRead(): Promise<{ updated: number }> {
  return request<{ updated: number }>('/api/v1/notifications/read-all', { method: 'POST' })
}
