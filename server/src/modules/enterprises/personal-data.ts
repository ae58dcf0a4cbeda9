import { enterpriseCache } from './enterprise-cache'
import { Enterprise, EnterpriseOwner } from './enterprise.model'

/**
 * 注销账号: the enterprise profile was entered by the person and is tied to them: it is removed with the owner record,
 * so the credit code is released and the enterprise can be claimed again (by a successor account, from scratch).
 */
export async function releaseEnterpriseOf(userId: string, code: string | undefined): Promise<void> {
  if (!code) return
  await Enterprise.deleteOne({ _id: code, userId })
  await EnterpriseOwner.deleteOne({ _id: userId })
  await enterpriseCache.touch()
}
