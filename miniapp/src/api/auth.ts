import Taro from '@tarojs/taro'
import { authContract, healthContract, type Health, type Me, type UpdateMe } from '@xz/shared'
import { ApiError, call, clearSession, getSession, setSession } from './request'

export async function fetchHealthInfo(): Promise<Health> {
  return call(healthContract.get)
}

/** POST /auth/wechat {code}: a wx.login code in WeChat, the development login's code on H5. */
export async function loginWithCode(code: string): Promise<Me> {
  const pair = await call(authContract.wechatLogin, { body: { code } })
  setSession({ accessToken: pair.accessToken, refreshToken: pair.refreshToken })
  return pair.user
}

/** The staff subpackage's sign-in page (opened from 我的). */
export const STAFF_LOGIN_PAGE = '/staff/login/index'
/** Where staff and administrators work (their home in the subpackages). */
export const WORKBENCH_BY_ROLE = { staff: '/staff/desk/index', admin: '/admin/index/index', dispatcher: '/hotline/dispatch/index', handler: '/hotline/handler/index', agent: '/projects/work/index' } as const

export const isWeapp = (): boolean => Taro.getEnv() === Taro.ENV_TYPE.WEAPP

/**
 * Makes sure a session exists. In WeChat it signs in silently with Taro.login; on H5 (development login only)
 * it rejects with UNAUTHENTICATED so the page can send the user to 我的.
 */
export async function ensureLogin(): Promise<void> {
  if (getSession()) return
  if (!isWeapp()) throw new ApiError('UNAUTHENTICATED', 401, '请先登录')
  // screens load several lists at once: they share one sign-in
  pendingLogin ??= Taro.login()
    .then(({ code }) => loginWithCode(code))
    .then(() => undefined)
    .finally(() => {
      pendingLogin = null
    })
  return pendingLogin
}

let pendingLogin: Promise<void> | null = null

export function fetchMe(): Promise<Me> {
  return call(authContract.me)
}

export function updateMe(patch: UpdateMe): Promise<Me> {
  return call(authContract.updateMe, { body: patch })
}

export function logout(): void {
  clearSession()
}

export const isLoggedIn = (): boolean => getSession() !== null
