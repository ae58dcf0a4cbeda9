import type { NotificationItem, NotificationQuery, Page } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { notFound } from '../../lib/errors'
import { readPage } from '../../lib/paging'
import { Notification } from './notification.model'

type Row = {
  _id: string
  kind: string
  title: string
  body: string
  bookingId?: unknown
  page?: string | null
  channel?: 'outbox' | 'wechat' | null
  readAt?: Date | null
  createdAt: Date
}

/** Citizens receive notices as users, staff and administrators as accounts. */
function recipient(auth: AuthContext): Record<string, string> {
  return auth.role === 'citizen' ? { userId: auth.sub } : { accountId: auth.sub }
}

function toItem(n: Row): NotificationItem {
  return {
    id: n._id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    bookingId: n.bookingId ? String(n.bookingId) : undefined,
    page: n.page ?? undefined,
    channel: n.channel ?? 'outbox',
    read: Boolean(n.readAt),
    createdAt: n.createdAt.toISOString(),
  }
}

/** My notices (the in-app outbox), newest first. */
export async function listMine(auth: AuthContext, q: NotificationQuery): Promise<Page<NotificationItem>> {
  const filter: Record<string, unknown> = recipient(auth)
  if (q.unread !== undefined) filter.readAt = q.unread ? null : { $ne: null }
  const read = await readPage<Row>(Notification, filter, { createdAt: -1, _id: -1 }, q)
  return read.page(read.rows.map(toItem))
}

/** Marks one of my notices read (404 for anyone else's). */
export async function markRead(auth: AuthContext, id: string): Promise<NotificationItem> {
  const n = await Notification.findOne({ _id: id, ...recipient(auth) }).lean<Row>()
  if (!n) throw notFound('消息')
  if (!n.readAt) {
    const readAt = now()
    await Notification.updateOne({ _id: id }, { $set: { readAt } })
    n.readAt = readAt
  }
  return toItem(n)
}

/** How many of my notices are unread (the 消息 badge). */
export async function unreadCount(auth: AuthContext): Promise<{ unread: number }> {
  return { unread: await Notification.countDocuments({ ...recipient(auth), readAt: null }) }
}

/** Marks all my notices read. */
export async function markAllRead(auth: AuthContext): Promise<{ updated: number }> {
  const res = await Notification.updateMany({ ...recipient(auth), readAt: null }, { $set: { readAt: now() } })
  return { updated: res.modifiedCount }
}
