import Taro from '@tarojs/taro'
import { LEGAL_VERSION, type AgreementStatus } from '@xz/shared'
import { request } from './request'

export function fetchAgreement(): Promise<AgreementStatus> {
  return request<AgreementStatus>('/api/v1/me/agreement')
}

export function agreeToCurrent(): Promise<AgreementStatus> {
  return request<AgreementStatus>('/api/v1/me/agreement', { method: 'POST', data: { version: LEGAL_VERSION } })
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

export function exportMyData(): Promise<Record<string, unknown>> {
  return request<Record<string, unknown>>('/api/v1/me/export')
}

export function deleteMyAccount(): Promise<{ ok: true; deletedAt: string }> {
  return request('/api/v1/me/delete', { method: 'POST', data: { confirm: '注销账号' } })
}
