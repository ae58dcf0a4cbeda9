import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { TICKET_SATISFACTIONS, type Ticket } from '@xz/shared'
import { ApiError } from '@/api/request'
import { fetchMyTickets, rateTicket, supplementTicket } from '@/api/tickets'
import { PhotoPicker, type PickedPhoto } from '@/components/PhotoPicker'
import { TicketPhotos } from '@/components/TicketPhotos'
import { StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useElderMode } from '@/stores/elder'
import '../tickets.scss'

const time = (iso: string) => iso.slice(5, 16).replace('T', ' ')

/** What the department asked for (the latest 请求补充材料) and the form to send it: text and up to 3 photos. */
function SupplementForm({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const asked = [...ticket.timeline].reverse().find((e) => e.action === 'request_supplement')
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const send = async () => {
    if (busy) return
    setError('')
    if (text.trim().length < 2) return setError('请填写补充说明')
    setBusy(true)
    try {
      await supplementTicket(ticket.id, text.trim(), photos.map((p) => p.url))
      void Taro.showToast({ title: '已补充材料，部门将继续办理', icon: 'none' })
      onChanged()
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '提交失败，请稍后重试')
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='ticket__suggestion' data-testid='ticket-supplement'>
      <Text className='ticket__label'>需要您补充材料</Text>
      <Text className='ticket__text' data-testid='ticket-supplement-asked'>
        {asked?.reason ?? '承办部门请您补充材料'}
      </Text>
      <Text className='muted'>{ticket.clock.label}</Text>
      <Textarea className='ticket__textarea' data-testid='ticket-supplement-text' value={text} maxlength={2000} placeholder='请填写补充说明' onInput={(e) => setText(e.detail.value)} />
      <PhotoPicker value={photos} onChange={setPhotos} testId='ticket-supplement-photos' />
      {error && (
        <Text className='ticket__error' data-testid='ticket-supplement-error'>
          {error}
        </Text>
      )}
      <View className='ticket__button' data-testid='ticket-supplement-submit' onClick={() => void send()}>
        {busy ? '提交中…' : '提交补充材料'}
      </View>
    </View>
  )
}

function TicketItem({ ticket, onChanged, highlighted }: { ticket: Ticket; onChanged: () => void; highlighted: boolean }) {
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
    <View className={`ticket ${highlighted ? 'ticket--highlighted' : ''}`} id={`ticket-${ticket.id}`} data-testid='my-ticket' data-id={ticket.id}>
      <View className='ticket__head'>
        <Text className='ticket__title'>{ticket.categoryName}</Text>
        <Text className='badge badge--grey' data-testid='my-ticket-status'>
          {ticket.statusLabel}
        </Text>
      </View>
      <Text className='muted'>{ticket.id}</Text>
      <Text className='ticket__text'>{ticket.description}</Text>
      <TicketPhotos links={ticket.photoLinks} />
      {ticket.canSupplement && <SupplementForm ticket={ticket} onChanged={onChanged} />}
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
  // opened from a notice (消息 or a subscribe message): that ticket first
  const openId = useRouter().params.id
  const items = tickets.data?.items ?? []
  const list = openId ? [...items.filter((t) => t.id === openId), ...items.filter((t) => t.id !== openId)] : items
  return (
    <View className={`page ${elderClass}`} data-testid='my-tickets'>
      <View className='ticket__button' data-testid='ticket-new-link' onClick={() => void Taro.navigateTo({ url: '/pages/tickets/new/index' })}>
        我要反映
      </View>
      <StateView loading={tickets.loading && !tickets.data} error={tickets.error} onRetry={tickets.reload} empty={list.length === 0} emptyText='暂无诉求'>
        {list.map((t) => (
          <TicketItem key={t.id} ticket={t} highlighted={t.id === openId} onChanged={() => setVersion((v) => v + 1)} />
        ))}
      </StateView>
    </View>
  )
}
