import { LEGAL_VERSION, type AgreementStatus } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError } from '../../lib/errors'
import { logger } from '../../lib/logger'
import { eraseUser, recordAgreement, revokeUserSessions, User } from '../auth'
import { Booking, eraseApplicantsOf, WaitlistEntry } from '../bookings'
import { Enterprise, ownedCode, releaseEnterpriseOf } from '../enterprises'
import { anonymiseExchangeOf } from '../exchange'
import { KnowledgeResolution } from '../knowledge'
import { deleteNoticesOf, Notification } from '../notifications'
import { anonymiseApplicationsOf, applicationsOf } from '../policies'
import { eraseRaterOf, Rating } from '../ratings'
import { anonymiseTicketsOf, erasePhotosOf, Ticket } from '../tickets'
import { eraseWorkOrderRaterOf, WorkOrder } from '../work-orders'

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
  await recordAgreement(auth.sub, LEGAL_VERSION, at)
  return statusOf({ agreedVersion: LEGAL_VERSION, agreedAt: at })
}

const TICKET_INTERNAL = ['dispatchQueue', 'activeDepartment', 'openFlag', 'pendingExtension', 'seq']

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
  const code = await ownedCode(auth.sub)
  const [bookings, waitlist, ratings, workOrders, notifications, tickets, applications, enterprise, resolutions] = await Promise.all([
    Booking.find({ userId: auth.sub }).lean(),
    WaitlistEntry.find({ userId: auth.sub }).lean(),
    Rating.find({ userId: auth.sub }).lean(),
    WorkOrder.find({ userId: auth.sub }).lean(),
    Notification.find({ userId: auth.sub }).lean(),
    Ticket.find({ userId: auth.sub }).lean(),
    applicationsOf(auth.sub, code),
    code ? Enterprise.findById(code).lean() : null,
    KnowledgeResolution.find({ userId: auth.sub }).lean(),
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
    // 12345 诉求 (the internal list keys and metric flags are no data about the person)
    tickets: tickets.map((t) => json(strip(t as unknown as Record<string, unknown>, ...TICKET_INTERNAL))),
    policyApplications: applications.map((a) => json(strip(a as unknown as Record<string, unknown>))),
    enterprise: enterprise ? json(strip(enterprise as unknown as Record<string, unknown>)) : null,
    knowledgeResolutions: resolutions.map((r) => json(strip(r as unknown as Record<string, unknown>))),
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
  await eraseUser(userId, at)
  await revokeUserSessions(userId)
  // 2. the records, anonymised in place, each by the feature that keeps it
  await eraseApplicantsOf(userId)
  await eraseRaterOf(userId)
  await eraseWorkOrderRaterOf(userId)
  await deleteNoticesOf(userId)
  await anonymiseTicketsOf(userId)
  await erasePhotosOf(userId)
  // the 申报 records lose the enterprise, then the profile goes (the code is released)
  const code = await ownedCode(userId)
  await anonymiseApplicationsOf(userId, code)
  await releaseEnterpriseOf(userId, code)
  await anonymiseExchangeOf(userId)
  logger.info({ userId }, 'account deleted by its owner')
  return { ok: true, deletedAt: at.toISOString() }
}
