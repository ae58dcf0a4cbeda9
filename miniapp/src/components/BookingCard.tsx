import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { BOOKING_STATUS_LABELS, type Booking } from '@/api/bookings'
import { dateLabel } from '@/utils/format'
import './BookingCard.scss'

export function openBooking(id: string) {
  void Taro.navigateTo({ url: `/pages/booking/index?id=${encodeURIComponent(id)}` })
}

export function BookingCard({ booking, title }: { booking: Booking; title?: string }) {
  return (
    <View className='booking-card' data-testid='booking-card' onClick={() => openBooking(booking.id)}>
      <View className='booking-card__head'>
        <Text className='booking-card__title'>{title ?? booking.serviceName ?? '预约办理'}</Text>
        <Text className={`booking-card__status booking-card__status--${booking.status}`}>
          {BOOKING_STATUS_LABELS[booking.status] ?? booking.status}
        </Text>
      </View>
      {title && booking.serviceName && <Text className='booking-card__line'>{booking.serviceName}</Text>}
      <Text className='booking-card__line booking-card__time'>
        {dateLabel(booking.date)} {booking.start}-{booking.end}
        {booking.label ? ` · ${booking.label}` : ''}
      </Text>
      {booking.hallName && <Text className='booking-card__line'>{booking.hallName}</Text>}
      {booking.fromWaitlist && <Text className='badge badge--green' data-testid='booking-from-waitlist'>候补成功</Text>}
      <Text className='booking-card__line'>预约码 <Text className='booking-card__code'>{booking.code}</Text></Text>
    </View>
  )
}
