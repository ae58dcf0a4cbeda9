import { Text, View } from '@tarojs/components'
import { localDate, localTime, type NotificationItem } from '@xz/shared'
import { openPage } from '@/utils/open-page'
import { isLoggedIn } from '@/api/auth'
import { StateView } from '@/components/StateView'
import { useMessages } from '@/hooks/useMessages'
import { useElderMode } from '@/stores/elder'
import './index.scss'

const KIND_LABELS: Record<string, string> = {
  remind24h: '预约提醒',
  remind1h: '预约提醒',
  rating_invite: '邀请评价',
  queue_called: '叫号',
  session_cancelled: '场次取消',
  waitlist_promoted: '候补成功',
  waitlist_closed: '候补结束',
  work_order_replied: '差评回复',
  work_order_rejected: '差评核实',
  work_order_appeal_decided: '申诉结果'
}

const when = (iso: string) => {
  const d = new Date(iso)
  const [, m, day] = localDate(d).split('-')
  return `${Number(m)}月${Number(day)}日 ${localTime(d)}`
}

function Row({ n, onOpen }: { n: NotificationItem; onOpen: (n: NotificationItem) => void }) {
  return (
    <View className={`messages__row ${n.read ? '' : 'messages__row--unread'}`} data-testid='message' data-read={n.read ? '1' : '0'} onClick={() => onOpen(n)}>
      <View className='messages__top'>
        <Text className='messages__kind'>{KIND_LABELS[n.kind] ?? '通知'}</Text>
        {!n.read && <Text className='messages__dot' data-testid='message-unread'>未读</Text>}
        <Text className='messages__time'>{when(n.createdAt)}</Text>
      </View>
      <Text className='messages__title'>{n.title}</Text>
      <Text className='messages__body'>{n.body}</Text>
    </View>
  )
}

/** 消息: my reminders, calls, rating invitations and work-order answers, newest first. */
export default function MessagesPage() {
  const { elderClass } = useElderMode()
  const m = useMessages()
  const open = (n: NotificationItem) => {
    void m.markRead(n.id)
    if (n.page) void openPage(n.page)
  }
  return (
    <View className={`page messages ${elderClass}`}>
      <View className='section messages__head'>
        <Text className='messages__count' data-testid='messages-unread'>
          {m.unread ? `${m.unread} 条未读` : '没有未读消息'}
        </Text>
        {m.unread > 0 && (
          <Text className='messages__all' data-testid='messages-read-all' onClick={() => void m.markAll()}>
            全部已读
          </Text>
        )}
      </View>
      <StateView
        loading={m.loading && m.items.length === 0}
        error={isLoggedIn() ? m.error : '登录后查看消息'}
        onRetry={m.reload}
        empty={m.items.length === 0}
        emptyText='暂无消息'
      >
        <View className='section'>
          {m.items.map((n) => (
            <Row key={n.id} n={n} onOpen={open} />
          ))}
          {m.hasMore && (
            <Text className='messages__more' data-testid='messages-more' onClick={() => void m.more()}>
              {m.loading ? '加载中…' : '加载更多'}
            </Text>
          )}
        </View>
      </StateView>
    </View>
  )
}
