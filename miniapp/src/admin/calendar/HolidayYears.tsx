import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { HolidayYearStatus } from '@xz/shared'
import { useAsync } from '@/hooks/useAsync'
import { DeskState } from '../../staff/lib/DeskState'
import { fetchHolidayYears } from './holidays.api'
import { HolidayImport } from './HolidayImport'
import './holidays.scss'

/** "元旦 01-01；春节 02-05至02-08；…": consecutive days of one name as a range. */
export function condensedDays(days: { date: string; name: string }[]): string {
  const parts: string[] = []
  let start: { date: string; name: string } | undefined
  let prev: string | undefined
  const next = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10)
  const flush = () => {
    if (start) parts.push(`${start.name} ${start.date.slice(5)}${prev && prev !== start.date ? `至${prev.slice(5)}` : ''}`)
  }
  for (const d of days) {
    if (start && d.name === start.name && prev && next(prev) === d.date) {
      prev = d.date
      continue
    }
    flush()
    start = d
    prev = d.date
  }
  flush()
  return parts.join('；')
}

const ORIGIN_LABELS: Record<HolidayYearStatus['origin'], string> = {
  package: '正式 · 国务院公布',
  admin: '正式 · 管理员录入',
  rule: '暂定 · 按法定节日推算，不含调休',
}

/** 节假日安排: per year official or provisional, the November notice, and the import of a published schedule. */
export function HolidayYears() {
  const years = useAsync(fetchHolidayYears, [])
  const [selected, setSelected] = useState<number | undefined>()
  const [message, setMessage] = useState('')

  useEffect(() => {
    if (selected === undefined && years.data) {
      const next = years.data.years[years.data.years.length - 1]
      setSelected(next && next.status === 'provisional' ? next.year : years.data.years[1]?.year)
    }
  }, [years.data, selected])

  const current = years.data?.years.find((y) => y.year === selected)

  return (
    <View className='desk__card' data-testid='holiday-years'>
      <Text className='desk__card-title'>节假日安排</Text>
      {years.data?.notice && (
        <Text className='holidays__notice' data-testid='holiday-notice'>
          {years.data.notice}
        </Text>
      )}
      {message && (
        <Text className='desk__notice' data-testid='holiday-message'>
          {message}
        </Text>
      )}
      <DeskState loading={years.loading && !years.data} error={years.error} onRetry={years.reload} empty={false}>
        <View className='holidays__years'>
          {years.data?.years.map((y) => (
            <View
              key={y.year}
              className={`holidays__year ${y.year === selected ? 'holidays__year--active' : ''}`}
              data-testid={`holiday-year-${y.year}`}
              onClick={() => setSelected(y.year)}
            >
              <Text className='holidays__year-title'>{y.year} 年</Text>
              <Text className={`holidays__badge holidays__badge--${y.status}`} data-testid='holiday-year-status'>
                {ORIGIN_LABELS[y.origin]}
              </Text>
            </View>
          ))}
        </View>
        {current && (
          <View data-testid='holiday-year-days'>
            <Text className='holidays__days'>放假：{condensedDays(current.holidays) || '—'}</Text>
            <Text className='holidays__days'>调休上班：{current.workdays.length ? current.workdays.map((w) => w.date.slice(5)).join('、') : '无'}</Text>
          </View>
        )}
      </DeskState>
      {current && (
        <HolidayImport
          key={current.year}
          year={current.year}
          onSaved={(status) => {
            setMessage(`${status.year} 年放假安排已保存为正式安排`)
            years.reload()
          }}
        />
      )}
    </View>
  )
}
