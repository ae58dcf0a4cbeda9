import { useEffect, useState, type ReactNode } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { maskMobile, type Me } from '@xz/shared'
import { STAFF_LOGIN_PAGE, WORKBENCH_BY_ROLE, isWeapp } from '@/api/auth'
import { FormField } from '@/components/FormField'
import { StateView } from '@/components/StateView'
import { useAccount } from '@/hooks/useAuth'
import { creditCodeError, enterpriseNameError, mobileError } from '@/utils/validation'
import { ElderSwitch } from '@/components/elder'
import { useElderMode } from '@/stores/elder'
import { returnAfterLogin } from '@/utils/loginReturn'
import { PendingRatingsCard } from '@/components/PendingRatings'
import { usePendingRatings, useUnreadCount } from '@/hooks/useFollowups'
import './index.scss'

function toast(result: { ok: boolean; message: string }) {
  void Taro.showToast({ title: result.message, icon: result.ok ? 'success' : 'none' })
}

/** Signed in: back to the page that sent the user here (e.g. the booking form), if any. */
function afterLogin(result: { ok: boolean; message: string }) {
  toast(result)
  if (result.ok) returnAfterLogin()
}

function LoginPanel({ devLogin, busy, onDev, onWechat }: {
  devLogin: boolean
  busy: boolean
  onDev: (code: string) => void
  onWechat: () => void
}) {
  const [code, setCode] = useState('')
  if (isWeapp()) {
    return (
      <View className='section'>
        <Button block type='primary' loading={busy} data-testid='wechat-login' onClick={onWechat}>
          微信一键登录
        </Button>
      </View>
    )
  }
  if (!devLogin) {
    return (
      <View className='section'>
        <Text className='muted'>请在微信中打开“忻州政务·无忧办”小程序登录</Text>
      </View>
    )
  }
  return (
    <View className='section' data-testid='dev-login'>
      <View className='section__title'>
        <Text className='section__title-text'>开发环境登录</Text>
      </View>
      <FormField label='登录名' testId='dev-login-code' value={code} onChange={setCode} placeholder='任意名称，如 zhangsan' maxLength={64} />
      <Button block type='primary' loading={busy} disabled={!code.trim()} data-testid='dev-login-submit' onClick={() => onDev(code)}>
        登录
      </Button>
      <Text className='muted mine__hint'>仅开发环境提供，正式环境使用微信登录</Text>
    </View>
  )
}

function ProfileForm({ me, busy, onSave }: { me: Me; busy: boolean; onSave: ReturnType<typeof useAccount>['save'] }) {
  const [name, setName] = useState(me.name ?? '')
  const [mobile, setMobile] = useState(me.mobile ?? '')
  const [entName, setEntName] = useState(me.enterprise?.name ?? '')
  const [creditCode, setCreditCode] = useState(me.enterprise?.creditCode ?? '')
  useEffect(() => {
    setName(me.name ?? '')
    setMobile(me.mobile ?? '')
    setEntName(me.enterprise?.name ?? '')
    setCreditCode(me.enterprise?.creditCode ?? '')
  }, [me])

  const mobileErr = mobile ? mobileError(mobile) : undefined
  const bindErr = enterpriseNameError(entName) ?? creditCodeError(creditCode)

  return (
    <View>
      <View className='section'>
        <View className='section__title'>
          <Text className='section__title-text'>个人信息</Text>
        </View>
        <FormField label='姓名' testId='profile-name' value={name} onChange={setName} placeholder='预约时自动填写' maxLength={30} />
        <FormField label='手机号码' testId='profile-mobile' value={mobile} onChange={setMobile} error={mobileErr} type='digit' maxLength={11} />
        <Button
          block
          type='primary'
          fill='outline'
          loading={busy}
          disabled={Boolean(mobileErr)}
          data-testid='profile-save'
          onClick={async () => toast(await onSave({ name: name.trim() || undefined, mobile: mobile.trim() || undefined }))}
        >
          保存个人信息
        </Button>
      </View>

      <View className='section' data-testid='enterprise-binding'>
        <View className='section__title'>
          <Text className='section__title-text'>企业绑定</Text>
          {me.enterprise && <Text className='badge badge--green'>已绑定</Text>}
        </View>
        <FormField label='企业名称' testId='bind-name' value={entName} onChange={setEntName} error={entName ? enterpriseNameError(entName) : undefined} maxLength={100} />
        <FormField
          label='统一社会信用代码'
          testId='bind-credit-code'
          value={creditCode}
          onChange={(v) => setCreditCode(v.toUpperCase())}
          error={creditCode ? creditCodeError(creditCode) : undefined}
          maxLength={18}
        />
        <View className='mine__row-buttons'>
          {me.enterprise && (
            <Button size='small' onClick={async () => toast(await onSave({ enterprise: null }))}>
              解除绑定
            </Button>
          )}
          <Button
            size='small'
            type='primary'
            disabled={Boolean(bindErr)}
            data-testid='bind-save'
            onClick={async () => toast(await onSave({ enterprise: { name: entName.trim(), creditCode: creditCode.trim() } }))}
          >
            {me.enterprise ? '更新绑定' : '绑定企业'}
          </Button>
        </View>
      </View>
    </View>
  )
}

/** 工作人员登录, or 进入工作台 once a staff member or an administrator is signed in. */
function StaffEntry({ me }: { me?: Me }) {
  const workbench = me && me.role !== 'citizen' ? WORKBENCH_BY_ROLE[me.role] : undefined
  return (
    <View className='section mine__links'>
      {workbench ? (
        <Text className='mine__link' data-testid='workbench-entry' onClick={() => void Taro.navigateTo({ url: workbench })}>
          进入工作台 ›
        </Text>
      ) : (
        <Text className='mine__link' data-testid='staff-login-entry' onClick={() => void Taro.navigateTo({ url: STAFF_LOGIN_PAGE })}>
          工作人员登录 ›
        </Text>
      )}
    </View>
  )
}

/** One row of the 我的 menu: the label, an optional badge, and the arrow at the right edge (full-width tap target). */
function MenuLink({ label, testId, onClick, children }: { label: string; testId?: string; onClick: () => void; children?: ReactNode }) {
  return (
    <View className='mine__link' data-testid={testId} onClick={onClick}>
      <Text className='mine__link-label'>{label}</Text>
      {children}
      <Text className='mine__link-arrow'>›</Text>
    </View>
  )
}

export default function MinePage() {
  const account = useAccount()
  const { me } = account
  const { elderClass } = useElderMode()
  const [shown, setShown] = useState(0)
  useDidShow(() => {
    account.refresh()
    setShown((n) => n + 1)
  })
  const signedIn = me.data?.role === 'citizen'
  const toRate = usePendingRatings(`${shown}:${signedIn}`)
  const unread = useUnreadCount(`${shown}:${signedIn}`)

  return (
    <View className={`page mine ${elderClass}`}>
      <View className='mine__head'>
        <View className='mine__avatar'>
          <Text>{me.data?.name?.slice(0, 1) ?? '民'}</Text>
        </View>
        <View className='mine__who'>
          <Text className='mine__name' data-testid='login-state'>
            {me.data ? me.data.name || '已登录用户' : '未登录'}
          </Text>
          <Text className='mine__sub'>
            {me.data ? (me.data.mobile ? maskMobile(me.data.mobile) : '完善信息后预约更便捷') : '登录后可预约办理、查看评价'}
          </Text>
        </View>
      </View>

      <View className='section'>
        <ElderSwitch />
      </View>

      <StateView loading={me.loading && !me.data} error={me.error} onRetry={me.reload}>
        {me.data ? (
          <View>
            <View className='section mine__links'>
              <MenuLink label='我的预约' onClick={() => Taro.switchTab({ url: '/pages/bookings/index' })} />
              <MenuLink label='我的评价' testId='mine-ratings' onClick={() => Taro.navigateTo({ url: '/pages/ratings/index' })} />
              <MenuLink label='个人信息与隐私' testId='mine-privacy' onClick={() => Taro.navigateTo({ url: '/pages/privacy/index' })} />
              <MenuLink label='消息' testId='mine-messages' onClick={() => Taro.navigateTo({ url: '/pages/messages/index' })}>
                {unread.data ? (
                  <Text className='mine__unread' data-testid='mine-unread'>
                    {unread.data > 99 ? '99+' : unread.data}
                  </Text>
                ) : null}
              </MenuLink>
              <MenuLink label='我的诉求（12345）' testId='mine-tickets' onClick={() => Taro.navigateTo({ url: '/pages/tickets/mine/index' })} />
              <MenuLink label='惠企政策 · 为你推荐' testId='mine-policies' onClick={() => Taro.navigateTo({ url: '/enterprise/policies/index' })} />
              <MenuLink label='我的项目（全代办）' testId='mine-projects' onClick={() => Taro.navigateTo({ url: '/projects/mine/index' })} />
            </View>
            <PendingRatingsCard items={toRate.data} />
            <ProfileForm me={me.data} busy={account.busy} onSave={account.save} />
            <View className='section'>
              <View className='section__title'>
                <Text className='section__title-text'>设置</Text>
              </View>
              <Text className='muted mine__setting'>预约提醒：开始前24小时和1小时通知</Text>
              <Text className='muted mine__setting'>监督投诉电话：12345</Text>
              <Button block data-testid='logout' onClick={account.signOut}>
                退出登录
              </Button>
            </View>
          </View>
        ) : (
          <LoginPanel
            devLogin={account.devLogin}
            busy={account.busy}
            onDev={async (code) => afterLogin(await account.loginDev(code))}
            onWechat={async () => afterLogin(await account.loginWechat())}
          />
        )}
      </StateView>

      {!(me.loading && !me.data) && <StaffEntry me={me.data ?? undefined} />}
    </View>
  )
}
