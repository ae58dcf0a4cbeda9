import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import type { Role, Ticket } from '@xz/shared'
import { useAsync } from '@/hooks/useAsync'
import { fetchHandlerTickets, handlerActions } from '@/api/tickets'
import { ToKnowledge } from './ToKnowledge'
import { useRoleGuard } from '../../staff/lib/guard'
import { GuardPending } from '../../staff/lib/GuardPending'
import { DeskState } from '../../staff/lib/DeskState'
import { useDeskUpdates } from '@/hooks/useDeskUpdates'
import { ActionButton } from '../../staff/lib/ActionButton'
import { actionError } from '../../staff/lib/format'
import { TicketCard } from '../TicketCard'
import '../../staff/staff.scss'

const ROLES: Role[] = ['handler']

function HandlerItem({ ticket, onDone }: { ticket: Ticket; onDone: (message: string) => void }) {
  const [text, setText] = useState('')
  const [days, setDays] = useState('')
  const [error, setError] = useState('')
  const run = async (act: () => Promise<Ticket>, message: string) => {
    setError('')
    try {
      await act()
      onDone(message)
    } catch (err) {
      setError(actionError(err))
    }
  }
  return (
    <TicketCard ticket={ticket}>
      {(ticket.status === 'dispatched' || ticket.status === 'handling') && (
        <Textarea className='desk__textarea' data-testid='handler-text' value={text} maxlength={2000} placeholder='答复内容，或退单/补充材料/延期的理由' onInput={(e) => setText(e.detail.value)} />
      )}
      {ticket.status === 'dispatched' && (
        <View className='desk__actions'>
          <ActionButton variant='primary' testId='handler-accept' onClick={() => void run(() => handlerActions.accept(ticket.id), '已签收')}>
            签收
          </ActionButton>
          <ActionButton variant='danger' testId='handler-return' onClick={() => void run(() => handlerActions.return(ticket.id, text.trim()), '已退单')}>
            退单
          </ActionButton>
        </View>
      )}
      {ticket.status === 'handling' && (
        <View>
          <View className='desk__actions'>
            <ActionButton variant='primary' testId='handler-reply' onClick={() => void run(() => handlerActions.reply(ticket.id, text.trim()), '已答复')}>
              答复
            </ActionButton>
            <ActionButton variant='plain' testId='handler-supplement' onClick={() => void run(() => handlerActions.requestSupplement(ticket.id, text.trim()), '已请求补充材料')}>
              请求补充材料
            </ActionButton>
          </View>
          {!ticket.extension && (
            <View className='desk__field'>
              <Text className='desk__label'>申请延期（工作日，最多 10 天）</Text>
              <Input className='desk__input' data-testid='handler-extension-days' type='number' value={days} onInput={(e) => setDays(e.detail.value)} />
              <View className='desk__actions'>
                <ActionButton variant='plain' testId='handler-extension' onClick={() => void run(() => handlerActions.requestExtension(ticket.id, Number(days), text.trim()), '已申请延期')}>
                  申请延期
                </ActionButton>
              </View>
            </View>
          )}
        </View>
      )}
      {ticket.extension && (
        <Text className='desk__muted'>
          延期 {ticket.extension.days} 个工作日：{ticket.extension.status === 'pending' ? '待审核' : ticket.extension.status === 'approved' ? '已批准' : '未批准'}
        </Text>
      )}
      {ticket.type === '咨询' && ['replied', 'closed', 'archived'].includes(ticket.status) && <ToKnowledge ticket={ticket} onDone={onDone} />}
      {error && (
        <Text className='desk__error' data-testid='handler-error'>
          {error}
        </Text>
      )}
    </TicketCard>
  )
}

/** The department's tickets: overdue first, then soon due, then by deadline. */
export default function HandlerTickets() {
  const me = useRoleGuard(ROLES)
  const { version, message, doneWith } = useDeskUpdates()
  const tickets = useAsync(fetchHandlerTickets, [version], Boolean(me))
  if (!me) return <GuardPending />
  const items = tickets.data?.items ?? []
  return (
    <View className='desk' data-testid='hotline-handler'>
      <View className='desk__header'>
        <Text className='desk__title'>12345 诉求办理</Text>
        <Text className='desk__muted'>超时和即将到期的排在前面</Text>
      </View>
      <View className='desk__card' data-testid='handler-knowledge-entry' onClick={() => void Taro.navigateTo({ url: '/admin/knowledge/index' })}>
        <Text className='desk__card-title'>本部门知识库 ›</Text>
        <Text className='desk__muted'>每月复核本部门的知识条目，编辑、下架或新建</Text>
      </View>
      {message && (
        <Text className='desk__success' data-testid='handler-message'>
          {message}
        </Text>
      )}
      <DeskState loading={tickets.loading && !tickets.data} error={tickets.error} onRetry={tickets.reload} empty={items.length === 0} emptyText='暂无待办诉求'>
        {items.map((t) => (
          <HandlerItem
            key={t.id}
            ticket={t}
            onDone={doneWith(t.id)}
          />
        ))}
      </DeskState>
    </View>
  )
}
