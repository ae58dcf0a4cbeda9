import { Input, Picker, Text, View } from '@tarojs/components'
import { DAY_TYPES, type CalendarDay, type Me } from '@xz/shared'
import { DAY_TYPE_LABELS, dateLabel } from '@/utils/format'
import { useRoleGuard } from '../../staff/lib/guard'
import { DeskState } from '../../staff/lib/DeskState'
import { GuardPending } from '../../staff/lib/GuardPending'
import { ActionButton } from '../../staff/lib/ActionButton'
import { ADMIN_ROLES } from '../lib'
import { MonthView } from './MonthView'
import '../../staff/staff.scss'
import { HolidayYears } from './HolidayYears'
import { useCalendarAdmin, useOverrideForm, useSessionCancellation } from './useCalendarAdmin'

/** The chosen day of the month view: its type, and adding or removing its override. */
function DayPanel({ day, onSaved, onRemove }: { day: CalendarDay; onSaved: (message: string) => void; onRemove: (date: string) => void }) {
  const { type, setType, name, setName, reason, setReason, errors, error, save } = useOverrideForm(day, onSaved)

  return (
    <View className='desk__card' data-testid='override-form'>
      <Text className='desk__card-title' data-testid='day-title'>
        {dateLabel(day.date)} · {DAY_TYPE_LABELS[day.type]}
        {day.name && (day.type === 'holiday' || day.override) ? `（${day.name}）` : ''}
      </Text>
      <Text className='desk__muted'>
        {day.override ? '已由管理员调整' : day.official ? '国务院办公厅公布的安排' : '暂无官方安排，按普通工作日/周末处理'}
      </Text>
      {day.override ? (
        <ActionButton variant='danger' testId='override-delete-day' onClick={() => onRemove(day.date)}>
          删除调整，恢复原安排
        </ActionButton>
      ) : (
        <View>
          <Text className='desk__label'>改为</Text>
          <View className='desk__chips'>
            {DAY_TYPES.map((t) => (
              <Text key={t} className={`desk__chip ${type === t ? 'desk__chip--active' : ''}`} data-testid={`override-type-${t}`} onClick={() => setType(t)}>
                {DAY_TYPE_LABELS[t]}
              </Text>
            ))}
          </View>
          <View className='desk__field'>
            <Text className='desk__label'>名称</Text>
            <Input className='desk__input' data-testid='override-name' value={name} placeholder='如：临时闭馆、元旦' onInput={(e) => setName(e.detail.value)} />
            {errors.name && <Text className='desk__field-error'>{errors.name}</Text>}
            {errors.type && <Text className='desk__field-error'>{errors.type}</Text>}
          </View>
          <View className='desk__field'>
            <Text className='desk__label'>说明（可留空）</Text>
            <Input className='desk__input' value={reason} onInput={(e) => setReason(e.detail.value)} />
            {errors.reason && <Text className='desk__field-error'>{errors.reason}</Text>}
          </View>
          <ActionButton variant='primary' testId='override-save' onClick={() => void save()}>
            保存调整
          </ActionButton>
        </View>
      )}
      {error && <Text className='desk__error'>{error}</Text>}
    </View>
  )
}

function CancelSessionForm({ me, onDone }: { me: Me; onDone: (message: string) => void }) {
  const { halls, hall, choose, date, setDate, reason, setReason, error, busy, submit } = useSessionCancellation(me, onDone)

  return (
    <View className='desk__card' data-testid='cancel-session-form'>
      <Text className='desk__card-title'>取消某日场次</Text>
      <Picker mode='selector' range={halls.map((h) => h.name)} onChange={(e) => choose(halls[Number(e.detail.value)].id)}>
        <View className='desk__field'>
          <Text className='desk__label'>网点</Text>
          <Text className='desk__input'>{hall?.name ?? '—'} ▾</Text>
        </View>
      </Picker>
      <View className='desk__field'>
        <Text className='desk__label'>日期</Text>
        <Input className='desk__input' data-testid='cancel-date' value={date} placeholder='YYYY-MM-DD' onInput={(e) => setDate(e.detail.value)} />
      </View>
      <View className='desk__field'>
        <Text className='desk__label'>取消原因（将通知预约人）</Text>
        <Input className='desk__input' data-testid='cancel-reason' value={reason} placeholder='如：停电检修' onInput={(e) => setReason(e.detail.value)} />
      </View>
      <ActionButton variant='danger' testId='cancel-submit' disabled={busy || !hall} onClick={() => void submit()}>
        取消该日场次
      </ActionButton>
      {error && (
        <Text className='desk__error' data-testid='cancel-error'>
          {error}
        </Text>
      )}
    </View>
  )
}

/** 日历与停办: calendar overrides and cancelling a point's sessions on a date. */
export default function AdminCalendar() {
  const me = useRoleGuard(ADMIN_ROLES)
  const { overrides, message, setMessage, version, picked, setPicked, done, remove } = useCalendarAdmin(Boolean(me))

  if (!me) return <GuardPending />

  return (
    <View className='desk' data-testid='admin-calendar'>
      <View className='desk__header'>
        <Text className='desk__title'>日历与停办</Text>
      </View>
      {message && (
        <Text className='desk__notice' data-testid='calendar-message'>
          {message}
        </Text>
      )}
      <HolidayYears />
      <MonthView selected={picked?.date} onSelect={setPicked} version={version} />
      {picked ? (
        <DayPanel key={picked.date} day={picked} onSaved={done} onRemove={(date) => void remove(date)} />
      ) : (
        <Text className='desk__muted cal-hint'>点选月历中的某一天，可将其调整为节假日、工作日等，或删除已有调整</Text>
      )}
      <View className='desk__card'>
        <Text className='desk__card-title'>已调整的日期</Text>
        <DeskState
          loading={overrides.loading && !overrides.data}
          error={overrides.error}
          onRetry={overrides.reload}
          empty={overrides.data?.length === 0}
          emptyText='暂无调整，按国务院办公厅公布的安排执行'
        >
          {overrides.data?.map((o) => (
            <View key={o.date} className='desk__row' data-testid='override-item'>
              <View className='desk__row-main'>
                <Text>
                  {dateLabel(o.date)} · {DAY_TYPE_LABELS[o.type]}
                </Text>
                <Text className='desk__muted'>
                  {o.name}
                  {o.reason ? ` · ${o.reason}` : ''}
                </Text>
              </View>
              <ActionButton small variant='danger' testId='override-delete' onClick={() => void remove(o.date)}>
                删除
              </ActionButton>
            </View>
          ))}
        </DeskState>
      </View>
      <CancelSessionForm me={me} onDone={setMessage} />
    </View>
  )
}
