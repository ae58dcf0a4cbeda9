import { Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { addDays, instantOf } from '@xz/shared'
import { useAsync } from '@/hooks/useAsync'
import { dateLabel, todayLocal } from '@/utils/format'
import type { StaffBookingItem, StatusCounts } from '@xz/shared'
import { checkInBooking, fetchStaffDay, markNoShow, serve, STAFF_ROLES } from '../api'
import { useRoleGuard } from '../lib/guard'
import { DeskState } from '../lib/DeskState'
import { GuardPending } from '../lib/GuardPending'
import { useHallChoice } from '../lib/halls'
import { BOOKING_STATUS_LABELS, DESK_STATUSES, actionError } from '../lib/format'
import { ActionButton } from '../lib/ActionButton'
import { StaffNav, logout } from '../lib/StaffNav'
import '../staff.scss'

function Counts({ counts, testId }: { counts: StatusCounts; testId?: string }) {
  return (
    <View className='desk__counts' data-testid={testId}>
      {DESK_STATUSES.map((status) => (
        <View key={status} className='desk__count' data-testid={testId && `${testId}-${status}`}>
          <Text className='desk__count-n'>{counts[status]}</Text>
          <Text className='desk__count-label'>{BOOKING_STATUS_LABELS[status]}</Text>
        </View>
      ))}
    </View>
  )
}

function BookingRow({ booking, onChanged }: { booking: StaffBookingItem; onChanged: (message: string) => void }) {
  const [busy, setBusy] = useState(false)
  const act = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await action()
      if (done) onChanged(done)
    } catch (err) {
      onChanged(actionError(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='desk__row' data-testid='desk-booking'>
      <View className='desk__row-main'>
        <Text data-testid='desk-booking-person'>
          {booking.applicantName} {booking.mobileMasked}
        </Text>
        <Text className='desk__muted'>
          {booking.serviceName}
          {booking.enterpriseName ? ` · ${booking.enterpriseName}` : ''}
          {booking.queueNumber ? ` · 排队号 ${booking.queueNumber}` : ''}
        </Text>
      </View>
      <Text className={`desk__tag desk__tag--${booking.status}`} data-testid='booking-status'>
        {BOOKING_STATUS_LABELS[booking.status]}
      </Text>
      {booking.status === 'booked' && instantOf(booking.date, booking.end) > new Date() && (
        <ActionButton
          small
          testId='booking-checkin'
          disabled={busy}
          onClick={() =>
            void act(async () => {
              const res = await checkInBooking(booking.id)
              onChanged(`已签到，排队号 ${res.queueNumber}`)
              return res
            }, '')
          }
        >
          签到
        </ActionButton>
      )}
      {booking.status === 'checked_in' && (
        <ActionButton small testId='booking-serve' disabled={busy} onClick={() => void act(() => serve(booking.id), '已办结')}>
          办结
        </ActionButton>
      )}
      {booking.status === 'booked' && instantOf(booking.date, booking.end) <= new Date() && (
        <ActionButton small variant='danger' testId='booking-no-show' disabled={busy} onClick={() => void act(() => markNoShow(booking.id), '已标记爽约')}>
          爽约
        </ActionButton>
      )}
    </View>
  )
}

/** 今日预约 (or the chosen day's): the point's sessions of a date with their bookings and counts per state (爽约 once a slot has ended). */
export default function StaffDesk() {
  const me = useRoleGuard(STAFF_ROLES)
  const { halls, hall, choose, loading: hallsLoading } = useHallChoice(me)
  const [date, setDate] = useState(todayLocal)
  const [message, setMessage] = useState('')
  const day = useAsync(() => fetchStaffDay(hall!.id, date), [hall?.id, date], Boolean(hall))

  if (!me) return <GuardPending />

  const onChanged = (text: string) => {
    setMessage(text)
    day.reload()
  }

  return (
    <View className='desk' data-testid='staff-desk'>
      <View className='desk__header'>
        <View className='desk__row-main'>
          <Text className='desk__title' data-testid='desk-title'>
            {date === todayLocal() ? '今日预约' : `${dateLabel(date)} 预约`}
          </Text>
          <Text className='desk__sub'>{me.name ?? me.username}</Text>
        </View>
        <Text className='desk__muted' data-testid='logout' onClick={logout}>
          退出登录
        </Text>
      </View>
      <StaffNav current='desk' role={me.role} />

      {halls.length > 1 ? (
        <Picker mode='selector' range={halls.map((h) => h.name)} onChange={(e) => choose(halls[Number(e.detail.value)].id)}>
          <View className='desk__card' data-testid='hall-picker'>
            <Text>网点：{hall?.name} ▾</Text>
          </View>
        </Picker>
      ) : (
        <View className='desk__card'>
          <Text data-testid='hall-name'>{hall ? `网点：${hall.name}` : hallsLoading ? '正在加载网点…' : '账号未分配网点，请联系管理员'}</Text>
        </View>
      )}

      <View className='desk__dates'>
        <ActionButton small variant='plain' testId='date-prev' onClick={() => setDate(addDays(date, -1))}>
          前一天
        </ActionButton>
        <Text className='desk__date' data-testid='desk-date' onClick={() => setDate(todayLocal())}>
          {dateLabel(date)}
          {date === todayLocal() ? '（今天）' : ''}
        </Text>
        <ActionButton small variant='plain' testId='date-next' onClick={() => setDate(addDays(date, 1))}>
          后一天
        </ActionButton>
      </View>

      {message && (
        <Text className='desk__notice' data-testid='desk-message'>
          {message}
        </Text>
      )}

      {hall && (
        <DeskState
          loading={day.loading && !day.data}
          error={day.error}
          onRetry={day.reload}
          empty={day.data?.sessions.length === 0}
          emptyText='当天没有预约场次'
        >
          {day.data && (
            <>
              <View className='desk__card'>
                <Text className='desk__card-title'>全天合计</Text>
                <Counts counts={day.data.counts} testId='day-counts' />
              </View>
              {day.data.sessions.map((session) => (
                <View key={`${session.start}-${session.end}`} className='desk__card' data-testid='desk-session'>
                  <View className='desk__card-title'>
                    <Text>
                      {session.start}–{session.end}
                    </Text>
                    {session.label && <Text className='desk__tag'>{session.label}</Text>}
                  </View>
                  <Counts counts={session.counts} />
                  {session.bookings.length === 0 && <Text className='desk__muted'>本场次暂无预约</Text>}
                  {session.bookings.map((b) => (
                    <BookingRow key={b.id} booking={b} onChanged={onChanged} />
                  ))}
                </View>
              ))}
            </>
          )}
        </DeskState>
      )}
    </View>
  )
}
