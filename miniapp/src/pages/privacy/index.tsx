import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { logout } from '@/api/auth'
import { errorMessage } from '@/api/errors'
import { deleteMyAccount, exportMyData, fetchAgreement } from '@/api/privacy'
import { StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useElderMode } from '@/stores/elder'
import './index.scss'

const count = (data: Record<string, unknown>, key: string) => (Array.isArray(data[key]) ? (data[key] as unknown[]).length : 0)

/** 个人信息与隐私: the two texts, the agreement on record, 导出我的数据 and 注销账号. */
export default function PrivacyPage() {
  const { elderClass } = useElderMode()
  const agreement = useAsync(() => fetchAgreement(), [])
  const [busy, setBusy] = useState(false)
  const [exported, setExported] = useState<string>()

  const doExport = async () => {
    setBusy(true)
    try {
      const data = await exportMyData()
      const json = JSON.stringify(data, null, 2)
      await Taro.setClipboardData({ data: json }).catch(() => undefined)
      setExported(`已导出：预约 ${count(data, 'bookings')} 条、评价 ${count(data, 'ratings')} 条、整改工单 ${count(data, 'workOrders')} 条、消息 ${count(data, 'notifications')} 条。完整 JSON 已复制到剪贴板。`)
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const doDelete = async () => {
    const first = await Taro.showModal({
      title: '注销账号',
      content: '注销后，您的姓名、手机号、企业信息和评价内容将被删除，预约记录仅以匿名形式保留用于统计，且无法恢复。确定注销吗？',
      confirmText: '确定注销',
      confirmColor: '#c8161d',
    })
    if (!first.confirm) return
    setBusy(true)
    try {
      await deleteMyAccount()
      logout()
      await Taro.showToast({ title: '账号已注销', icon: 'success' })
      void Taro.switchTab({ url: '/pages/mine/index' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={`page privacy ${elderClass}`}>
      <View className='section privacy__links'>
        <Text className='privacy__link' data-testid='open-terms' onClick={() => void Taro.navigateTo({ url: '/pages/legal/index?kind=terms' })}>
          用户协议 ›
        </Text>
        <Text className='privacy__link' data-testid='open-privacy' onClick={() => void Taro.navigateTo({ url: '/pages/legal/index?kind=privacy' })}>
          隐私政策 ›
        </Text>
      </View>
      <StateView loading={agreement.loading && !agreement.data} error={agreement.error} onRetry={agreement.reload}>
        <View className='section'>
          <Text className='privacy__line' data-testid='agreement-state'>
            {agreement.data?.agreed
              ? `您已于 ${agreement.data.agreedAt?.slice(0, 10)} 同意 ${agreement.data.agreedVersion} 版协议`
              : '您尚未同意当前版本的协议，填写个人信息时会请您确认'}
          </Text>
        </View>
      </StateView>
      <View className='section'>
        <Button block type='primary' fill='outline' loading={busy} data-testid='export-my-data' onClick={() => void doExport()}>
          导出我的数据
        </Button>
        {exported && (
          <Text className='privacy__line' data-testid='export-result'>
            {exported}
          </Text>
        )}
      </View>
      <View className='section'>
        <Button block type='danger' loading={busy} data-testid='delete-account' onClick={() => void doDelete()}>
          注销账号
        </Button>
      </View>
    </View>
  )
}
