import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, NoticeBar } from '@nutui/nutui-react-taro'
import { BookingCard } from '@/components/BookingCard'
import { StateView } from '@/components/StateView'
import { WAITLIST_STATUS_LABELS, type WaitlistEntry } from '@/api/bookings'
import { leaveMyWaitlist, useMyBookings, useMyWaitlist } from '@/hooks/useBookings'
import { dateLabel } from '@/utils/format'
import { goLogin } from '@/utils/loginReturn'
import { useElderMode } from '@/stores/elder'
import './index.scss'

type Tab = 'upcoming' | 'past'

function WaitlistItem({ entry, onLeft }: { entry: WaitlistEntry; onLeft: () => void }) {
  const waiting = entry.status === 'waiting'
  return (
    <View className='bookings__waitlist-item' data-testid='waitlist-entry'>
      <View className='bookings__waitlist-main'>
        <Text className='bookings__waitlist-name'>{entry.serviceName ?? '预约办理'}</Text>
        <Text className='muted'>
          {dateLabel(entry.date)} {entry.start}-{entry.end}
          {entry.hallName ? ` · ${entry.hallName}` : ''}
        </Text>
      </View>
      <View className='bookings__waitlist-side'>
        <Text className={`badge ${waiting ? 'badge--orange' : 'badge--grey'}`}>
          {WAITLIST_STATUS_LABELS[entry.status]}
          {waiting && entry.position ? ` 第${entry.position}位` : ''}
          {entry.status === 'promoted' ? '，已为您预约' : ''}
        </Text>
        {entry.status === 'promoted' && entry.bookingId && (
          <Text
            className='section__more'
            data-testid='waitlist-promoted-booking'
            onClick={() => void Taro.navigateTo({ url: `/pages/booking/index?id=${entry.bookingId ?? ''}` })}
          >
            查看预约 ›
          </Text>
        )}
        {waiting && (
          <Text
            className='section__more'
            onClick={async () => {
              const result = await leaveMyWaitlist(entry.id)
              void Taro.showToast({ title: result.message, icon: result.ok ? 'success' : 'none' })
              if (result.ok) onLeft()
            }}
          >
            退出候补
          </Text>
        )}
      </View>
    </View>
  )
}

export default function BookingsPage() {
  const { elderClass } = useElderMode()
  const [shown, setShown] = useState(0)
  useDidShow(() => setShown((n) => n + 1))
  const bookings = useMyBookings(shown)
  const [waitVersion, setWaitVersion] = useState(0)
  const waitlist = useMyWaitlist(shown + waitVersion)
  const waiting = (waitlist.data ?? []).filter((w) => w.status === 'waiting' || w.status === 'promoted').slice(0, 5)
  const [tab, setTab] = useState<Tab>('upcoming')
  const list = bookings.data?.[tab] ?? []
  const noShows = (bookings.data?.past ?? []).filter((b) => b.status === 'no_show').length
  const suspended = bookings.errorCode === 'BOOKING_SUSPENDED'

  return (
    <View className={`page bookings ${elderClass}`}>
      {(noShows > 0 || suspended) && (
        <View className='bookings__notice' data-testid='noshow-notice'>
          <NoticeBar
            scrollable={false}
            content={
              suspended || noShows >= 2
                ? '因90天内爽约2次，预约功能暂停30天'
                : '您有1次爽约记录：90天内爽约2次将暂停预约30天'
            }
          />
        </View>
      )}
      {tab === 'upcoming' && waiting.length > 0 && (
        <View className='section bookings__waitlist' data-testid='waitlist'>
          <View className='section__title'>
            <Text className='section__title-text'>我的候补</Text>
          </View>
          {waiting.map((w) => (
            <WaitlistItem key={w.id} entry={w} onLeft={() => setWaitVersion((v) => v + 1)} />
          ))}
        </View>
      )}
      <View className='bookings__tabs'>
        {(['upcoming', 'past'] as Tab[]).map((t) => (
          <Text
            key={t}
            className={`bookings__tab ${tab === t ? 'bookings__tab--active' : ''}`}
            data-testid={`bookings-tab-${t}`}
            onClick={() => setTab(t)}
          >
            {t === 'upcoming' ? '待办理' : '历史预约'}
            {bookings.data ? `（${bookings.data[t].length}）` : ''}
          </Text>
        ))}
      </View>
      <StateView
        loading={bookings.loading && !bookings.data}
        error={bookings.error}
        onRetry={bookings.reload}
        errorAction={
          bookings.errorCode === 'UNAUTHENTICATED' ? (
            <Button type='primary' size='small' data-testid='go-login' onClick={() => goLogin('/pages/bookings/index')}>
              去登录
            </Button>
          ) : undefined
        }
        empty={list.length === 0}
        emptyText={tab === 'upcoming' ? '暂无待办理的预约' : '暂无历史预约'}
        emptyExtra={
          tab === 'upcoming' ? (
            <Button type='primary' size='small' onClick={() => Taro.navigateTo({ url: '/pages/search/index?offHours=1' })}>
              去预约
            </Button>
          ) : undefined
        }
      >
        {list.map((b) => (
          <BookingCard key={b.id} booking={b} />
        ))}
      </StateView>
      <View className='bookings__links'>
        <Text className='section__more' data-testid='my-ratings-link' onClick={() => Taro.navigateTo({ url: '/pages/ratings/index' })}>
          我的评价 ›
        </Text>
      </View>
    </View>
  )
}
