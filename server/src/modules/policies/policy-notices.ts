import { addWorkingDays, type EnterpriseProfile, localDate, matchPolicy, type MatchProfile, type MatchResult, matchStatus, type MatchStatus, POLICY_MODE_LABELS, type PolicySubscription } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { isDuplicateKey } from '../../lib/errors'
import { logger } from '../../lib/logger'
import { currentCalendar } from '../calendar'
import type { CachedEnterprise } from '../enterprises'
import { requireMine, setSubscription, toProfile } from '../enterprises'
import { notify } from '../notifications'
import { policyCache, type CachedPolicy } from './policy-cache'
import { PolicyApplication, PolicyNotice } from './policy.model'

/** The matcher's view of a stored profile. */
export function matchProfileOf(e: CachedEnterprise): MatchProfile {
  return {
    industry: e.industry,
    registeredRegion: e.registeredRegion,
    scale: e.scale as MatchProfile['scale'],
    employees: e.employees,
    revenueBand: e.revenueBand as MatchProfile['revenueBand'],
    establishedOn: e.establishedOn,
    qualifications: e.qualifications,
    tags: e.tags,
  }
}

export function matchOf(policy: CachedPolicy, e: CachedEnterprise, today: string): MatchResult {
  return matchPolicy({ conditions: policy.conditions, validFrom: policy.validFrom, validTo: policy.validTo }, matchProfileOf(e), today)
}

/** The status only (no explanation): for runs over all enterprises or all policies. */
export function statusOf(policy: CachedPolicy, e: CachedEnterprise, today: string): MatchStatus {
  return matchStatus({ conditions: policy.conditions, validFrom: policy.validFrom, validTo: policy.validTo }, matchProfileOf(e), today)
}

/** Whether the enterprise asked to hear about this policy, given how it matches. */
export function wantsNotice(e: CachedEnterprise, policy: CachedPolicy, status: MatchStatus): boolean {
  const sub = e.subscription ?? { matching: true, topics: [] }
  if (sub.matching && status === 'eligible') return true
  return status !== 'ineligible' && (sub.topics ?? []).some((t) => policy.topics.includes(t))
}

/**
 * Tells an enterprise about a policy, once per enterprise × policy whatever the number of calls or processes: the
 * outbox key `policy:<policyId>:<creditCode>` is the send-once claim; the notice record (same key) feeds the 月通报.
 * Enterprises without an account (demo profiles) have no one to tell. Returns true when this call queued it.
 */
export async function sendPolicyNotice(policy: CachedPolicy, e: CachedEnterprise, granted: boolean): Promise<boolean> {
  if (!e.userId) return false
  const key = `${policy._id}:${e._id}`
  const queued = await notify({
    key: `policy:${key}`,
    to: { userId: e.userId },
    kind: granted ? 'policy_granted' : 'policy_match',
    title: granted ? '惠企政策已为您自动兑现' : '有一项惠企政策与您的企业匹配',
    body: granted
      ? `「${policy.title}」（${POLICY_MODE_LABELS.auto}）：您的企业符合条件，已自动兑现，无需申请。`
      : `「${policy.title}」与${e.name}的企业画像匹配，点击查看是否符合及申报指南。`,
    data: { thing1: policy.title.slice(0, 20), thing2: granted ? '已自动兑现' : '符合条件，可查看' },
    page: `/enterprise/policy/index?id=${policy._id}`,
  })
  const at = now()
  try {
    await PolicyNotice.create({ _id: key, policyId: policy._id, departmentId: policy.departmentId, creditCode: e._id, at, month: localDate(at).slice(0, 7) })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
  }
  return queued
}

/**
 * 免申即享: records the 兑现 of an eligible enterprise, once (`_id` = "<policyId>:<creditCode>"; a second publication,
 * a second process or a profile change finds it already there). Returns true when this call created it.
 */
export async function grantAutomatically(policy: CachedPolicy, e: CachedEnterprise): Promise<boolean> {
  const at = now()
  const date = localDate(at)
  try {
    await PolicyApplication.create({
      _id: `${policy._id}:${e._id}`,
      policyId: policy._id,
      departmentId: policy.departmentId,
      regionCode: policy.regionCode,
      creditCode: e._id,
      enterpriseName: e.name,
      userId: e.userId,
      mode: 'auto',
      status: 'granted',
      appliedAt: at,
      appliedDate: date,
      granted: { at, date, by: 'auto', amountFen: policy.benefit.amountFen ?? undefined },
      demo: Boolean(e.demo && policy.demo),
    })
    return true
  } catch (err) {
    if (isDuplicateKey(err)) return false
    throw err
  }
}

/**
 * What a published policy means for one enterprise now: a 免申即享 grant when it is eligible, and a notice when it
 * is granted or the enterprise's subscription asks for it. Every step is once-only, so this may run any number of times.
 */
export async function deliverPolicyTo(policy: CachedPolicy, e: CachedEnterprise, today: string): Promise<{ granted: boolean; notified: boolean }> {
  if (policy.status !== 'published') return { granted: false, notified: false }
  const status = statusOf(policy, e, today)
  let granted = false
  if (policy.mode === 'auto' && status === 'eligible') granted = await grantAutomatically(policy, e)
  const autoGranted = policy.mode === 'auto' && status === 'eligible'
  const notified = autoGranted || wantsNotice(e, policy, status) ? await sendPolicyNotice(policy, e, autoGranted) : false
  return { granted, notified }
}

/** The 兑现 deadline of an application made on `date` (working days on the effective calendar). */
export async function dueDateOf(date: string, promiseDays: number): Promise<string> {
  const cal = await currentCalendar()
  return addWorkingDays(date, promiseDays, cal.dayType)
}

/**
 * After a profile (or subscription) change: every published policy the enterprise now matches is delivered (免申即享
 * grant, notice). All steps are once-only, so a change that keeps a policy matching sends nothing new.
 */
export async function deliverAllTo(e: CachedEnterprise): Promise<void> {
  const today = localDate(now())
  const policies = await policyCache.items()
  let notified = 0
  for (const p of policies) {
    if (p.status !== 'published') continue
    if ((await deliverPolicyTo(p, e, today)).notified) notified++
  }
  if (notified) logger.info({ creditCode: e._id, notified }, 'policy notices after a profile change')
}

/** `POST /policies/subscriptions`: topics and/or every new policy I match; what matches now is delivered at once. */
export async function subscribe(auth: AuthContext, input: PolicySubscription): Promise<EnterpriseProfile> {
  const updated = await setSubscription(await requireMine(auth), input)
  await deliverAllTo(updated)
  return toProfile(updated)
}
