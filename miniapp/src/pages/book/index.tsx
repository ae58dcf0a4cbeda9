import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Slot } from '@/api/bookings'
import { ConfirmDialog } from '@/components/ConfirmDialog'
import { FormField } from '@/components/FormField'
import { SlotDayList } from '@/components/SlotDayList'
import { StateView } from '@/components/StateView'
import { AREA_ANCHORS, FIELD_ANCHORS, useBookingForm, type BookingArea } from '@/hooks/useBookingForm'
import type { BookingDay } from '@/hooks/useBookings'
import { useBundle, useService } from '@/hooks/useCatalogue'
import { dateLabel, offHoursMark, shortDate } from '@/utils/format'
import { creditCodeError } from '@/utils/validation'
import { useElderMode } from '@/stores/elder'
import './index.scss'

function DayCell({ day, active, booked, onClick }: { day: BookingDay; active: boolean; booked: boolean; onClick: () => void }) {
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
      <Text className='day__seats'>{booked ? '已约' : disabled ? '无号' : day.remaining > 0 ? `余${day.remaining}` : '满'}</Text>
    </View>
  )
}

/** A problem shown in its own section, by the thing it concerns. */
function AreaMessage({ area, problem }: { area: BookingArea; problem: { area: BookingArea; message: string } | null }) {
  if (problem?.area !== area) return null
  return (
    <Text className='book__error' data-testid={`book-error-${area}`}>
      {problem.message}
    </Text>
  )
}

export default function BookPage() {
  const { elder, elderClass } = useElderMode()
  const { params } = useRouter()
  const serviceId = params.serviceId
  const rescheduleId = params.rescheduleId
  const service = useService(serviceId)
  const bundle = useBundle(params.bundleId)
  const b = useBookingForm({ serviceId, hallId: params.hallId, rescheduleId, fromBookingId: params.from, bundleId: params.bundleId })
  const { form, errors, submitted, problem, slot, mode } = b
  const waitlisting = mode === 'waitlist'

  const onConfirm = async () => {
    const booking = await b.onConfirm()
    if (booking) void Taro.redirectTo({ url: `/pages/booking/index?id=${booking.id}&new=${rescheduleId ? 'reschedule' : '1'}` })
  }

  return (
    <View className={`page book ${elderClass}`}>
      <View id={AREA_ANCHORS.top}>
        {b.needLogin && (
          <View className='book__login' data-testid='login-required'>
            <Text>预约前请先登录，已选的时段和填写的内容会保留</Text>
            <Button className='book__action' size='small' type='primary' data-testid='book-login' onClick={b.login}>
              去登录
            </Button>
          </View>
        )}
        {b.blocked && !rescheduleId && (
          <View className={`book__blocked ${problem?.code === b.blocked.code ? 'book__blocked--alert' : ''}`} data-testid='booking-blocked'>
            <Text className='book__blocked-text'>{b.blocked.message}</Text>
            <Text className='book__blocked-sub'>
              {b.blocked.code === 'BOOKING_LIMIT' ? `当前有效预约 ${b.eligibility?.activeCount ?? 0} 个，取消或办结一个后即可再约。` : '暂停期间不能预约。'}
            </Text>
            <Button className='book__action' size='small' data-testid='go-my-bookings' onClick={() => void Taro.switchTab({ url: '/pages/bookings/index' })}>
              查看我的预约
            </Button>
          </View>
        )}
        {/* the same reason as the notice above is not repeated */}
        {!(b.blocked && problem?.code === b.blocked.code) && <AreaMessage area='top' problem={problem} />}
      </View>
      <View className='book__service'>
        <Text className='book__service-name' data-testid='book-service-name'>
          {rescheduleId ? '改约：' : ''}
          {service.data?.name ?? (service.loading ? '加载中…' : '预约办理')}
        </Text>
        {bundle.data && (
          <Text className='book__bundle' data-testid='book-bundle-note'>
            一件事「{bundle.data.name}」：本次预约此事项的到场时段；同一网点可办的其他事项到场后一并受理，不能一并受理的需另行预约
          </Text>
        )}
      </View>

      <View className='section' id={AREA_ANCHORS.hall}>
        <View className='section__title'>
          <Text className='section__title-text'>1. 选择办理网点</Text>
        </View>
        <StateView loading={b.halls.loading} error={b.halls.error} onRetry={b.halls.reload} empty={b.hallList.length === 0} emptyText='暂无可预约网点'>
          <View className='book__halls'>
            {b.hallList.filter((h) => b.choosingHall || !b.hallId || h.id === b.hallId).map((h) => (
              <View
                key={h.id}
                className={`book__hall ${b.hallId === h.id ? 'book__hall--active' : ''}`}
                data-testid='hall-option'
                onClick={() => b.selectHall(h.id)}
              >
                <Text className='book__hall-name'>{h.name}</Text>
                <Text className='muted'>{h.address}</Text>
                {h.hasOffHours && <Text className='badge badge--red'>非工作时间可约</Text>}
              </View>
            ))}
          </View>
          {b.hallId && !b.choosingHall && b.hallList.length > 1 && (
            <Text className='section__more book__change-hall' data-testid='change-hall' onClick={() => b.setChoosingHall(true)}>
              更换网点（共{b.hallList.length}个可办理网点）
            </Text>
          )}
        </StateView>
      </View>

      {b.hallId && (
        <View className='section' id={AREA_ANCHORS.date}>
          <View className='section__title'>
            <Text className='section__title-text'>2. 选择日期（近14天）</Text>
          </View>
          <View className='book__legend'>
            <Text className='book__legend-off'>双休日/节假日</Text>
            <Text className='muted'>延时：工作日午间或晚间</Text>
          </View>
          <AreaMessage area='date' problem={problem} />
          <StateView loading={b.days.loading && !b.days.data} error={b.days.error} onRetry={b.days.reload}>
            {/* 长辈版: a list of days in large type instead of the grid */}
            {elder ? (
              <SlotDayList days={b.days.data ?? []} activeDate={b.date} onSelect={(d) => b.selectDate(d)} />
            ) : (
            <View className='book__days' data-testid='calendar'>
              {(b.days.data ?? []).map((d) => (
                <DayCell key={d.date} day={d} active={d.date === b.date} booked={b.bookedDates.has(d.date)} onClick={() => b.selectDate(d.date)} />
              ))}
            </View>
            )}
            {b.days.data && b.days.data.every((d) => d.slots.length === 0) && (
              <Text className='muted'>该网点近14天暂无可预约场次，请选择其他网点</Text>
            )}
          </StateView>
        </View>
      )}

      {b.selectedDay && (
        <View className='section' id={AREA_ANCHORS.slot}>
          <View className='section__title'>
            <Text className='section__title-text'>3. 选择时段 · {dateLabel(b.selectedDay.date)}</Text>
          </View>
          <AreaMessage area='slot' problem={problem} />
          {b.bookedDates.has(b.selectedDay.date) && (
            <Text className='book__hint' data-testid='day-already-booked'>您当天已预约该事项（每人每天每个事项限约1次）</Text>
          )}
          {b.selectedDay.slots.length === 0 && <Text className='muted'>当天无可预约时段</Text>}
          {b.selectedDay.slots.map((s: Slot) => {
            const full = s.remaining <= 0
            const chosen = slot?.id === s.id
            return (
              <View
                key={s.id}
                className={`slot ${chosen ? 'slot--active' : ''} ${full ? 'slot--full' : ''}`}
                data-testid='slot'
                data-slot-id={s.id}
                onClick={() => (full ? b.chooseWaitlist(s) : b.selectSlot(s))}
              >
                <View className='slot__main'>
                  <Text className='slot__time'>
                    {s.start}-{s.end}
                  </Text>
                  {s.label && <Text className='badge badge--orange'>{s.label}</Text>}
                </View>
                {full ? (
                  <Text className='slot__waitlist' data-testid='waitlist-button'>
                    {chosen ? '✓ 候补' : '已约满 · 候补'}
                  </Text>
                ) : (
                  <Text className='slot__remaining'>余{s.remaining}/{s.capacity}</Text>
                )}
              </View>
            )
          })}
        </View>
      )}

      {slot && !rescheduleId && !b.joined && (
        <View className='section' data-testid='booking-form' id={AREA_ANCHORS.form}>
          <View className='section__title'>
            <Text className='section__title-text'>4. 填写办事人信息{waitlisting ? '（候补）' : ''}</Text>
          </View>
          {waitlisting && (
            <Text className='book__hint' data-testid='waitlist-explain'>
              {slot.start}-{slot.end} 已约满。加入候补后，有人取消时按候补先后自动为您预约，并通知您。
            </Text>
          )}
          <FormField anchor={FIELD_ANCHORS.name} label='姓名' testId='field-name' value={form.name} onChange={(v) => b.set({ name: v })} placeholder='请输入姓名' error={errors.name} showError={submitted} maxLength={30} />
          <FormField
            anchor={FIELD_ANCHORS.phone}
            label='手机号码'
            testId='field-phone'
            value={form.phone}
            onChange={(v) => b.set({ phone: v })}
            placeholder='请输入11位手机号码'
            error={errors.phone}
            showError={submitted || form.phone.length >= 11}
            type='digit'
            maxLength={11}
          />
          <View className='book__switch' id={FIELD_ANCHORS.withEnterprise}>
            <Text
              className={`chip ${form.withEnterprise ? 'chip--active' : ''}`}
              data-testid='toggle-enterprise'
              onClick={() => b.set({ withEnterprise: !form.withEnterprise })}
            >
              {form.withEnterprise ? '✓ 代表企业办理' : '代表企业办理（可选）'}
            </Text>
          </View>
          {form.withEnterprise && (
            <View>
              <FormField
                anchor={FIELD_ANCHORS.enterpriseName}
                label='企业名称'
                testId='field-enterprise-name'
                value={form.enterpriseName}
                onChange={(v) => b.set({ enterpriseName: v })}
                placeholder='与营业执照一致'
                error={errors.enterpriseName}
                showError={submitted}
                maxLength={100}
              />
              <FormField
                anchor={FIELD_ANCHORS.creditCode}
                label='统一社会信用代码'
                testId='field-credit-code'
                value={form.creditCode}
                onChange={(v) => b.set({ creditCode: v.toUpperCase() })}
                placeholder='18位统一社会信用代码'
                error={errors.creditCode}
                showError={submitted || form.creditCode.length > 0}
                maxLength={18}
                extra={
                  form.creditCode.length === 18 && !creditCodeError(form.creditCode) && !errors.creditCode ? (
                    <Text className='field__ok' data-testid='credit-code-ok'>✓ 校验通过</Text>
                  ) : undefined
                }
              />
              {b.canSaveEnterprise && (
                <Text
                  className={`chip book__save-enterprise ${b.saveEnterprise ? 'chip--active' : ''}`}
                  data-testid='save-enterprise'
                  onClick={() => b.setSaveEnterprise(!b.saveEnterprise)}
                >
                  {b.saveEnterprise ? '✓ 预约后保存到我的企业信息' : '保存到我的企业信息（下次自动填写）'}
                </Text>
              )}
            </View>
          )}
          <FormField anchor={FIELD_ANCHORS.note} label='备注（可选）' testId='field-note' value={form.note} onChange={(v) => b.set({ note: v })} placeholder='需要窗口提前了解的情况' error={errors.note} maxLength={200} />
        </View>
      )}

      <View id={AREA_ANCHORS.submit}>
        {b.joined && (
          <View className='book__joined' data-testid='waitlist-joined'>
            <Text className='book__joined-title'>
              已加入候补{b.joined.position ? `，当前第${b.joined.position}位` : ''}
            </Text>
            <Text className='book__joined-sub'>
              {dateLabel(b.joined.date)} {b.joined.start}-{b.joined.end}
              {b.joined.hallName ? ` · ${b.joined.hallName}` : ''}。有人取消时将按顺序自动为您预约并通知您，可在“我的预约”查看。
            </Text>
            <Button className='book__action' size='small' type='primary' data-testid='go-waitlist' onClick={() => void Taro.switchTab({ url: '/pages/bookings/index' })}>
              查看我的候补
            </Button>
          </View>
        )}
        <AreaMessage area='submit' problem={problem} />
      </View>

      {!b.joined && (
        <View className='bottom-bar'>
          <Button
            block
            type='primary'
            disabled={!slot || b.submitting}
            data-testid={waitlisting ? 'submit-waitlist' : 'submit-booking'}
            onClick={b.onSubmit}
          >
            {rescheduleId ? '确认改约' : waitlisting ? '加入候补' : '提交预约'}
          </Button>
        </View>
      )}

      <ConfirmDialog
        visible={b.confirming}
        title={rescheduleId ? '确认改约' : waitlisting ? '确认加入候补' : '确认预约信息'}
        confirmText={rescheduleId ? '确认改约' : waitlisting ? '加入候补' : '确认预约'}
        loading={b.submitting}
        onConfirm={() => void onConfirm()}
        onCancel={() => b.setConfirming(false)}
      >
        <View className='book__confirm' data-testid='confirm-summary'>
          <Text>事项：{service.data?.name}</Text>
          <Text>网点：{b.selectedHall?.name}</Text>
          {slot && <Text>时间：{dateLabel(slot.date)} {slot.start}-{slot.end}{waitlisting ? '（候补）' : ''}</Text>}
          {!rescheduleId && <Text>办事人：{form.name}（{form.phone}）</Text>}
          {!rescheduleId && form.withEnterprise && <Text>企业：{form.enterpriseName}</Text>}
        </View>
      </ConfirmDialog>
    </View>
  )
}
