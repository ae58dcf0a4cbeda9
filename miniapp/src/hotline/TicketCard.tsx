import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Ticket } from '@xz/shared'

/** A ticket as dispatchers and handlers see it: number, category, status, the SLA clock and the last steps. */
export function TicketCard({ ticket, children }: { ticket: Ticket; children?: ReactNode }) {
  const last = ticket.timeline[ticket.timeline.length - 1]
  return (
    <View className='desk__card' data-testid='hotline-ticket'>
      <View className='desk__card-title'>
        <Text>
          {ticket.urgent ? '【紧急】' : ''}
          {ticket.enterprise ? '【涉企】' : ''}
          {ticket.type} · {ticket.categoryName}
        </Text>
        <Text className={`desk__tag ${ticket.clock.overdue ? 'desk__tag--overdue' : ''}`} data-testid='hotline-ticket-status'>
          {ticket.statusLabel}
        </Text>
      </View>
      <View>
        <Text className='desk__muted'>{ticket.id}</Text>
      </View>
      <View>
        <Text>{ticket.description}</Text>
      </View>
      {ticket.departmentName && (
        <View>
          <Text className='desk__muted'>承办部门：{ticket.departmentName}</Text>
        </View>
      )}
      {ticket.clock.label && (
        <View>
          <Text className={ticket.clock.overdue ? 'desk__error' : 'desk__muted'} data-testid='hotline-ticket-clock'>
            {ticket.clock.label}
          </Text>
        </View>
      )}
      {last && last.reason && (
        <View>
          <Text className='desk__muted'>
            {last.actionLabel}：{last.reason}
          </Text>
        </View>
      )}
      {children}
    </View>
  )
}
