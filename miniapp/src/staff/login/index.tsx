import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { actionError } from '../lib/format'
import { ActionButton } from '../lib/ActionButton'
import { DeskInput } from '../lib/DeskInput'
import { LOGIN_NOTICES, type LoginReason } from '../lib/guard'
import { staffLogin } from '../api'
import { WORKBENCH_BY_ROLE } from '@/api/auth'
import '../staff.scss'

export default function StaffLogin() {
  const { params } = useRouter()
  const notice = LOGIN_NOTICES[params.reason as LoginReason] as string | undefined
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (!username.trim() || !password) {
      setError('请输入用户名和密码')
      return
    }
    setBusy(true)
    setError('')
    try {
      const me = await staffLogin(username.trim(), password)
      if (me.role === 'citizen') {
        setError('该账号不是工作人员账号')
        return
      }
      await Taro.redirectTo({ url: WORKBENCH_BY_ROLE[me.role] })
    } catch (err) {
      setError(actionError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='desk'>
      <View className='desk__header'>
        <Text className='desk__title'>工作人员登录</Text>
      </View>
      {notice && (
        <Text className='desk__notice' data-testid='login-notice'>
          {notice}
        </Text>
      )}
      <View className='desk__card'>
        <DeskInput label='用户名' testId='login-username' value={username} placeholder='请输入用户名' onChange={setUsername} />
        <DeskInput label='密码' testId='login-password' password value={password} placeholder='请输入密码' onChange={setPassword} onConfirm={() => void submit()} />
        <ActionButton variant='primary' testId='login-submit' disabled={busy} onClick={() => void submit()}>
          {busy ? '登录中…' : '登录'}
        </ActionButton>
        {error && (
          <Text className='desk__error' data-testid='login-error'>
            {error}
          </Text>
        )}
      </View>
      <Text className='desk__muted'>窗口工作人员和管理员使用由管理员分配的账号登录。</Text>
    </View>
  )
}
