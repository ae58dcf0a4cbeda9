import { LEGAL_VERSION } from '@xz/shared'
import { agreedVersionOf, type AuthContext } from '../../lib/auth'
import { AppError } from '../../lib/errors'

/**
 * Refuses a write of personal data (booking, 12345 诉求, enterprise profile, my name and mobile) before the citizen has
 * agreed to the current 用户协议 and 隐私政策 (SPEC §2.10). Read with the holder's state (lib/auth), so no round trip of
 * its own; only citizens are asked.
 */
export async function requireAgreement(auth: AuthContext): Promise<void> {
  if (auth.role !== 'citizen') return
  if ((await agreedVersionOf(auth, LEGAL_VERSION)) !== LEGAL_VERSION) {
    throw new AppError('PRIVACY_AGREEMENT_REQUIRED', '请先阅读并同意《用户协议》和《隐私政策》后再填写个人信息')
  }
}
