import { LEGAL_VERSION, type AgreementStatus } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError } from '../../lib/errors'
import { logger } from '../../lib/logger'
import { User } from '../auth/auth.model'
import { revokeUserSessions } from '../auth/auth.service'
import { Booking } from '../bookings/booking.model'
import { WaitlistEntry } from '../bookings/waitlist.model'
import { Notification } from '../notifications/notification.model'
import { Rating } from '../ratings/rating.model'
import { WorkOrder } from '../work-orders/work-order.model'

/** What replaces a deleted person's name wherever a name is required (bookings, ratings, work orders). */
export const ERASED_NAME = '已注销用户'
/** What replaces the mobile number (not a number: masking shows '***'). */
export const ERASED_MOBILE = '-'

function statusOf(u: { agreedVersion?: string | null; agreedAt?: Date | null }): AgreementStatus {
  return {
    currentVersion: LEGAL_VERSION,
    agreedVersion: u.agreedVersion ?? undefined,
    agreedAt: u.agreedAt?.toISOString(),
    agreed: u.agreedVersion === LEGAL_VERSION,
  }
}

export async function getAgreement(auth: AuthContext): Promise<AgreementStatus> {
  const user = await User.findById(auth.sub).lean()
  if (!user) throw new AppError('UNAUTHENTICATED', '账号不存在')
  return statusOf(user)
}

/** Records agreement to the current 用户协议 and 隐私政策 (idempotent: the first time of a version is kept). */
export async function agree(auth: AuthContext): Promise<AgreementStatus> {
  const user = await User.findById(auth.sub).lean()
  if (!user) throw new AppError('UNAUTHENTICATED', '账号不存在')
  if (user.agreedVersion === LEGAL_VERSION) return statusOf(user)
  const at = now()
  await User.updateOne({ _id: auth.sub }, { $set: { agreedVersion: LEGAL_VERSION, agreedAt: at } })
  return statusOf({ agreedVersion: LEGAL_VERSION, agreedAt: at })
}

const strip = <T extends Record<string, unknown>>(doc: T, ...keys: string[]) => {
  const out: Record<string, unknown> = { ...doc }
  for (const k of ['__v', ...keys]) delete out[k]
  return out
}

/**
 * 导出我的数据: every record held about the caller. The per-person queries go by `userId` (indexed; a rare,
 * per-person operation like the "my …" lists), never over other people's records.
 */
export async function exportMyData(auth: AuthContext) {
  const user = await User.findById(auth.sub).lean()
  if (!user) throw new AppError('UNAUTHENTICATED', '账号不存在')
  const [bookings, waitlist, ratings, workOrders, notifications] = await Promise.all([
    Booking.find({ userId: auth.sub }).lean(),
    WaitlistEntry.find({ userId: auth.sub }).lean(),
    Rating.find({ userId: auth.sub }).lean(),
    WorkOrder.find({ userId: auth.sub }).lean(),
    Notification.find({ userId: auth.sub }).lean(),
  ])
  const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as Record<string, unknown>
  return {
    exportedAt: now().toISOString(),
    // the WeChat session key is a credential, not data about the person: never exported
    user: json(strip(user as unknown as Record<string, unknown>, 'sessionKey', 'tokenVersion')),
    bookings: bookings.map((b) => json(strip(b as unknown as Record<string, unknown>, 'claimIds'))),
    waitlist: waitlist.map((w) => json(strip(w as unknown as Record<string, unknown>))),
    ratings: ratings.map((r) => json(strip(r as unknown as Record<string, unknown>))),
    workOrders: workOrders.map((w) => json(strip(w as unknown as Record<string, unknown>))),
    notifications: notifications.map((n) => json(strip(n as unknown as Record<string, unknown>))),
  }
}

/**
 * 注销账号: erases or anonymises every personal field, keeps the records themselves (statistics, audits,
 * queue numbers, rating levels) without identity, and signs the person out everywhere. The WeChat openid
 * is replaced, so signing in with the same WeChat later starts a new, empty account.
 * Idempotent: each step can run again if a failure interrupted the previous run.
 */
export async function deleteMyAccount(auth: AuthContext): Promise<{ ok: true; deletedAt: string }> {
  const user = await User.findById(auth.sub).lean()
  if (!user) throw new AppError('UNAUTHENTICATED', '账号不存在')
  const at = now()
  const userId = auth.sub
  // 1. the tombstone first (deletedAt): the holder check refuses the person's tokens from here on
  await User.updateOne(
    { _id: userId },
    {
      $set: { openid: `deleted:${userId}`, deletedAt: at },
      $unset: { name: 1, mobile: 1, enterprise: 1, sessionKey: 1, unionid: 1 },
    },
  )
  await revokeUserSessions(userId)
  // 2. the records, anonymised in place
  const erasedApplicant = { name: ERASED_NAME, mobile: ERASED_MOBILE }
  await Booking.updateMany({ userId }, { $set: { applicant: erasedApplicant }, $unset: { enterprise: 1, note: 1 } })
  await WaitlistEntry.updateMany({ userId }, { $set: { applicant: erasedApplicant }, $unset: { enterprise: 1 } })
  await Rating.updateMany({ userId }, { $set: { raterName: ERASED_NAME }, $unset: { comment: 1, append: 1 } })
  await WorkOrder.updateMany({ userId }, { $set: { raterName: ERASED_NAME }, $unset: { comment: 1, appeal: 1 } })
  await Notification.deleteMany({ userId })
  logger.info({ userId }, 'account deleted by its owner')
  return { ok: true, deletedAt: at.toISOString() }
}
