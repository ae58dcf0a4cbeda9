import crypto from 'node:crypto'
import { LEGAL_VERSION, type AgreementStatus } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, isDuplicateKey } from '../../lib/errors'
import { logger } from '../../lib/logger'
import { Account, User } from '../auth/auth.model'
import { revokeUserSessions } from '../auth/auth.service'
import { Booking } from '../bookings/booking.model'
import { WaitlistEntry } from '../bookings/waitlist.model'
import { Enterprise, EnterpriseOwner } from '../enterprises/enterprise.model'
import { ExchangeLog, ExchangeQueue } from '../exchange/exchange.model'
import { KnowledgeResolution } from '../knowledge/knowledge.model'
import { Notification } from '../notifications/notification.model'
import { enterpriseCache } from '../policies/policy-cache'
import { PolicyApplication, type PolicyApplicationDoc } from '../policies/policy.model'
import { Rating } from '../ratings/rating.model'
import { Ticket, type TicketDoc } from '../tickets/ticket.model'
import { erasePhotosOf } from '../tickets/ticket-photos'
import { WorkOrder } from '../work-orders/work-order.model'

/** What replaces a deleted person's name wherever a name is required (bookings, ratings, work orders). */
export const ERASED_NAME = '已注销用户'
/** What replaces the mobile number (not a number: masking shows '***'). */
export const ERASED_MOBILE = '-'
/** What replaces the text a deleted person wrote where the text is required (a 12345 诉求). */
export const ERASED_TEXT = '（内容已随账号注销删除）'
/** What replaces the enterprise name of a deleted account's 申报 records. */
export const ERASED_ENTERPRISE = '已注销账号的企业'

/** A deleted account's enterprise key: stable (steps can be re-run), not reversible to the credit code. */
const erasedCode = (userId: string, creditCode: string) =>
  `erased-${crypto.createHash('sha256').update(`${userId}:${creditCode}`).digest('hex').slice(0, 18)}`

/** The credit code the account owns (owner record by `_id` = user id). */
async function ownedCode(userId: string): Promise<string | undefined> {
  const owner = await EnterpriseOwner.findById(userId).lean<{ creditCode: string }>()
  return owner?.creditCode
}

/**
 * The person's 申报 records: those they filed (`userId`) and the 免申即享 grants of their enterprise (`creditCode`),
 * both pushdown-marked equalities, deduplicated.
 */
async function applicationsOf(userId: string, code: string | undefined): Promise<PolicyApplicationDoc[]> {
  const [mine, ofEnterprise] = await Promise.all([
    PolicyApplication.find({ userId }).lean<PolicyApplicationDoc[]>(),
    code ? PolicyApplication.find({ creditCode: code }).lean<PolicyApplicationDoc[]>() : [],
  ])
  const byId = new Map<string, PolicyApplicationDoc>()
  for (const a of [...mine, ...ofEnterprise]) byId.set(a._id, a)
  return [...byId.values()]
}

/** Ids of the exchange records of the person's ratings and work orders (`rating-`, `append-`, `reply-`, `revisit-`). */
function exchangeIdsOf(ratingIds: string[], orderIds: string[]): string[] {
  return [...ratingIds.flatMap((id) => [`rating-${id}`, `append-${id}`]), ...orderIds.flatMap((id) => [`reply-${id}`, `revisit-${id}`])]
}

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
  await anonymiseTickets(userId)
  await erasePhotosOf(userId)
  await releaseEnterprise(userId)
  await anonymiseExchange(userId)
  logger.info({ userId }, 'account deleted by its owner')
  return { ok: true, deletedAt: at.toISOString() }
}

/**
 * 12345 诉求 stay (counts, time limits, department performance) without the person: contact, text, photos and
 * place are erased, and so is what the person wrote into the timeline. Reached by `userId` (pushdown index).
 */
async function anonymiseTickets(userId: string): Promise<void> {
  const tickets = await Ticket.find({ userId }).lean<TicketDoc[]>()
  for (const t of tickets) {
    const timeline = (t.timeline ?? []).map((e) => (e.byRole === 'citizen' && e.text ? { ...e, text: ERASED_TEXT } : e))
    await eraseDispatchNotices(t)
    await Ticket.updateOne(
      { _id: t._id },
      { $set: { contactMobile: ERASED_MOBILE, description: ERASED_TEXT, photos: [], timeline }, $unset: { contactName: 1, address: 1, location: 1 } },
    )
  }
}

/**
 * The 派单 notices to the handlers quote the 诉求: their keys are `tk-dispatch:<ticket>#<seq>:<account>` (one per
 * dispatch event and handler of a department that held the ticket), so they are reached by `_id`, never by a scan.
 */
async function eraseDispatchNotices(t: TicketDoc): Promise<void> {
  const seqs = (t.timeline ?? []).filter((e) => e.action === 'dispatch' || e.action === 'redispatch').map((e) => e.seq)
  if (!seqs.length) return
  const depts = [...new Set([t.departmentId, ...(t.returnedFrom ?? [])].filter(Boolean).map(String))]
  const handlers = await Account.find({ role: 'handler', departmentId: { $in: depts } }).select('_id').lean()
  for (const seq of seqs) {
    for (const h of handlers) {
      await Notification.updateOne({ _id: `tk-dispatch:${t._id}#${seq}:${String(h._id)}` }, { $set: { body: `${t.categoryName}：${ERASED_TEXT}` }, $unset: { data: 1 } })
    }
  }
}

/**
 * The enterprise profile was entered by the person and is tied to them: it is removed with the owner record, so the
 * credit code is released and the enterprise can be claimed again (by a successor account, from scratch). The 申报 /
 * 兑现 records stay for the 月通报 (department, status, dates, amounts) but lose the enterprise: they move to an
 * anonymous key (insert the new record first, then delete the old one, so a re-run finishes an interrupted step).
 */
async function releaseEnterprise(userId: string): Promise<void> {
  const code = await ownedCode(userId)
  for (const a of await applicationsOf(userId, code)) {
    if (a.creditCode.startsWith('erased-')) continue
    const anon = erasedCode(userId, a.creditCode)
    const { _id, ...rest } = a as PolicyApplicationDoc & Record<string, unknown>
    delete rest.__v
    await PolicyApplication.create({ ...rest, _id: `${String(a.policyId)}:${anon}`, creditCode: anon, enterpriseName: ERASED_ENTERPRISE, note: undefined }).catch(
      (err: unknown) => {
        if (!isDuplicateKey(err)) throw err // already moved by an interrupted run
      },
    )
    await PolicyApplication.deleteOne({ _id })
  }
  if (code) {
    await Enterprise.deleteOne({ _id: code, userId })
    await EnterpriseOwner.deleteOne({ _id: userId })
    await enterpriseCache.touch()
  }
}

/**
 * The 好差评 exchange records of the person's ratings and work orders (ids derived from theirs, reached by `_id`):
 * undelivered ones are anonymised before they are pushed, delivered ones are kept in the log without identity.
 */
async function anonymiseExchange(userId: string): Promise<void> {
  const [ratings, orders] = await Promise.all([
    Rating.find({ userId }).select('_id').lean<{ _id: unknown }[]>(),
    WorkOrder.find({ userId }).select('_id').lean<{ _id: unknown }[]>(),
  ])
  const ids = exchangeIdsOf(
    ratings.map((r) => String(r._id)),
    orders.map((o) => String(o._id)),
  )
  const change = { $set: { 'record.rater.name': ERASED_NAME }, $unset: { 'record.text': 1, 'record.outcome.reply': 1 } }
  for (const id of ids) {
    await ExchangeQueue.updateOne({ _id: id }, change)
    await ExchangeLog.updateOne({ _id: id }, change)
  }
}
