import { Picker, Text, View } from '@tarojs/components'
import { STAFF_ROLES } from '../api'
import { useRoleGuard } from '../lib/guard'
import { GuardPending } from '../lib/GuardPending'
import { ActionButton } from '../lib/ActionButton'
import { DeskInput } from '../lib/DeskInput'
import { StaffNav } from '../lib/StaffNav'
import '../staff.scss'
import { useQueueDesk } from './useQueueDesk'

/** 叫号: call the next person (checked-in bookings and walk-ins), mark served or no-show, and take walk-ins. */
export default function StaffQueue() {
  const me = useRoleGuard(STAFF_ROLES)
  const { halls, hall, choose, queue, services, current, message, error, busy, walkInName, setWalkInName, walkInService, setWalkInService, next, finish, takeWalkIn } =
    useQueueDesk(me)

  if (!me) return <GuardPending />

  return (
    <View className='desk' data-testid='staff-queue'>
      <View className='desk__header'>
        <Text className='desk__title'>叫号</Text>
        {halls.length > 1 ? (
          <Picker mode='selector' range={halls.map((h) => h.name)} onChange={(e) => choose(halls[Number(e.detail.value)].id)}>
            <Text className='desk__muted'>{hall?.name} ▾</Text>
          </Picker>
        ) : (
          <Text className='desk__muted'>{hall?.name}</Text>
        )}
      </View>
      <StaffNav current='queue' role={me.role} />

      <View className='desk__card'>
        <Text className='desk__card-title'>当前叫号</Text>
        <Text className='desk__big' data-testid='queue-current'>
          {current?.queueNumber ?? '—'}
        </Text>
        {current && (
          <Text className='desk__muted' data-testid='queue-current-person'>
            {current.name ?? '现场取号'} · {current.serviceName}
            {current.start ? ` · ${current.start}–${current.end}` : ''}
          </Text>
        )}
        <View className='desk__actions'>
          <ActionButton variant='primary' testId='queue-next' disabled={busy || !hall} onClick={() => void next()}>
            叫下一位
          </ActionButton>
        </View>
        {current && (
          <View className='desk__actions'>
            <ActionButton testId='queue-serve' disabled={busy} onClick={() => void finish('serve')}>
              办结
            </ActionButton>
            {current.kind === 'booking' && (
              <ActionButton variant='danger' testId='queue-no-show' disabled={busy} onClick={() => void finish('no-show')}>
                未到（爽约）
              </ActionButton>
            )}
          </View>
        )}
        {message && (
          <Text className='desk__success' data-testid='queue-message'>
            {message}
          </Text>
        )}
        {error && (
          <Text className='desk__error' data-testid='queue-error'>
            {error}
          </Text>
        )}
      </View>

      <View className='desk__card'>
        <Text className='desk__card-title'>
          等候中（{queue.data?.waiting.length ?? 0}） · 今日已办结 {queue.data?.servedCount ?? 0}
        </Text>
        {queue.data?.waiting.length === 0 && <Text className='desk__muted'>暂无等候</Text>}
        {queue.data?.waiting.map((e) => (
          <View key={e.id} className='desk__row' data-testid='queue-waiting'>
            <Text>{e.queueNumber}</Text>
            <Text className='desk__muted'>
              {e.name ?? '现场取号'} · {e.serviceName}
            </Text>
          </View>
        ))}
        {queue.error && <Text className='desk__error'>{queue.error}</Text>}
      </View>

      <View className='desk__card'>
        <Text className='desk__card-title'>现场取号</Text>
        <DeskInput label='姓名（可不填）' testId='walkin-name' value={walkInName} placeholder='办事人姓名' onChange={setWalkInName} />
        <Picker mode='selector' range={services.map((s) => s.name)} onChange={(e) => setWalkInService(Number(e.detail.value))}>
          <View className='desk__field'>
            <Text className='desk__label'>办理事项</Text>
            <Text className='desk__input' data-testid='walkin-service'>
              {services[walkInService]?.name ?? '该网点暂无可办事项'}
            </Text>
          </View>
        </Picker>
        <ActionButton variant='plain' testId='walkin-submit' disabled={busy || services.length === 0} onClick={() => void takeWalkIn()}>
          取号
        </ActionButton>
      </View>
    </View>
  )
}
