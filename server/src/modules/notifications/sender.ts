import { config } from '../../config'
import { now } from '../../lib/clock'
import { isDuplicateKey } from '../../lib/errors'
import { logger } from '../../lib/logger'
import { User } from '../auth'
import { DeliveryClaim, Notification } from './notification.model'
import { WechatApiError, wechatSubscribeClient } from './wechat-message.client'

/** Attempts per notice before it is left in the outbox only (status failed). */
export const MAX_DELIVERY_ATTEMPTS = 5
const BATCH = 50

type Pending = {
  _id: string
  userId?: unknown
  kind: string
  page?: string | null
  data?: Record<string, string> | null
  attempts?: number | null
}

async function claimAttempt(id: string, attempt: number): Promise<boolean> {
  try {
    await DeliveryClaim.create({ _id: `send:${id}#${attempt}`, at: now() })
    return true
  } catch (err) {
    if (isDuplicateKey(err)) return false
    throw err
  }
}

/** Reminders use the reminder template; every other notice the general one. */
function templateFor(kind: string): string | undefined {
  const c = config()
  return kind.startsWith('remind') ? c.WECHAT_TEMPLATE_REMINDER : c.WECHAT_TEMPLATE_NOTICE
}

async function markOutbox(n: Pending, attempt: number, lastError?: string): Promise<void> {
  await Notification.updateOne(
    { _id: n._id },
    { $set: { status: 'sent', channel: 'outbox', sentAt: now(), attempts: attempt, ...(lastError ? { lastError } : {}) } },
  )
}

/**
 * Delivers pending notices. With WeChat configured (credentials and a template for the kind) a citizen's
 * notice goes out as a subscribe message; otherwise — or when WeChat cannot ever deliver it (no
 * subscription) — it stays in the outbox, shown in the app (`GET /notifications`), marked channel
 * `outbox`. Each attempt is claimed first (`send:<id>#<n>`), so a notice is delivered at most once
 * whatever the number of processes; transient WeChat failures are retried up to 5 times.
 */
export async function deliverPending(): Promise<{ wechat: number; outbox: number; failed: number }> {
  const counts = { wechat: 0, outbox: 0, failed: 0 }
  const pending = await Notification.find({ status: 'pending' }).sort({ createdAt: 1, _id: 1 }).limit(BATCH).lean<Pending[]>()
  if (pending.length === 0) return counts
  const wechat = wechatSubscribeClient()
  for (const n of pending) {
    const attempt = (n.attempts ?? 0) + 1
    if (!(await claimAttempt(n._id, attempt))) continue
    const templateId = templateFor(n.kind)
    const user = wechat && templateId && n.userId ? await User.findById(n.userId).select('openid').lean() : null
    if (!wechat || !templateId || !user?.openid) {
      await markOutbox(n, attempt)
      counts.outbox++
      continue
    }
    try {
      await wechat.send({ touser: user.openid, templateId, page: n.page ?? undefined, data: n.data ?? {} })
      await Notification.updateOne({ _id: n._id }, { $set: { status: 'sent', channel: 'wechat', sentAt: now(), attempts: attempt } })
      counts.wechat++
    } catch (err) {
      const message = (err as Error).message
      if (err instanceof WechatApiError && err.permanent) {
        await markOutbox(n, attempt, message)
        counts.outbox++
      } else if (attempt >= MAX_DELIVERY_ATTEMPTS) {
        await Notification.updateOne({ _id: n._id }, { $set: { status: 'failed', channel: 'outbox', attempts: attempt, lastError: message } })
        counts.failed++
      } else {
        logger.warn({ notification: n._id, attempt, err: message }, 'WeChat delivery failed; will retry')
        await Notification.updateOne({ _id: n._id }, { $set: { attempts: attempt, lastError: message } })
      }
    }
  }
  return counts
}
