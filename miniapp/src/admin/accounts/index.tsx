import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { StaffAccount } from '@xz/shared'
import { useAsync } from '@/hooks/useAsync'
import { useRoleGuard } from '../../staff/lib/guard'
import { DeskState } from '../../staff/lib/DeskState'
import { GuardPending } from '../../staff/lib/GuardPending'
import { useHallChoice, type HallRef } from '../../staff/lib/halls'
import { ActionButton } from '../../staff/lib/ActionButton'
import { actionError, fieldErrors } from '../../staff/lib/format'
import { ADMIN_ROLES } from '../lib'
import { createAccount, fetchAccounts, resetPassword, updateAccount } from '../api'
import '../../staff/staff.scss'

function AccountForm({ halls, onCreated }: { halls: HallRef[]; onCreated: (username: string, password: string) => void }) {
  const [username, setUsername] = useState('')
  const [name, setName] = useState('')
  const [hallIds, setHallIds] = useState<string[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const toggleHall = (id: string) => setHallIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]))

  const submit = async () => {
    setBusy(true)
    setErrors({})
    setError('')
    try {
      const { account, password } = await createAccount({ username: username.trim(), name: name.trim(), hallIds })
      setUsername('')
      setName('')
      setHallIds([])
      onCreated(account.username, password)
    } catch (err) {
      const fields = fieldErrors(err)
      setErrors(fields)
      setError(Object.keys(fields).length ? '请按提示修改' : actionError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='desk__card' data-testid='account-form'>
      <Text className='desk__card-title'>新建工作人员账号</Text>
      <View className='desk__field'>
        <Text className='desk__label'>用户名</Text>
        <Input className='desk__input' data-testid='account-username' value={username} placeholder='字母开头，4–32 位' onInput={(e) => setUsername(e.detail.value)} />
        {errors.username && <Text className='desk__field-error' data-testid='account-error-username'>{errors.username}</Text>}
      </View>
      <View className='desk__field'>
        <Text className='desk__label'>姓名</Text>
        <Input className='desk__input' data-testid='account-name' value={name} placeholder='工作人员姓名' onInput={(e) => setName(e.detail.value)} />
        {errors.name && <Text className='desk__field-error'>{errors.name}</Text>}
      </View>
      <View className='desk__field'>
        <Text className='desk__label'>负责网点</Text>
        <View className='desk__chips'>
          {halls.map((h) => (
            <Text
              key={h.id}
              className={`desk__chip ${hallIds.includes(h.id) ? 'desk__chip--active' : ''}`}
              data-testid='account-hall'
              onClick={() => toggleHall(h.id)}
            >
              {h.name}
            </Text>
          ))}
        </View>
        {errors.hallIds && <Text className='desk__field-error' data-testid='account-error-hallIds'>{errors.hallIds}</Text>}
      </View>
      <ActionButton variant='primary' testId='account-create' disabled={busy} onClick={() => void submit()}>
        创建账号
      </ActionButton>
      {error && <Text className='desk__error'>{error}</Text>}
    </View>
  )
}

interface RowProps {
  account: StaffAccount
  onChanged: (message: string) => void
  onPassword: (username: string, password: string) => void
}

function AccountRow({ account, onChanged, onPassword }: RowProps) {
  const toggle = async () => {
    try {
      await updateAccount(account.id, { disabled: !account.disabled })
      onChanged(account.disabled ? `已启用 ${account.username}` : `已停用 ${account.username}`)
    } catch (err) {
      onChanged(actionError(err))
    }
  }
  const reset = async () => {
    const { confirm } = await Taro.showModal({ title: '重置密码', content: `为 ${account.name} 生成新密码？原密码将立即失效。` })
    if (!confirm) return
    try {
      const { password } = await resetPassword(account.id)
      onPassword(account.username, password)
    } catch (err) {
      onChanged(actionError(err))
    }
  }
  return (
    <View className='desk__row' data-testid='account-item'>
      <View className='desk__row-main'>
        <Text>
          {account.name}（{account.username}）
        </Text>
        <Text className='desk__muted'>{account.halls.map((h) => h.name).join('、') || '未分配网点'}</Text>
      </View>
      {account.disabled && <Text className='desk__tag desk__tag--no_show'>已停用</Text>}
      <ActionButton small variant='plain' testId='account-reset' onClick={() => void reset()}>
        重置密码
      </ActionButton>
      <ActionButton small variant={account.disabled ? 'plain' : 'danger'} testId='account-toggle' onClick={() => void toggle()}>
        {account.disabled ? '启用' : '停用'}
      </ActionButton>
    </View>
  )
}

/** 工作人员账号: the region's staff accounts. A new account's password is shown once. */
export default function AdminAccounts() {
  const me = useRoleGuard(ADMIN_ROLES)
  const { halls } = useHallChoice(me)
  const accounts = useAsync(fetchAccounts, [], Boolean(me))
  const [message, setMessage] = useState('')
  const [created, setCreated] = useState<{ username: string; password: string; reset?: boolean } | null>(null)

  if (!me) return <GuardPending />

  return (
    <View className='desk' data-testid='admin-accounts'>
      <View className='desk__header'>
        <Text className='desk__title'>工作人员账号</Text>
      </View>
      {created && (
        <View className='desk__notice' data-testid='account-created'>
          <Text>
            账号 {created.username} {created.reset ? '密码已重置，新密码' : '已创建，初始密码'}：
            <Text data-testid='account-password'>{created.password}</Text>
            （仅显示一次，请转交本人并提醒修改）
          </Text>
        </View>
      )}
      {message && <Text className='desk__notice'>{message}</Text>}
      <AccountForm
        halls={halls}
        onCreated={(username, password) => {
          setCreated({ username, password })
          accounts.reload()
        }}
      />
      <View className='desk__card'>
        <Text className='desk__card-title'>账号列表</Text>
        <DeskState loading={accounts.loading && !accounts.data} error={accounts.error} onRetry={accounts.reload} empty={accounts.data?.length === 0} emptyText='暂无工作人员账号'>
          {accounts.data?.map((a) => (
            <AccountRow
              key={a.id}
              account={a}
              onPassword={(username, password) => setCreated({ username, password, reset: true })}
              onChanged={(text) => {
                setMessage(text)
                accounts.reload()
              }}
            />
          ))}
        </DeskState>
      </View>
    </View>
  )
}
