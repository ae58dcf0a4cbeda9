import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, NoticeBar } from '@nutui/nutui-react-taro'
import type { HallSummary } from '@xz/shared'
import { isLoggedIn, isWeapp } from '@/api/auth'
import type { Slot } from '@/api/bookings'
import { ConfirmDialog } from '@/components/ConfirmDialog'
import { FormField } from '@/components/FormField'
import { SlotDayList } from '@/components/SlotDayList'
import { StateView } from '@/components/StateView'
import { useAccount } from '@/hooks/useAuth'
import { useBookingDays, useBookingSubmit, type BookingDay } from '@/hooks/useBookings'
import { useService } from '@/hooks/useCatalogue'
import { useNearbyHalls } from '@/hooks/useHalls'
import { dateLabel, offHoursMark, shortDate } from '@/utils/format'
import { EMPTY_APPLICANT, creditCodeError, validateApplicant, type ApplicantForm } from '@/utils/validation'
import { useElderMode } from '@/stores/elder'
import './index.scss'

const NO_LOCATION = { status: 'denied' } as const

function DayCell({ day, active, onClick }: { day: BookingDay; active: boolean; onClick: () => void }) {
  const { day: d, week } = shortDate(day.date)
  const mark = offHoursMark(day.type, day.slots.length > 0)
  const disabled = day.slots.length === 0
  return (
    <View
      className={`day ${active ? 'day--active' : ''} ${disabled ? 'day--disabled' : ''} ${mark && mark !== '延时' ? 'day--off' : ''}`}
      data-testid={`day-${day.date}`}
      data-day-type={day.type}
      onClick={disabled ? undefined : onClick}
    >
      <Text className='day__week'>{week}</Text>
      <Text className='day__date'>{d}</Text>
      <Text className='day__mark'>{day.holidayName && day.type === 'holiday' ? day.holidayName.slice(0, 3) : mark ?? ' '}</Text>
      <Text className='day__seats'>{disabled ? '无号' : day.remaining > 0 ? `余${day.remaining}` : '满'}</Text>
    </View>
  )
}

export default function BookPage() {
  const { elder, elderClass } = useElderMode()
  const { params } = useRouter()
  const serviceId = params.serviceId
  const rescheduleId = params.rescheduleId
  const service = useService(serviceId)
  const halls = useNearbyHalls(NO_LOCATION, '', undefined, serviceId)
  const [hallId, setHallId] = useState<string | undefined>(params.hallId)
  const [choosingHall, setChoosingHall] = useState(false)
  const days = useBookingDays(hallId, serviceId)
  const [date, setDate] = useState<string | undefined>(undefined)
  const [slot, setSlot] = useState<Slot | undefined>(undefined)
  const [form, setForm] = useState<ApplicantForm>(EMPTY_APPLICANT)
  const [submitted, setSubmitted] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const { submitting, submit, waitlist } = useBookingSubmit()
  const { me } = useAccount()

  // prefill from the profile once
  useEffect(() => {
    const profile = me.data
    if (!profile) return
    setForm((f) => ({
      ...f,
      name: f.name || profile.name || '',
      phone: f.phone || profile.mobile || '',
      withEnterprise: f.withEnterprise || Boolean(profile.enterprise),
      enterpriseName: f.enterpriseName || profile.enterprise?.name || '',
      creditCode: f.creditCode || profile.enterprise?.creditCode || ''
    }))
  }, [me.data])

  // preselect the first point with off-hours sessions
  const hallList: HallSummary[] = halls.data ?? []
  useEffect(() => {
    if (!hallId && hallList.length > 0) setHallId((hallList.find((h) => h.hasOffHours) ?? hallList[0]).id)
  }, [hallId, hallList])

  // first day with free seats
  useEffect(() => {
    if (!days.data) return
    if (!date || !days.data.some((d) => d.date === date)) {
      setDate((days.data.find((d) => d.remaining > 0) ?? days.data.find((d) => d.slots.length > 0))?.date)
    }
  }, [days.data, date])

  const selectedDay = useMemo(() => days.data?.find((d) => d.date === date), [days.data, date])
  const errors = validateApplicant(form)
  const set = (patch: Partial<ApplicantForm>) => setForm((f) => ({ ...f, ...patch }))
  const selectedHall = hallList.find((h) => h.id === hallId)
  const needLogin = !isLoggedIn() && !isWeapp()

  const onSubmit = () => {
    setSubmitted(true)
    setMessage(null)
    if (!slot) return setMessage('请选择预约时段')
    if (!rescheduleId && Object.keys(errors).length > 0) return setMessage('请检查填写内容')
    setConfirming(true)
  }

  const onConfirm = async () => {
    if (!slot || !serviceId) return
    const result = await submit(slot, serviceId, form, rescheduleId)
    setConfirming(false)
    if (result.ok) {
      void Taro.redirectTo({ url: `/pages/booking/index?id=${result.booking.id}&new=${rescheduleId ? 'reschedule' : '1'}` })
      return
    }
    setMessage(result.message)
    if (result.code === 'SLOT_FULL' || result.code === 'SLOT_UNAVAILABLE') days.reload()
  }

  const onWaitlist = async (full: Slot) => {
    if (!serviceId) return
    const result = await waitlist(full, serviceId)
    void Taro.showToast({ title: result.message, icon: result.ok ? 'success' : 'none' })
    setMessage(result.message)
  }

  return (
    <View className={`page book ${elderClass}`}>
      {needLogin && (
        <View className='book__login' data-testid='login-required'>
          <Text>预约前请先登录</Text>
          <Button size='small' type='primary' onClick={() => Taro.switchTab({ url: '/pages/mine/index' })}>
            去登录
          </Button>
        </View>
      )}
      <View className='book__service'>
        <Text className='book__service-name' data-testid='book-service-name'>
          {rescheduleId ? '改约：' : ''}
          {service.data?.name ?? (service.loading ? '加载中…' : '预约办理')}
        </Text>
      </View>

      <View className='section'>
        <View className='section__title'>
          <Text className='section__title-text'>1. 选择办理网点</Text>
        </View>
        <StateView loading={halls.loading} error={halls.error} onRetry={halls.reload} empty={hallList.length === 0} emptyText='暂无可预约网点'>
          <View className='book__halls'>
            {hallList.filter((h) => choosingHall || !hallId || h.id === hallId).map((h) => (
              <View
                key={h.id}
                className={`book__hall ${hallId === h.id ? 'book__hall--active' : ''}`}
                data-testid='hall-option'
                onClick={() => {
                  setHallId(h.id)
                  setChoosingHall(false)
                  setDate(undefined)
                  setSlot(undefined)
                }}
              >
                <Text className='book__hall-name'>{h.name}</Text>
                <Text className='muted'>{h.address}</Text>
                {h.hasOffHours && <Text className='badge badge--red'>非工作时间可约</Text>}
              </View>
            ))}
          </View>
          {hallId && !choosingHall && hallList.length > 1 && (
            <Text className='section__more book__change-hall' data-testid='change-hall' onClick={() => setChoosingHall(true)}>
              更换网点（共{hallList.length}个可办理网点）
            </Text>
          )}
        </StateView>
      </View>

      {hallId && (
        <View className='section'>
          <View className='section__title'>
            <Text className='section__title-text'>2. 选择日期（近14天）</Text>
          </View>
          <View className='book__legend'>
            <Text className='book__legend-off'>双休日/节假日</Text>
            <Text className='muted'>延时：工作日午间或晚间</Text>
          </View>
          <StateView loading={days.loading} error={days.error} onRetry={days.reload}>
            {/* 长辈版: a list of days in large type instead of the grid */}
            {elder ? (
              <SlotDayList days={days.data ?? []} activeDate={date} onSelect={(d) => { setDate(d); setSlot(undefined) }} />
            ) : (
            <View className='book__days' data-testid='calendar'>
              {(days.data ?? []).map((d) => (
                <DayCell
                  key={d.date}
                  day={d}
                  active={d.date === date}
                  onClick={() => {
                    setDate(d.date)
                    setSlot(undefined)
                  }}
                />
              ))}
            </View>
            )}
            {days.data && days.data.every((d) => d.slots.length === 0) && (
              <Text className='muted'>该网点近14天暂无可预约场次，请选择其他网点</Text>
            )}
          </StateView>
        </View>
      )}

      {selectedDay && (
        <View className='section'>
          <View className='section__title'>
            <Text className='section__title-text'>3. 选择时段 · {dateLabel(selectedDay.date)}</Text>
          </View>
          {selectedDay.slots.length === 0 && <Text className='muted'>当天无可预约时段</Text>}
          {selectedDay.slots.map((s) => {
            const full = s.remaining <= 0
            return (
              <View
                key={s.id}
                className={`slot ${slot?.id === s.id ? 'slot--active' : ''} ${full ? 'slot--full' : ''}`}
                data-testid='slot'
                onClick={full ? undefined : () => setSlot(s)}
              >
                <View className='slot__main'>
                  <Text className='slot__time'>
                    {s.start}-{s.end}
                  </Text>
                  {s.label && <Text className='badge badge--orange'>{s.label}</Text>}
                </View>
                {full ? (
                  <Text className='slot__waitlist' data-testid='waitlist-button' onClick={() => void onWaitlist(s)}>
                    已约满 · 候补
                  </Text>
                ) : (
                  <Text className='slot__remaining'>余{s.remaining}/{s.capacity}</Text>
                )}
              </View>
            )
          })}
        </View>
      )}

      {slot && !rescheduleId && (
        <View className='section' data-testid='booking-form'>
          <View className='section__title'>
            <Text className='section__title-text'>4. 填写办事人信息</Text>
          </View>
          <FormField label='姓名' testId='field-name' value={form.name} onChange={(v) => set({ name: v })} placeholder='请输入姓名' error={errors.name} showError={submitted} maxLength={30} />
          <FormField
            label='手机号码'
            testId='field-phone'
            value={form.phone}
            onChange={(v) => set({ phone: v })}
            placeholder='请输入11位手机号码'
            error={errors.phone}
            showError={submitted || form.phone.length >= 11}
            type='digit'
            maxLength={11}
          />
          <View className='book__switch'>
            <Text
              className={`chip ${form.withEnterprise ? 'chip--active' : ''}`}
              data-testid='toggle-enterprise'
              onClick={() => set({ withEnterprise: !form.withEnterprise })}
            >
              {form.withEnterprise ? '✓ 代表企业办理' : '代表企业办理（可选）'}
            </Text>
          </View>
          {form.withEnterprise && (
            <View>
              <FormField
                label='企业名称'
                testId='field-enterprise-name'
                value={form.enterpriseName}
                onChange={(v) => set({ enterpriseName: v })}
                placeholder='与营业执照一致'
                error={errors.enterpriseName}
                showError={submitted}
                maxLength={100}
              />
              <FormField
                label='统一社会信用代码'
                testId='field-credit-code'
                value={form.creditCode}
                onChange={(v) => set({ creditCode: v.toUpperCase() })}
                placeholder='18位统一社会信用代码'
                error={creditCodeError(form.creditCode)}
                showError={submitted || form.creditCode.length > 0}
                maxLength={18}
                extra={
                  form.creditCode.length === 18 && !creditCodeError(form.creditCode) ? (
                    <Text className='field__ok' data-testid='credit-code-ok'>✓ 校验通过</Text>
                  ) : undefined
                }
              />
            </View>
          )}
          <FormField label='备注（可选）' testId='field-note' value={form.note} onChange={(v) => set({ note: v })} placeholder='需要窗口提前了解的情况' error={errors.note} maxLength={200} />
        </View>
      )}

      {message && (
        <View className='book__message' data-testid='book-message'>
          <NoticeBar content={message} scrollable={false} />
        </View>
      )}

      <View className='bottom-bar'>
        <Button block type='primary' disabled={!slot || submitting} data-testid='submit-booking' onClick={onSubmit}>
          {rescheduleId ? '确认改约' : '提交预约'}
        </Button>
      </View>

      <ConfirmDialog
        visible={confirming}
        title={rescheduleId ? '确认改约' : '确认预约信息'}
        confirmText={rescheduleId ? '确认改约' : '确认预约'}
        loading={submitting}
        onConfirm={() => void onConfirm()}
        onCancel={() => setConfirming(false)}
      >
        <View className='book__confirm' data-testid='confirm-summary'>
          <Text>事项：{service.data?.name}</Text>
          <Text>网点：{selectedHall?.name}</Text>
          {slot && <Text>时间：{dateLabel(slot.date)} {slot.start}-{slot.end}</Text>}
          {!rescheduleId && <Text>办事人：{form.name}（{form.phone}）</Text>}
          {!rescheduleId && form.withEnterprise && <Text>企业：{form.enterpriseName}</Text>}
        </View>
      </ConfirmDialog>
    </View>
  )
}
