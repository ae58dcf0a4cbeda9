/**
 * WeChat's privacy authorization (基础库 ≥ 2.32.3, `__usePrivacyCheck__` in app.config): when a privacy API
 * (getLocation, scanCode, phone number…) needs the person's consent, WeChat calls onNeedPrivacyAuthorization;
 * we open the 隐私政策 page, whose 同意 button has open-type agreePrivacyAuthorization (WeChat requires a real
 * button) and resolves the pending request. Only in the weapp build; H5 has no such API.
 */
import Taro from '@tarojs/taro'

type Resolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void
let pending: Resolve | undefined

export const AGREE_PRIVACY_BUTTON_ID = 'agree-privacy-authorization'

export function installPrivacyAuthorization(): void {
  if (Taro.getEnv() !== Taro.ENV_TYPE.WEAPP) return
  const wxApi = (globalThis as { wx?: { onNeedPrivacyAuthorization?: (cb: (resolve: Resolve) => void) => void } }).wx
  wxApi?.onNeedPrivacyAuthorization?.((resolve) => {
    pending = resolve
    void Taro.navigateTo({ url: '/pages/legal/index?kind=privacy&authorize=1' })
  })
}

export function hasPendingAuthorization(): boolean {
  return pending !== undefined
}

export function answerAuthorization(agree: boolean): void {
  pending?.(agree ? { event: 'agree', buttonId: AGREE_PRIVACY_BUTTON_ID } : { event: 'disagree' })
  pending = undefined
}
