import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { Me, Role } from '@xz/shared'
import { getSession } from '@/api/request'
import { fetchMe } from '../api'

export const STAFF_LOGIN_URL = '/staff/login/index'

/** Why the login page was opened: shown there as a notice (no pop-up). */
export type LoginReason = 'login' | 'forbidden' | 'admin'

export const LOGIN_NOTICES: Record<LoginReason, string> = {
  login: '请先使用工作人员账号登录',
  forbidden: '当前账号不是工作人员账号，无权进入工作台，请使用工作人员账号登录',
  admin: '该功能仅限管理员使用，请使用管理员账号登录'
}

function toLogin(reason: LoginReason): void {
  void Taro.redirectTo({ url: `${STAFF_LOGIN_URL}?reason=${reason}` })
}

/** What a signed-in account of another role is told (a toast) and why the login page says it was opened. */
export interface Refusal {
  toast: string
  reason: LoginReason
}

/**
 * Lets a page open only for the given roles: without a session, or with an account of another role (a citizen),
 * the user is redirected to the staff login page with a message. Resolves to the signed-in account.
 */
export function useRoleGuard(roles: readonly Role[], refusal?: Refusal): Me | null {
  const [me, setMe] = useState<Me | null>(null)

  useEffect(() => {
    let active = true
    if (!getSession()) {
      toLogin('login')
      return
    }
    fetchMe().then(
      (account) => {
        if (!active) return
        if (roles.includes(account.role)) {
          setMe(account)
          return
        }
        void Taro.showToast({ title: refusal?.toast ?? '无权访问工作人员页面', icon: 'none' })
        toLogin(refusal?.reason ?? (roles.includes('staff') ? 'forbidden' : 'admin'))
      },
      () => {
        if (active) toLogin('login')
      }
    )
    return () => {
      active = false
    }
    // roles and refusal are constants per page: checked once on mount
  }, [])

  return me
}
