import { industryName, type EnterpriseProfile, type EnterpriseProfileInput, type PolicySubscription } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { AppError, isDuplicateKey } from '../../lib/errors'
import { enterpriseCache } from './enterprise-cache'
import { profileChangedPort } from './enterprises.ports'
import { Enterprise, EnterpriseOwner, type EnterpriseDoc } from './enterprise.model'
import { requireAgreement } from '../auth'

const PROFILE_FIELDS = ['registeredRegion', 'industry', 'scale', 'employees', 'revenueBand', 'establishedOn', 'qualifications', 'tags'] as const

export function toProfile(e: EnterpriseDoc): EnterpriseProfile {
  return {
    name: e.name,
    creditCode: e._id,
    registeredRegion: e.registeredRegion ?? undefined,
    industry: e.industry ?? undefined,
    industryName: e.industry ? industryName(e.industry) : undefined,
    scale: (e.scale ?? undefined) as EnterpriseProfile['scale'],
    employees: e.employees ?? undefined,
    revenueBand: (e.revenueBand ?? undefined) as EnterpriseProfile['revenueBand'],
    establishedOn: e.establishedOn ?? undefined,
    qualifications: e.qualifications ?? undefined,
    tags: e.tags ?? undefined,
    subscription: { matching: e.subscription?.matching ?? true, topics: e.subscription?.topics ?? [] },
    demo: Boolean(e.demo),
    updatedAt: (e.updatedAt ?? now()).toISOString(),
  }
}

/** The credit code the caller owns (reached by `_id` = user id), or undefined. */
export async function ownedCode(userId: string): Promise<string | undefined> {
  const owner = await EnterpriseOwner.findById(userId).lean<{ creditCode: string }>()
  return owner?.creditCode
}

/** The caller's enterprise (by `_id` twice: owner record, then profile), or null. */
export async function myEnterprise(auth: AuthContext): Promise<EnterpriseDoc | null> {
  const code = await ownedCode(auth.sub)
  if (!code) return null
  return Enterprise.findById(code).lean<EnterpriseDoc>()
}

export async function getMine(auth: AuthContext): Promise<EnterpriseProfile | null> {
  const e = await myEnterprise(auth)
  return e ? toProfile(e) : null
}

export async function requireMine(auth: AuthContext): Promise<EnterpriseDoc> {
  const e = await myEnterprise(auth)
  if (!e) throw new AppError('ENTERPRISE_PROFILE_REQUIRED', '请先填写企业画像（统一社会信用代码）')
  return e
}

/**
 * Claims a credit code for the caller: the profile insert with `_id` = code is the claim (one winner); then the
 * owner record (`_id` = user id) ties the account to it. An account owns one enterprise.
 */
async function claim(auth: AuthContext, input: EnterpriseProfileInput): Promise<void> {
  try {
    await Enterprise.create({ _id: input.creditCode, userId: auth.sub, name: input.name })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    const holder = await Enterprise.findById(input.creditCode).select('userId').lean<{ userId?: unknown }>()
    if (String(holder?.userId ?? '') !== auth.sub) {
      throw new AppError('ENTERPRISE_CLAIMED', '该统一社会信用代码已由其他账号认领，一个企业只能由一个账号维护企业画像', { field: 'creditCode' })
    }
  }
  try {
    await EnterpriseOwner.create({ _id: auth.sub, creditCode: input.creditCode })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    const other = await ownedCode(auth.sub)
    if (other !== input.creditCode) {
      // the same account claimed two codes at once: give this one back
      await Enterprise.deleteOne({ _id: input.creditCode, userId: auth.sub })
      throw new AppError('CONFLICT', '本账号已绑定其他企业，不能再认领')
    }
  }
}

/** `PUT /me/enterprise`: creates (claiming the code) or updates my profile; the policies feature then delivers what now matches. */
export async function putMine(auth: AuthContext, input: EnterpriseProfileInput): Promise<EnterpriseProfile> {
  await requireAgreement(auth)
  const code = await ownedCode(auth.sub)
  if (code && code !== input.creditCode) {
    throw new AppError('CONFLICT', `本账号已绑定统一社会信用代码 ${code}，不能更换为其他企业`, { field: 'creditCode' })
  }
  if (!code) await claim(auth, input)
  const set: Record<string, unknown> = { name: input.name }
  const unset: Record<string, 1> = {}
  for (const f of PROFILE_FIELDS) {
    const v = input[f]
    if (v === undefined) continue
    if (v === null) unset[f] = 1
    else set[f] = v
  }
  await Enterprise.updateOne({ _id: input.creditCode }, { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) })
  await enterpriseCache.touch()
  const e = (await Enterprise.findById(input.creditCode).lean<EnterpriseDoc>())!
  await profileChangedPort.use(e)
  return toProfile(e)
}

/** Sets the policy subscription of an enterprise (`POST /policies/subscriptions`, through the policies feature). */
export async function setSubscription(e: EnterpriseDoc, input: PolicySubscription): Promise<EnterpriseDoc> {
  await Enterprise.updateOne({ _id: e._id }, { $set: { subscription: { matching: input.matching, topics: input.topics } } })
  await enterpriseCache.touch()
  return (await Enterprise.findById(e._id).lean<EnterpriseDoc>())!
}
