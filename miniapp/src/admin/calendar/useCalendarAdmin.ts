import Taro from '@tarojs/taro'
import { useState } from 'react'
import { addDays, isValidDate, type CalendarDay, type DayType, type Me } from '@xz/shared'
import { useAsync } from '@/hooks/useAsync'
import { DAY_TYPE_LABELS, dateLabel, todayLocal } from '@/utils/format'
import { actionError, fieldErrors } from '../../staff/lib/format'
import { useHallChoice } from '../../staff/lib/halls'
import { cancelSession, deleteOverride, fetchOverrides, putOverride } from '../api'

/** 日历与停办: the overrides, the day picked in the month view, and the outcome of the last change. */
export function useCalendarAdmin(enabled: boolean) {
  const overrides = useAsync(fetchOverrides, [], enabled)
  const [message, setMessage] = useState('')
  /** Bumped after a change: the month view reloads. */
  const [version, setVersion] = useState(0)
  const [picked, setPicked] = useState<CalendarDay | undefined>(undefined)

  /** After a change: say what happened, close the day, reload the month and the list. */
  const done = (text: string) => {
    setMessage(text)
    setPicked(undefined)
    setVersion((v) => v + 1)
    overrides.reload()
  }

  const remove = async (date: string) => {
    try {
      await deleteOverride(date)
      done(`已恢复 ${date} 的官方安排`)
    } catch (err) {
      setMessage(actionError(err))
    }
  }

  return { overrides, message, setMessage, version, picked, setPicked, done, remove }
}

/** The override form of a picked day: its new type, name and reason, with the server's messages per field. */
export function useOverrideForm(day: CalendarDay, onSaved: (message: string) => void) {
  const [type, setType] = useState<DayType>(day.type === 'holiday' ? 'workday' : 'holiday')
  const [name, setName] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState('')

  const save = async () => {
    setErrors({})
    setError('')
    try {
      await putOverride({ date: day.date, type, name: name.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}) })
      setName('')
      setReason('')
      onSaved(`${dateLabel(day.date)} 已设为${DAY_TYPE_LABELS[type]}`)
    } catch (err) {
      const fields = fieldErrors(err)
      setErrors(fields)
      setError(Object.keys(fields).length ? '请按提示修改' : actionError(err))
    }
  }

  return { type, setType, name, setName, reason, setReason, errors, error, save }
}

/** Cancelling a point's sessions on a date (confirmed first: the bookers are notified). */
export function useSessionCancellation(me: Me, onDone: (message: string) => void) {
  const { halls, hall, choose } = useHallChoice(me)
  const [date, setDate] = useState(() => addDays(todayLocal(), 1))
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (!hall) return
    setError('')
    if (!isValidDate(date.trim())) {
      setError('日期格式应为 YYYY-MM-DD')
      return
    }
    const { confirm } = await Taro.showModal({
      title: '取消场次',
      content: `将取消 ${hall.name} ${date.trim()} 的全部预约并通知预约人，确定吗？`
    })
    if (!confirm) return
    setBusy(true)
    try {
      const result = await cancelSession(hall.id, date.trim(), reason.trim())
      setReason('')
      onDone(`已取消 ${result.date} 的场次：${result.cancelledBookings} 个预约已取消并通知预约人`)
    } catch (err) {
      setError(Object.values(fieldErrors(err))[0] ?? actionError(err))
    } finally {
      setBusy(false)
    }
  }

  return { halls, hall, choose, date, setDate, reason, setReason, error, busy, submit }
}
