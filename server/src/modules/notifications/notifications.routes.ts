import { NotificationIdParamsSchema, NotificationQuerySchema, NotificationSchema, pageOf, ReadAllResultSchema, UnreadCountSchema } from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import * as notifications from './notifications.service'

export const notificationRoutes = new ApiRouter('/notifications', 'notifications')
  .get(
    '/',
    { summary: 'My notices (in-app outbox), newest first', auth: [], query: NotificationQuerySchema, response: pageOf(NotificationSchema) },
    ({ auth, query }) => notifications.listMine(auth, query),
  )
  .post(
    '/:id/read',
    { summary: 'Mark one of my notices read', auth: [], params: NotificationIdParamsSchema, response: NotificationSchema },
    ({ auth, params }) => notifications.markRead(auth, params.id),
  )
  .get('/unread-count', { summary: 'How many of my notices are unread', auth: [], response: UnreadCountSchema }, ({ auth }) =>
    notifications.unreadCount(auth),
  )
  .post('/read-all', { summary: 'Mark all my notices read', auth: [], response: ReadAllResultSchema }, ({ auth }) =>
    notifications.markAllRead(auth),
  )
