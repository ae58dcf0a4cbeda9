import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { Me, Role } from '@xz/shared'
import { fetchMe } from '@/api/auth'
import { getSession } from '@/api/request'

const STAFF_LOGIN_URL = '/staff/login/index'

/**
 * Lets a 项目长/代办员 screen ('agent') or an administrator screen ('admin') open only for that role: without a
 * session, or with another account, the user lands on the staff login page with the reason shown there.
 * Resolves to the signed-in account.
 */
export function useProjectGuard(role: Extract<Role, 'agent' | 'admin'>): Me | null {
  const [me, setMe] = useState<Me | null>(null)

  useEffect(() => {
    let active = true
    const toLogin = (reason: 'login' | 'forbidden' | 'admin') => void Taro.redirectTo({ url: `${STAFF_LOGIN_URL}?reason=${reason}` })
    if (!getSession()) {
      toLogin('login')
      return
    }
    fetchMe().then(
      (account) => {
        if (!active) return
        if (account.role === role) {
          setMe(account)
          return
        }
        void Taro.showToast({ title: role === 'admin' ? '该功能仅限管理员使用' : '该功能仅限项目长、代办员使用', icon: 'none' })
        toLogin(role === 'admin' ? 'admin' : 'forbidden')
      },
      () => {
        if (active) toLogin('login')
      }
    )
    return () => {
      active = false
    }
  }, [])

  return me
}
