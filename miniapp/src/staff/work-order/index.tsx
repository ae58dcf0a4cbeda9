import { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import { REJECT_CATEGORIES, WORK_ORDER_STATUS_LABELS, type RejectCategory, type WorkOrder } from '@xz/shared'
import { useAsync } from '@/hooks/useAsync'
import { StateView } from '@/components/StateView'
import { fetchWorkOrder, replyWorkOrder, verifyWorkOrder, STAFF_ROLES } from '../api'
import { useRoleGuard } from '../lib/guard'
import { GuardPending } from '../lib/GuardPending'
import { actionError, fieldErrors, levelStars, shortDateTime } from '../lib/format'
import { ActionButton } from '../lib/ActionButton'
import '../staff.scss'

/** Same minimums as the server (VerifyWorkOrderSchema / ReplyWorkOrderSchema): checked here to answer at once. */
const MIN_REASON = 5
const MIN_REPLY = 5

function Line({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <View className='desk__row'>
      <Text className='desk__muted'>{label}</Text>
      <Text data-testid={testId}>{children}</Text>
    </View>
  )
}

function Actions({ order, onDone }: { order: WorkOrder; onDone: (updated: WorkOrder, message: string) => void }) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [category, setCategory] = useState<RejectCategory>(REJECT_CATEGORIES[0])
  const [reply, setReply] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const run = async (action: () => Promise<WorkOrder>, message: string) => {
    setBusy(true)
    setError('')
    try {
      onDone(await action(), message)
    } catch (err) {
      const fields = fieldErrors(err)
      setError(Object.values(fields)[0] ?? actionError(err))
    } finally {
      setBusy(false)
    }
  }

  const errorText = error && (
    <Text className='desk__error' data-testid='wo-error'>
      {error}
    </Text>
  )

  if (order.status === 'pending_verification') {
    return (
      <View className='desk__card'>
        <Text className='desk__card-title'>核实差评</Text>
        {!rejecting ? (
          <View className='desk__actions'>
            <ActionButton testId='wo-verify' disabled={busy} onClick={() => void run(() => verifyWorkOrder(order.id, { valid: true }), '已核实属实，请整改并答复')}>
              核实属实
            </ActionButton>
            <ActionButton variant='danger' testId='wo-reject-open' onClick={() => setRejecting(true)}>
              驳回（误评/恶意）
            </ActionButton>
          </View>
        ) : (
          <View>
            <View className='desk__chips'>
              {REJECT_CATEGORIES.map((c) => (
                <Text key={c} className={`desk__chip ${category === c ? 'desk__chip--active' : ''}`} data-testid={`wo-category-${c}`} onClick={() => setCategory(c)}>
                  {c}
                </Text>
              ))}
            </View>
            <View className='desk__field'>
              <Text className='desk__label'>驳回理由（管理员将复核）</Text>
              <Input className='desk__input' data-testid='wo-reject-reason' value={reason} placeholder='至少 5 个字' onInput={(e) => setReason(e.detail.value)} />
            </View>
            <View className='desk__actions'>
              <ActionButton variant='plain' onClick={() => setRejecting(false)}>
                返回
              </ActionButton>
              <ActionButton
                variant='danger'
                testId='wo-reject'
                disabled={busy}
                onClick={() => {
                  if (Array.from(reason.trim()).length < MIN_REASON) {
                    setError(`驳回时请填写理由（至少 ${MIN_REASON} 个字）`)
                    return
                  }
                  void run(() => verifyWorkOrder(order.id, { valid: false, reason: reason.trim(), category }), '已驳回，等待评价人申诉或管理员复核')
                }}
              >
                确认驳回
              </ActionButton>
            </View>
          </View>
        )}
        {errorText}
      </View>
    )
  }

  if (order.status === 'rectifying') {
    return (
      <View className='desk__card'>
        <Text className='desk__card-title'>整改答复</Text>
        <Textarea
          className='desk__textarea'
          data-testid='wo-reply-text'
          value={reply}
          maxlength={1000}
          placeholder='说明整改措施（至少 5 个字），答复将发送给评价人'
          onInput={(e) => setReply(e.detail.value)}
        />
        <ActionButton
          variant='primary'
          testId='wo-reply'
          disabled={busy}
          onClick={() => {
            if (Array.from(reply.trim()).length < MIN_REPLY) {
              setError(`请填写整改情况（至少 ${MIN_REPLY} 个字）`)
              return
            }
            void run(() => replyWorkOrder(order.id, reply.trim()), '已答复，等待评价人回访')
          }}
        >
          提交答复
        </ActionButton>
        {errorText}
      </View>
    )
  }
  return null
}

/** 工单详情: the rating, its deadlines, and verify / reject with reason / reply. */
export default function StaffWorkOrder() {
  const me = useRoleGuard(STAFF_ROLES)
  const { params } = useRouter()
  const id = params.id ?? ''
  const loaded = useAsync(() => fetchWorkOrder(id), [id], Boolean(me && id))
  const [updated, setUpdated] = useState<WorkOrder | null>(null)
  const [message, setMessage] = useState('')

  if (!me) return <GuardPending />
  const order = updated ?? loaded.data
  const verification = order?.verification

  return (
    <View className='desk' data-testid='staff-work-order'>
      <StateView loading={loaded.loading && !order} error={order ? null : loaded.error} onRetry={loaded.reload}>
        {order && (
          <>
            <View className='desk__card'>
              <View className='desk__card-title'>
                <Text>{order.serviceName ?? '窗口服务'}</Text>
                <Text className={`desk__tag ${order.overdue ? 'desk__tag--overdue' : ''}`} data-testid='wo-status'>
                  {WORK_ORDER_STATUS_LABELS[order.status]}
                  {order.overdue ? '·已超期' : ''}
                </Text>
              </View>
              <Line label='评价'>
                {levelStars(order.rating.level)} {order.rating.levelLabel}
              </Line>
              {order.rating.tags.length > 0 && <Line label='原因'>{order.rating.tags.join('、')}</Line>}
              {order.rating.comment && <Line label='评价内容'>{order.rating.comment}</Line>}
              <Line label='评价人'>{order.rating.raterName}</Line>
              <Line label='评价时间'>{shortDateTime(order.rating.ratedAt)}</Line>
              {order.hallName && <Line label='网点'>{order.hallName}</Line>}
              <Line label='核实期限' testId='wo-verify-deadline'>
                {shortDateTime(order.verifyDeadline)}
              </Line>
              {order.replyDeadline && (
                <Line label='答复期限' testId='wo-reply-deadline'>
                  {shortDateTime(order.replyDeadline)}
                </Line>
              )}
              {verification && !verification.valid && (
                <Line label='驳回理由'>{`${verification.category ? `[${verification.category}] ` : ''}${verification.reason ?? ''}`}</Line>
              )}
              {order.reply && (
                <Line label='整改答复' testId='wo-reply-shown'>
                  {order.reply.text}
                </Line>
              )}
              {order.revisit && <Line label='回访结果'>{order.revisit.satisfaction}</Line>}
            </View>
            {message && (
              <Text className='desk__notice' data-testid='wo-message'>
                {message}
              </Text>
            )}
            <Actions
              order={order}
              onDone={(next, text) => {
                setUpdated(next)
                setMessage(text)
              }}
            />
          </>
        )}
      </StateView>
    </View>
  )
}
