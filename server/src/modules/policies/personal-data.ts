import crypto from 'node:crypto'
import { ERASED_ENTERPRISE } from '@xz/shared'
import { isDuplicateKey } from '../../lib/errors'
import { PolicyApplication, type PolicyApplicationDoc } from './policy.model'

/** A deleted account's enterprise key: stable (steps can be re-run), not reversible to the credit code. */
const erasedCode = (userId: string, creditCode: string) =>
  `erased-${crypto.createHash('sha256').update(`${userId}:${creditCode}`).digest('hex').slice(0, 18)}`

/**
 * The person's 申报 records: those they filed (`userId`) and the 免申即享 grants of their enterprise (`creditCode`),
 * both pushdown-marked equalities, deduplicated.
 */
export async function applicationsOf(userId: string, code: string | undefined): Promise<PolicyApplicationDoc[]> {
  const [mine, ofEnterprise] = await Promise.all([
    PolicyApplication.find({ userId }).lean<PolicyApplicationDoc[]>(),
    code ? PolicyApplication.find({ creditCode: code }).lean<PolicyApplicationDoc[]>() : [],
  ])
  const byId = new Map<string, PolicyApplicationDoc>()
  for (const a of [...mine, ...ofEnterprise]) byId.set(a._id, a)
  return [...byId.values()]
}

/**
 * 注销账号: the 申报 / 兑现 records stay for the 月通报 (department, status, dates, amounts) but lose the enterprise:
 * they move to an anonymous key (insert the new record first, then delete the old one, so a re-run finishes an
 * interrupted step).
 */
export async function anonymiseApplicationsOf(userId: string, code: string | undefined): Promise<void> {
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
}
