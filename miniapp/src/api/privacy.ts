import Taro from '@tarojs/taro'
import { LEGAL_VERSION, privacyContract, type AgreementStatus, type ResponseOf } from '@xz/shared'
import { call } from './request'

export function fetchAgreement(): Promise<AgreementStatus> {
  return call(privacyContract.agreement)
}

export function agreeToCurrent(): Promise<AgreementStatus> {
  return call(privacyContract.agree, { body: { version: LEGAL_VERSION } })
}

/**
 * Before the first personal data is sent (profile, booking form): asks once for agreement to the current
 * 用户协议 and 隐私政策 and records it on the server. Resolves false when the person declines.
 */
export async function ensureAgreement(): Promise<boolean> {
  const status = await fetchAgreement()
  if (status.agreed) return true
  const answer = await Taro.showModal({
    title: '用户协议与隐私政策',
    content: '填写姓名、手机号等信息前，请阅读并同意《用户协议》和《隐私政策》（在“我的—个人信息与隐私”中查看全文）。',
    confirmText: '同意',
    cancelText: '不同意',
  })
  if (!answer.confirm) return false
  await agreeToCurrent()
  return true
}

export function exportMyData(): Promise<ResponseOf<typeof privacyContract.exportMyData>> {
  return call(privacyContract.exportMyData)
}

export function deleteMyAccount(): Promise<ResponseOf<typeof privacyContract.deleteAccount>> {
  return call(privacyContract.deleteAccount, { body: { confirm: '注销账号' } })
}
