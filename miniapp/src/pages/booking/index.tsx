import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button, NoticeBar } from '@nutui/nutui-react-taro'
import { BOOKING_STATUS_LABELS } from '@/api/bookings'
import { ConfirmDialog } from '@/components/ConfirmDialog'
import { MaterialItem } from '@/components/MaterialItem'
import { MISSING, StateView } from '@/components/StateView'
import { cancelMyBooking, useBooking } from '@/hooks/useBookings'
import { useService } from '@/hooks/useCatalogue'
import { useHall } from '@/hooks/useHalls'
import { navigateToHall } from '@/components/HallCard'
import { dateLabel } from '@/utils/format'
import { goLogin } from '@/utils/loginReturn'
import { useElderMode } from '@/stores/elder'
import './index.scss'

export default function BookingPage() {
  const { elderClass } = useElderMode()
  const { params } = useRouter()
  const [version, setVersion] = useState(0)
  const booking = useBooking(params.id, version)
  const data = booking.data
  const service = useService(data?.serviceId)
  const hall = useHall(data?.hallId)
  const [confirmCancel, setConfirmCancel] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const isNew = params.new === '1' || params.new === 'reschedule'

  const onCancel = async () => {
    if (!data) return
    setBusy(true)
    const result = await cancelMyBooking(data.id)
    setBusy(false)
    setConfirmCancel(false)
    setMessage(result.message)
    void Taro.showToast({ title: result.message, icon: result.ok ? 'success' : 'none' })
    if (result.ok) setVersion((v) => v + 1)
  }

  const materials = (service.data?.materials ?? []).filter((m) => m.required && !m.exempt)
  const active = data?.status === 'booked'
  const changeable = active && data?.changeable !== false
  const hallName = data?.hallName ?? hall.data?.name
  const address = data?.hallAddress ?? hall.data?.address

  return (
    <View className={`page booking ${elderClass}`}>
      <StateView
        loading={booking.loading && !data}
        error={params.id ? booking.error : MISSING}
        onRetry={booking.reload}
        errorAction={
          booking.errorCode === 'UNAUTHENTICATED' ? (
            <Button type='primary' size='small' onClick={() => goLogin(`/pages/booking/index?id=${params.id ?? ''}`)}>去登录</Button>
          ) : undefined
        }
      >
        {data && (
          <View>
            {isNew && data.status === 'booked' && (
              <View className='booking__success' data-testid='booking-success'>
                <Text className='booking__success-title'>{params.new === 'reschedule' ? '改约成功' : '预约成功'}</Text>
                <Text className='booking__success-sub'>请按时到场，凭预约码或二维码签到</Text>
              </View>
            )}
            <View className='section booking__ticket'>
              <Text className={`booking__status booking__status--${data.status}`} data-testid='booking-status'>
                {BOOKING_STATUS_LABELS[data.status] ?? data.status}
              </Text>
              <Text className='booking__service'>{data.serviceName ?? service.data?.name}</Text>
              {data.qrDataUrl && data.status === 'booked' && (
                <Image className='booking__qr' src={data.qrDataUrl} mode='aspectFit' data-testid='booking-qr' />
              )}
              {/* a cancelled booking's code no longer admits anyone: muted and struck through, labelled 已取消 */}
              <Text className='muted'>{data.status === 'cancelled' ? '预约码（已取消，不可使用）' : '预约码'}</Text>
              <Text className={`booking__code ${data.status === 'cancelled' ? 'booking__code--void' : ''}`} data-testid='booking-code'>
                {data.code}
              </Text>
              {data.queueNumber && <Text className='booking__queue'>排队号 {data.queueNumber}</Text>}
            </View>

            <View className='section'>
              <View className='booking__row'>
                <Text className='booking__label'>时间</Text>
                <Text className='booking__value' data-testid='booking-time'>
                  {dateLabel(data.date)} {data.start}-{data.end}
                  {data.label ? `（${data.label}）` : ''}
                </Text>
              </View>
              <View className='booking__row'>
                <Text className='booking__label'>网点</Text>
                <Text className='booking__value'>{hallName ?? '—'}</Text>
              </View>
              <View className='booking__row'>
                <Text className='booking__label'>地址</Text>
                <Text className='booking__value' data-testid='booking-address'>{address ?? '—'}</Text>
              </View>
              {hall.data && (
                <Text className='section__more booking__nav' onClick={() => hall.data && navigateToHall(hall.data)}>
                  地图导航
                </Text>
              )}
              <View className='booking__row'>
                <Text className='booking__label'>办事人</Text>
                <Text className='booking__value'>{data.applicant.name} {data.applicant.phone}</Text>
              </View>
              {data.enterprise && (
                <View className='booking__row'>
                  <Text className='booking__label'>企业</Text>
                  <Text className='booking__value'>{data.enterprise.name}（{data.enterprise.creditCode}）</Text>
                </View>
              )}
            </View>

            {active && (
              <View className='section' data-testid='bring-materials'>
                <View className='section__title'>
                  <Text className='section__title-text'>请携带以下材料</Text>
                </View>
                <StateView loading={service.loading} error={service.error} onRetry={service.reload} empty={materials.length === 0} emptyText='无需携带纸质材料'>
                  {materials.map((m, i) => (
                    <MaterialItem key={i} material={m} />
                  ))}
                </StateView>
              </View>
            )}

            {data.warning && (
              <View className='booking__warning' data-testid='booking-warning'>
                <NoticeBar content={data.warning} scrollable={false} />
              </View>
            )}
            {active && !changeable && <Text className='muted booking__hint'>距开始不足1小时，已不能取消或改约</Text>}
            {message && <Text className='booking__message' data-testid='booking-message'>{message}</Text>}

            <View className='booking__actions'>
              {changeable && (
                <Button
                  block
                  type='primary'
                  fill='outline'
                  data-testid='reschedule-booking'
                  onClick={() =>
                    Taro.navigateTo({ url: `/pages/book/index?serviceId=${data.serviceId}&hallId=${data.hallId}&rescheduleId=${data.id}` })
                  }
                >
                  改约
                </Button>
              )}
              {changeable && (
                <Button block data-testid='cancel-booking' onClick={() => setConfirmCancel(true)}>
                  取消预约
                </Button>
              )}
              {data.status === 'served' && (
                <Button
                  block
                  type='primary'
                  data-testid='rate-booking'
                  onClick={() => Taro.navigateTo({ url: `/pages/rate/index?bookingId=${data.id}&serviceId=${data.serviceId}` })}
                >
                  评价本次服务
                </Button>
              )}
              {data.status === 'cancelled' && (
                <Button
                  block
                  type='primary'
                  data-testid='book-again'
                  onClick={() => Taro.redirectTo({ url: `/pages/book/index?serviceId=${data.serviceId}&hallId=${data.hallId}&from=${data.id}` })}
                >
                  重新预约
                </Button>
              )}
            </View>
          </View>
        )}
      </StateView>

      <ConfirmDialog
        visible={confirmCancel}
        title='取消预约'
        confirmText='确认取消'
        cancelText='再想想'
        loading={busy}
        onConfirm={() => void onCancel()}
        onCancel={() => setConfirmCancel(false)}
      >
        <Text>确定取消该预约吗？取消后名额将释放给其他办事人。</Text>
      </ConfirmDialog>
    </View>
  )
}
