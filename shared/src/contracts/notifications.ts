import { defineContract } from '../contract'
import { pageOf } from '../schemas/common'
import { NotificationIdParamsSchema, NotificationQuerySchema, NotificationSchema } from '../schemas/bookings'
import { ReadAllResultSchema, UnreadCountSchema } from '../schemas/followups'

/** The in-app outbox (消息) of any signed-in user. */
export const notificationContract = /* @__PURE__ */ defineContract('notifications', {
  list: {
    method: 'get',
    path: '/notifications',
    summary: 'My notices (in-app outbox), newest first',
    auth: [],
    query: NotificationQuerySchema,
    responses: { 200: pageOf(NotificationSchema) },
  },
  markRead: {
    method: 'post',
    path: '/notifications/:id/read',
    summary: 'Mark one of my notices read',
    auth: [],
    params: NotificationIdParamsSchema,
    responses: { 200: NotificationSchema },
  },
  unreadCount: { method: 'get', path: '/notifications/unread-count', summary: 'How many of my notices are unread', auth: [], responses: { 200: UnreadCountSchema } },
  readAll: { method: 'post', path: '/notifications/read-all', summary: 'Mark all my notices read', auth: [], responses: { 200: ReadAllResultSchema } },
})
