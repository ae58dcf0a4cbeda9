import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { TICKET_SATISFACTIONS, type Ticket } from '@xz/shared'
import { ApiError } from '@/api/request'
import { fetchMyTickets, rateTicket } from '@/api/tickets'
import { StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useElderMode } from '@/stores/elder'
import '../tickets.scss'

const time = (iso: string) => iso.slice(5, 16).replace('T', ' ')

function TicketItem({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const [error, setError] = useState('')
  const rate = async (s: (typeof TICKET_SATISFACTIONS)[number]) => {
    setError('')
    try {
      await rateTicket(ticket.id, s)
      onChanged()
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '评价失败，请稍后重试')
    }
  }
  return (
    <View className='ticket' data-testid='my-ticket'>
      <View className='ticket__head'>
        <Text className='ticket__title'>{ticket.categoryName}</Text>
        <Text className='badge badge--grey' data-testid='my-ticket-status'>
          {ticket.statusLabel}
        </Text>
      </View>
      <Text className='muted'>{ticket.id}</Text>
      <Text className='ticket__text'>{ticket.description}</Text>
      {ticket.reply && (
        <Text className='ticket__text' data-testid='my-ticket-reply'>
          答复：{ticket.reply}
        </Text>
      )}
      <View>
        {ticket.timeline.map((e) => (
          <Text key={e.seq} className='ticket__step'>
            {time(e.at)} {e.actionLabel}
            {e.reason ? `：${e.reason}` : ''}
          </Text>
        ))}
      </View>
      {ticket.canRate && (
        <View data-testid='ticket-rate'>
          <Text className='ticket__label'>对办理结果是否满意？</Text>
          {TICKET_SATISFACTIONS.map((s) => (
            <Text key={s} className='ticket__chip' data-testid={`ticket-rate-${s}`} onClick={() => void rate(s)}>
              {s}
            </Text>
          ))}
        </View>
      )}
      {error && <Text className='ticket__error'>{error}</Text>}
    </View>
  )
}

export default function MyTicketsPage() {
  const { elderClass } = useElderMode()
  const [version, setVersion] = useState(0)
  useDidShow(() => setVersion((v) => v + 1))
  const tickets = useAsync(fetchMyTickets, [version])
  const list = tickets.data?.items ?? []
  return (
    <View className={`page ${elderClass}`} data-testid='my-tickets'>
      <View className='ticket__button' data-testid='ticket-new-link' onClick={() => void Taro.navigateTo({ url: '/pages/tickets/new/index' })}>
        我要反映
      </View>
      <StateView loading={tickets.loading && !tickets.data} error={tickets.error} onRetry={tickets.reload} empty={list.length === 0} emptyText='暂无诉求'>
        {list.map((t) => (
          <TicketItem key={t.id} ticket={t} onChanged={() => setVersion((v) => v + 1)} />
        ))}
      </StateView>
    </View>
  )
}
