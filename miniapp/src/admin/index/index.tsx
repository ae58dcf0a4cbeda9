import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useRegionName } from '@/hooks/useCatalogue'
import { useRoleGuard } from '../../staff/lib/guard'
import { GuardPending } from '../../staff/lib/GuardPending'
import { logout } from '../../staff/lib/StaffNav'
import { ADMIN_ROLES } from '../lib'
import '../../staff/staff.scss'

const ENTRIES = [
  { key: 'rules', label: '场次规则', hint: '双休日、节假日、午间和延时服务场次', url: '/admin/rules/index' },
  { key: 'calendar', label: '日历与停办', hint: '节假日调整、临时闭馆、取消某日场次', url: '/admin/calendar/index' },
  { key: 'accounts', label: '工作人员账号', hint: '新建账号、分配网点、停用', url: '/admin/accounts/index' },
  { key: 'stats', label: '统计看板', hint: '好差评、预约量、差评工单', url: '/admin/stats/index' },
  { key: 'exchange', label: '好差评数据推送', hint: '推送省好差评系统、失败重推', url: '/admin/exchange/index' },
  { key: 'hotline', label: '12345 诉求', hint: '延期审批、办理指标、月通报下载、派单目录', url: '/admin/hotline/index' },
  { key: 'knowledge', label: '知识库', hint: '每月复核、编辑、下架、新建条目，复核报告', url: '/admin/knowledge/index' },
  { key: 'policies', label: '惠企政策', hint: '政策条件、发布、申报受理、月通报', url: '/admin/policies/index' },
  { key: 'projects', label: '全代办 · 项目长', hint: '投资项目、审批清单模板、各阶段用时、风险项目', url: '/projects/admin/index' },
  { key: 'desk', label: '窗口工作台', hint: '今日预约、核验、叫号、差评工单', url: '/staff/desk/index' }
]

/** 管理后台: the administrator's entry page. */
export default function AdminHome() {
  const me = useRoleGuard(ADMIN_ROLES)
  const regionName = useRegionName(me?.regionCode)
  if (!me) return <GuardPending />

  return (
    <View className='desk' data-testid='admin-home'>
      <View className='desk__header'>
        <View className='desk__row-main'>
          <Text className='desk__title'>管理后台</Text>
          <Text className='desk__sub'>
            {me.name ?? me.username} · 管辖区域 <Text data-testid='admin-region'>{me.regionCode ? (regionName ?? '…') : '—'}</Text>
          </Text>
        </View>
        <Text className='desk__muted' data-testid='logout' onClick={logout}>
          退出登录
        </Text>
      </View>
      {ENTRIES.map((e) => (
        <View key={e.key} className='desk__card' data-testid={`admin-entry-${e.key}`} onClick={() => void Taro.navigateTo({ url: e.url })}>
          <Text className='desk__card-title'>{e.label} ›</Text>
          <Text className='desk__muted'>{e.hint}</Text>
        </View>
      ))}
    </View>
  )
}
