import { Input, Text, Textarea, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { checkHolidaySchedule, parseHolidayScheduleText, type HolidayYearStatus } from '@xz/shared'
import { ApiError } from '@/api/request'
import { ActionButton } from '../../staff/lib/ActionButton'
import { actionError } from '../../staff/lib/format'
import { importHolidayYear, publishHolidayYear } from './holidays.api'
import './holidays.scss'

interface Issue {
  path: string
  message: string
}

/** Every issue of a 400 answer (the server names the line or field of each). */
function issuesOf(err: unknown): Issue[] {
  if (!(err instanceof ApiError)) return []
  const issues = (err.details as { issues?: { path?: unknown; message?: unknown }[] } | undefined)?.issues ?? []
  return issues.map((i) => ({ path: Array.isArray(i.path) ? i.path.join('.') : String(i.path ?? ''), message: String(i.message ?? '') }))
}

const EXAMPLE = ['假期,元旦,YYYY-01-01,YYYY-01-03', '假期,春节,YYYY-02-05,YYYY-02-11', '上班,春节,YYYY-02-13'].join('\n')

interface RangeRow {
  name: string
  from: string
  to: string
}
interface WorkdayRow {
  date: string
  name: string
}

/** 录入/导入放假安排: the State Council's notice for one year, as a form or as a pasted text/CSV. */
export function HolidayImport({ year, onSaved }: { year: number; onSaved: (status: HolidayYearStatus) => void }) {
  const [mode, setMode] = useState<'form' | 'paste'>('paste')
  const [text, setText] = useState('')
  const [ranges, setRanges] = useState<RangeRow[]>([{ name: '', from: '', to: '' }])
  const [workdays, setWorkdays] = useState<WorkdayRow[]>([])
  const [issues, setIssues] = useState<Issue[]>([])
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const parsed = useMemo(() => (text.trim() ? parseHolidayScheduleText(text) : undefined), [text])

  const fail = (err: unknown) => {
    const list = issuesOf(err)
    setIssues(list)
    setError(list.length ? '请按提示修改后再保存' : actionError(err))
  }

  const submit = async () => {
    setIssues([])
    setError('')
    setBusy(true)
    try {
      if (mode === 'paste') {
        onSaved(await importHolidayYear(year, text))
        setText('')
      } else {
        const schedule = {
          holidays: ranges.filter((r) => r.name || r.from).map((r) => ({ name: r.name.trim(), from: r.from.trim(), to: (r.to || r.from).trim() })),
          workdays: workdays.filter((w) => w.date).map((w) => ({ date: w.date.trim(), ...(w.name.trim() ? { name: w.name.trim() } : {}) })),
        }
        const local = schedule.holidays.every((h) => /^\d{4}-\d{2}-\d{2}$/.test(h.from) && /^\d{4}-\d{2}-\d{2}$/.test(h.to)) ? checkHolidaySchedule(year, schedule) : []
        if (local.length) {
          setIssues(local)
          setError('请按提示修改后再保存')
          return
        }
        onSaved(await publishHolidayYear(year, schedule))
      }
    } catch (err) {
      fail(err)
    } finally {
      setBusy(false)
    }
  }

  const setRange = (i: number, patch: Partial<RangeRow>) => setRanges(ranges.map((r, k) => (k === i ? { ...r, ...patch } : r)))
  const setWorkday = (i: number, patch: Partial<WorkdayRow>) => setWorkdays(workdays.map((w, k) => (k === i ? { ...w, ...patch } : w)))
  const issueAt = (prefix: string) => issues.filter((i) => i.path.startsWith(prefix)).map((i) => i.message)[0]

  return (
    <View className='desk__card' data-testid='holiday-import'>
      <Text className='desk__card-title'>录入 {year} 年放假安排</Text>
      <Text className='holidays__hint'>国务院办公厅通知发布后录入，保存后替换该年的暂定安排（含调休上班日）。</Text>
      <View className='holidays__tabs'>
        <Text className={`holidays__tab ${mode === 'paste' ? 'holidays__tab--active' : ''}`} data-testid='holiday-mode-paste' onClick={() => setMode('paste')}>
          粘贴导入
        </Text>
        <Text className={`holidays__tab ${mode === 'form' ? 'holidays__tab--active' : ''}`} data-testid='holiday-mode-form' onClick={() => setMode('form')}>
          逐项填写
        </Text>
      </View>
      {mode === 'paste' ? (
        <View>
          <Text className='holidays__hint'>每行一项，逗号分隔：“假期,名称,开始日期,结束日期”或“上班,名称,日期”。</Text>
          <Textarea
            className='holidays__textarea'
            data-testid='holiday-text'
            value={text}
            maxlength={5000}
            placeholder={EXAMPLE.replace(/YYYY/g, String(year))}
            onInput={(e) => setText(e.detail.value)}
          />
          {parsed?.ok && (
            <Text className='holidays__hint' data-testid='holiday-preview'>
              已识别 {parsed.schedule.holidays.length} 段假期、{parsed.schedule.workdays.length} 个调休上班日
            </Text>
          )}
        </View>
      ) : (
        <View>
          <Text className='desk__label'>假期（名称、开始、结束）</Text>
          {ranges.map((r, i) => (
            <View key={i}>
              <View className='holidays__row'>
                <View className='holidays__cell'>
                  <Input className='holidays__input' data-testid='holiday-range-name' value={r.name} placeholder='春节' onInput={(e) => setRange(i, { name: e.detail.value })} />
                </View>
                <View className='holidays__cell'>
                  <Input className='holidays__input' data-testid='holiday-range-from' value={r.from} placeholder={`${year}-02-05`} onInput={(e) => setRange(i, { from: e.detail.value })} />
                </View>
                <View className='holidays__cell'>
                  <Input className='holidays__input' data-testid='holiday-range-to' value={r.to} placeholder={`${year}-02-11`} onInput={(e) => setRange(i, { to: e.detail.value })} />
                </View>
              </View>
              {issueAt(`holidays.${i}`) && <Text className='holidays__issue'>{issueAt(`holidays.${i}`)}</Text>}
            </View>
          ))}
          <ActionButton small variant='plain' testId='holiday-add-range' onClick={() => setRanges([...ranges, { name: '', from: '', to: '' }])}>
            添加一段假期
          </ActionButton>
          <Text className='desk__label'>调休上班日（日期、所属节日）</Text>
          {workdays.map((w, i) => (
            <View key={i}>
              <View className='holidays__row'>
                <View className='holidays__cell'>
                  <Input className='holidays__input' data-testid='holiday-workday-date' value={w.date} placeholder={`${year}-02-13`} onInput={(e) => setWorkday(i, { date: e.detail.value })} />
                </View>
                <View className='holidays__cell'>
                  <Input className='holidays__input' data-testid='holiday-workday-name' value={w.name} placeholder='春节' onInput={(e) => setWorkday(i, { name: e.detail.value })} />
                </View>
              </View>
              {issueAt(`workdays.${i}`) && <Text className='holidays__issue'>{issueAt(`workdays.${i}`)}</Text>}
            </View>
          ))}
          <ActionButton small variant='plain' testId='holiday-add-workday' onClick={() => setWorkdays([...workdays, { date: '', name: '' }])}>
            添加调休上班日
          </ActionButton>
        </View>
      )}
      {mode === 'paste' &&
        issues.map((i) => (
          <Text key={`${i.path}${i.message}`} className='holidays__issue' data-testid='holiday-issue'>
            {i.message}
          </Text>
        ))}
      <ActionButton variant='primary' testId='holiday-save' disabled={busy || (mode === 'paste' && !text.trim())} onClick={() => void submit()}>
        保存为 {year} 年正式安排
      </ActionButton>
      {error && (
        <Text className='desk__error' data-testid='holiday-error'>
          {error}
        </Text>
      )}
    </View>
  )
}
