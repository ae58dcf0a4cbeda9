import type mongoose from 'mongoose'
import { isDuplicateKey } from '../../lib/errors'
import { Notification } from './notification.model'

export interface NoticeInput {
  /** Deterministic key: the same key is queued at most once (e.g. `remind1h:<bookingId>`). */
  key: string
  to: { userId: string | mongoose.Types.ObjectId } | { accountId: string | mongoose.Types.ObjectId }
  kind: string
  title: string
  body: string
  data?: Record<string, string>
  bookingId?: string | mongoose.Types.ObjectId
  page?: string
}

/**
 * Queues a notice in the outbox exactly once per key. Returns false when it was already queued.
 * Delivery (WeChat subscribe message or outbox only) is done by the notification sender job.
 */
export async function notify(input: NoticeInput): Promise<boolean> {
  try {
    await Notification.create({
      _id: input.key,
      ...input.to,
      kind: input.kind,
      title: input.title,
      body: input.body,
      data: input.data,
      bookingId: input.bookingId,
      page: input.page,
    })
    return true
  } catch (err) {
    if (isDuplicateKey(err)) return false
    throw err
  }
}
