import { notificationContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import * as notifications from './notifications.service'

export const notificationRoutes = implement(notificationContract, {
  list: ({ auth, query }) => notifications.listMine(auth, query),
  markRead: ({ auth, params }) => notifications.markRead(auth, params.id),
  unreadCount: ({ auth }) => notifications.unreadCount(auth),
  readAll: ({ auth }) => notifications.markAllRead(auth),
})
