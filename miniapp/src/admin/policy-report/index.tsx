import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { localDate, policyContract } from '@xz/shared'
import { fetchPolicyReport, yuan } from '@/api/policies'
import { getSession, urlOf } from '@/api/request'
import { useAsync } from '@/hooks/useAsync'
import { useRoleGuard } from '../../staff/lib/guard'
import { GuardPending } from '../../staff/lib/GuardPending'
import { ADMIN_ROLES } from '../lib'
import '../../staff/staff.scss'
import '../policies/policy-admin.scss'

/** Downloads the XLSX with the session's token (H5: a blob link; mini-program: downloadFile + openDocument). */
async function downloadXlsx(month: string): Promise<void> {
  const url = urlOf(policyContract.reportXlsx, { query: { month } })
  const header = { Authorization: `Bearer ${getSession()?.accessToken ?? ''}` }
  if (process.env.TARO_ENV === 'h5') {
    const res = await fetch(url, { headers: header })
    if (!res.ok) throw new Error('download failed')
    const a = document.createElement('a')
    a.href = URL.createObjectURL(await res.blob())
    a.download = `惠企政策月通报-${month}.xlsx`
    a.click()
    return
  }
  const file = await Taro.downloadFile({ url, header })
  await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'xlsx' })
}

/** 月通报: per department, policies published, enterprises matched and notified, applications, 兑现, days, overdue. */
export default function PolicyReportPage() {
  const me = useRoleGuard(ADMIN_ROLES)
  const [month, setMonth] = useState(localDate(new Date()).slice(0, 7))
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month)
  const report = useAsync(() => fetchPolicyReport(month), [month], Boolean(me) && valid)
  if (!me) return <GuardPending />
  return (
    <View className='desk pol-admin' data-testid='admin-policy-report'>
      <View className='desk__header'>
        <View className='desk__row-main'>
          <Text className='desk__title'>惠企政策月通报</Text>
          <Text className='desk__sub'>送政策上门 · 涉企政策兑现</Text>
        </View>
      </View>
      <View className='desk__field'>
        <Text className='desk__label'>月份</Text>
        <View className='desk__input' data-testid='report-month'>
          <Input value={month} placeholder='YYYY-MM' onInput={(e) => setMonth(e.detail.value)} />
        </View>
        {!valid && <Text className='desk__field-error'>月份格式应为 YYYY-MM</Text>}
      </View>
      <View className='desk__actions'>
        <Text className='desk__btn desk__btn--plain' data-testid='report-xlsx' onClick={() => valid && void downloadXlsx(month).catch(() => Taro.showToast({ title: '导出失败', icon: 'none' }))}>
          导出 XLSX
        </Text>
      </View>
      {report.error && <Text className='desk__error'>{report.error}</Text>}
      {report.data?.rows.length === 0 && <Text className='desk__muted'>本月没有政策数据</Text>}
      {(report.data?.rows ?? []).map((r) => (
        <View key={r.departmentId} className='desk__card' data-testid='report-row'>
          <Text className='desk__card-title'>{r.departmentName}</Text>
          <Text className='desk__muted'>发布政策 {r.policiesPublished} 项 · 匹配企业 {r.enterprisesMatched} 家 · 推送 {r.notified} 家</Text>
          <Text className='desk__muted'>申报 {r.applied} 件 · 兑现 {r.granted} 件 · {yuan(r.grantedFen)}</Text>
          <Text className='desk__muted'>
            平均兑现用时 {r.avgWorkingDaysToGrant === null ? '—' : `${r.avgWorkingDaysToGrant} 个工作日`} · 超期 {r.overdue} 件
          </Text>
        </View>
      ))}
    </View>
  )
}
