import { useCallback, useState } from 'react'
import type { Me, UpdateMe } from '@xz/shared'
import { fetchHealthInfo, fetchMe, isLoggedIn, isWeapp, loginWithCode, logout, updateMe } from '@/api/auth'
import { errorMessage } from '@/api/errors'
import { ensureAgreement } from '@/api/privacy'
import Taro from '@tarojs/taro'
import { useAsync } from './useAsync'

/** The signed-in user (null when signed out) and whether the H5 development login is offered. */
export function useAccount() {
  const [version, setVersion] = useState(0)
  const refresh = useCallback(() => setVersion((v) => v + 1), [])
  const me = useAsync<Me | null>(() => (isLoggedIn() ? fetchMe() : Promise.resolve(null)), [version])
  const devLogin = useAsync<boolean>(
    () => (isWeapp() ? Promise.resolve(false) : fetchHealthInfo().then((h) => h.devLogin === true, () => false)),
    []
  )
  const [busy, setBusy] = useState(false)

  const run = useCallback(
    async (action: () => Promise<unknown>, done: string): Promise<{ ok: boolean; message: string }> => {
      setBusy(true)
      try {
        await action()
        refresh()
        return { ok: true, message: done }
      } catch (err) {
        return { ok: false, message: errorMessage(err) }
      } finally {
        setBusy(false)
      }
    },
    [refresh]
  )

  const loginDev = useCallback((code: string) => run(() => loginWithCode(code.trim()), '登录成功'), [run])
  const loginWechat = useCallback(
    () => run(async () => loginWithCode((await Taro.login()).code), '登录成功'),
    [run]
  )
  const save = useCallback(
    async (patch: UpdateMe) => {
      // personal data only after agreement to the 用户协议 and 隐私政策 (recorded on the server)
      const personal = patch.name !== undefined || patch.mobile !== undefined || Boolean(patch.enterprise)
      if (personal && !(await ensureAgreement().catch(() => false))) return { ok: false, message: '同意用户协议和隐私政策后才能保存' }
      return run(() => updateMe(patch), '已保存')
    },
    [run]
  )
  const signOut = useCallback(() => {
    logout()
    refresh()
  }, [refresh])

  return { me, devLogin: devLogin.data === true, busy, loginDev, loginWechat, save, signOut, refresh }
}
