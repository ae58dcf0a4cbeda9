import { followupContract, notificationContract, type NotificationItem, type Page, type PendingRating, type WeekendDay } from '@xz/shared'
import { call } from './request'

/** 周末办: points and items with seats on a date. */
export function fetchWeekend(date: string): Promise<WeekendDay> {
  return call(followupContract.weekend, { query: { date } })
}

/** 待评价: my served bookings not yet rated. */
export async function fetchPendingRatings(): Promise<PendingRating[]> {
  return (await call(followupContract.pendingRatings)).items
}

// ---- 消息 ----
export function fetchNotifications(page: number, pageSize = 20): Promise<Page<NotificationItem>> {
  return call(notificationContract.list, { query: { page, pageSize } })
}

export async function fetchUnreadCount(): Promise<number> {
  return (await call(notificationContract.unreadCount)).unread
}

export function markNotificationRead(id: string): Promise<NotificationItem> {
  return call(notificationContract.markRead, { params: { id } })
}

export function markAllNotificationsRead(): Promise<{ updated: number }> {
  return call(notificationContract.readAll)
}
