import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { addDays, exchangeContract, localDate, SATISFACTION_LABELS, type ExchangeKind } from '@xz/shared'
import { getSession, urlOf } from '@/api/request'
import { useAsync } from '@/hooks/useAsync'
import { useRoleGuard } from '../../staff/lib/guard'
import { DeskState } from '../../staff/lib/DeskState'
import { GuardPending } from '../../staff/lib/GuardPending'
import { ActionButton } from '../../staff/lib/ActionButton'
import { actionError, shortDateTime } from '../../staff/lib/format'
import { ADMIN_ROLES } from '../lib'
import { fetchExchange, repushRecord } from './exchange.api'
import '../../staff/staff.scss'

const KIND_LABELS: Record<ExchangeKind, string> = { rating: '评价', append: '追评', reply: '整改答复', revisit: '整改回访' }

type ExportFormat = 'jsonl' | 'csv'
type ExportScheme = 'national' | 'provincial'
const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * Downloads the export of a period with the session's token (H5: fetch + a blob link; mini-program: downloadFile, then
 * openDocument can show neither JSON lines nor CSV, so the saved file's path is shown). Rejects with the server's
 * message when it refuses (e.g. a period longer than 31 days).
 */
async function downloadExport(from: string, to: string, format: ExportFormat, scheme: ExportScheme): Promise<string> {
  const url = urlOf(exchangeContract.export, { query: { from, to, format, scheme } })
  const header = { Authorization: `Bearer ${getSession()?.accessToken ?? ''}` }
  const name = `好差评-${scheme === 'national' ? '国家' : '省级'}-${from}_${to}.${format === 'csv' ? 'csv' : 'jsonl'}`
  if (process.env.TARO_ENV === 'h5') {
    const res = await fetch(url, { headers: header })
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null
      throw new Error(body?.error?.message ?? '导出失败')
    }
    const a = document.createElement('a')
    a.href = URL.createObjectURL(await res.blob())
    a.download = name
    a.click()
    return name
  }
  const file = await Taro.downloadFile({ url, header })
  if (file.statusCode !== 200) throw new Error('导出失败')
  const saved = Taro.getFileSystemManager().saveFileSync(file.tempFilePath)
  return String(saved)
}

/** 好差评数据推送: backlog, dead letters with one-tap re-push, and where the export is when no endpoint is set. */
export default function AdminExchange() {
  const me = useRoleGuard(ADMIN_ROLES)
  const overview = useAsync(fetchExchange, [], Boolean(me))
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState('')
  const today = localDate(new Date())
  const [from, setFrom] = useState(addDays(today, -6))
  const [to, setTo] = useState(today)
  const [scheme, setScheme] = useState<ExportScheme>('national')
  const periodValid = DATE.test(from) && DATE.test(to) && from <= to

  if (!me) return <GuardPending />

  const exportFile = async (format: ExportFormat) => {
    if (!periodValid) return
    setBusy(`export-${format}`)
    try {
      const name = await downloadExport(from, to, format, scheme)
      setMessage(`已导出：${name}`)
    } catch (err) {
      setMessage(err instanceof Error ? err.message : '导出失败')
    } finally {
      setBusy('')
    }
  }

  const repush = async (id: string) => {
    setBusy(id)
    try {
      await repushRecord(id)
      setMessage('已重新加入推送队列')
      overview.reload()
    } catch (err) {
      setMessage(actionError(err))
    } finally {
      setBusy('')
    }
  }

  const o = overview.data
  return (
    <View className='desk' data-testid='admin-exchange'>
      <View className='desk__header'>
        <Text className='desk__title'>好差评数据推送</Text>
      </View>
      {message && (
        <Text className='desk__notice' data-testid='exchange-message'>
          {message}
        </Text>
      )}
      <DeskState loading={overview.loading && !o} error={overview.error} onRetry={overview.reload} empty={false}>
        {o && (
          <View className='desk__card' data-testid='exchange-status'>
            <Text className='desk__card-title'>{o.endpointConfigured ? '已连接省好差评系统' : '未配置省级接口'}</Text>
            <View>
              <Text className='desk__muted'>接口配置：{o.profile}</Text>
            </View>
            <View>
              <Text className='desk__muted' data-testid='exchange-counts'>
                {o.endpointConfigured ? `待推送 ${o.pending} 条，失败 ${o.dead.length} 条` : '未配置推送地址：请按时段导出数据文件（JSON Lines / CSV）后报送。'}
              </Text>
            </View>
          </View>
        )}
        <View className='desk__card' data-testid='exchange-export'>
          <Text className='desk__card-title'>按时段导出</Text>
          <View className='desk__field'>
            <Text className='desk__label'>开始日期</Text>
            <View className='desk__input' data-testid='export-from'>
              <Input value={from} placeholder='YYYY-MM-DD' onInput={(e) => setFrom(e.detail.value)} />
            </View>
          </View>
          <View className='desk__field'>
            <Text className='desk__label'>结束日期</Text>
            <View className='desk__input' data-testid='export-to'>
              <Input value={to} placeholder='YYYY-MM-DD' onInput={(e) => setTo(e.detail.value)} />
            </View>
            {!periodValid && <Text className='desk__field-error'>日期格式应为 YYYY-MM-DD，且开始不晚于结束（最长 31 天）</Text>}
          </View>
          <View className='desk__actions'>
            {(['national', 'provincial'] as const).map((s) => (
              <Text
                key={s}
                className={`desk__btn ${scheme === s ? 'desk__btn--primary' : 'desk__btn--plain'}`}
                data-testid={`export-scheme-${s}`}
                onClick={() => setScheme(s)}
              >
                {s === 'national' ? '国家标准字段' : '省级接口字段'}
              </Text>
            ))}
          </View>
          <View className='desk__actions'>
            <ActionButton small variant='primary' testId='export-jsonl' disabled={!periodValid || busy.startsWith('export')} onClick={() => void exportFile('jsonl')}>
              导出 JSON Lines
            </ActionButton>
            <ActionButton small testId='export-csv' disabled={!periodValid || busy.startsWith('export')} onClick={() => void exportFile('csv')}>
              导出 CSV
            </ActionButton>
          </View>
        </View>
        {o?.endpointConfigured && (
          <View className='desk__card'>
            <Text className='desk__card-title'>推送失败</Text>
            <DeskState loading={false} error={null} empty={o.dead.length === 0} emptyText='没有推送失败的记录'>
              {o.dead.map((d) => (
                <View key={d.id} className='desk__row' data-testid='exchange-dead-item'>
                  <View className='desk__row-main'>
                    <Text>
                      {KIND_LABELS[d.kind]} · {SATISFACTION_LABELS[d.level]} · 办件 {d.caseNo}
                    </Text>
                    <Text className='desk__muted'>
                      {d.serviceName} · {shortDateTime(d.at)} · 已尝试 {d.attempts} 次
                    </Text>
                    {d.lastError && <Text className='desk__muted'>原因：{d.lastError}</Text>}
                  </View>
                  <ActionButton small variant='primary' testId='exchange-repush' disabled={busy === d.id} onClick={() => void repush(d.id)}>
                    重推
                  </ActionButton>
                </View>
              ))}
            </DeskState>
          </View>
        )}
      </DeskState>
    </View>
  )
}
