import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { RATING_LEVEL_LABELS } from '@xz/shared'
import { REVISIT_SATISFACTIONS, isBadLevel, type MyRating } from '@/api/ratings'
import { StateView } from '@/components/StateView'
import { answerRevisit, appendToRating, useMyRatings } from '@/hooks/useRatings'
import { timeAgo } from '@/utils/format'
import { useElderMode } from '@/stores/elder'
import { goLogin } from '@/utils/loginReturn'
import './index.scss'

function RatingItem({ rating, onChanged }: { rating: MyRating; onChanged: () => void }) {
  const [appending, setAppending] = useState(false)
  const [text, setText] = useState('')
  const order = rating.workOrder
  const canRevisit = order?.canRevisit === true

  const act = async (action: Promise<{ ok: boolean; message: string }>) => {
    const result = await action
    void Taro.showToast({ title: result.message, icon: result.ok ? 'success' : 'none' })
    if (result.ok) {
      setAppending(false)
      onChanged()
    }
  }

  return (
    <View className='rating' data-testid='my-rating'>
      <View className='rating__head'>
        <Text className={`badge ${isBadLevel(rating.level) ? 'badge--red' : 'badge--green'}`}>
          {rating.levelLabel || RATING_LEVEL_LABELS[rating.level]}
          {rating.isDefault ? '（默认）' : ''}
        </Text>
        <Text className='muted'>{timeAgo(rating.ratedAt)}</Text>
      </View>
      <Text className='rating__target'>
        {rating.serviceName ?? '办事评价'}
        {rating.hallName ? ` · ${rating.hallName}` : ''}
      </Text>
      {rating.tags.length > 0 && (
        <View className='rating__tags'>
          {rating.tags.map((t) => (
            <Text key={t} className='badge badge--grey'>{t}</Text>
          ))}
        </View>
      )}
      {rating.comment && <Text className='rating__text'>{rating.comment}</Text>}
      {rating.append && <Text className='rating__text'>追评：{rating.append.comment}</Text>}

      {order && (
        <View className='rating__order' data-testid='work-order'>
          <Text className='rating__order-title'>
            差评整改工单：
            <Text className='rating__order-status' data-testid='work-order-status'>
              {order.statusLabel}
            </Text>
            {order.overdue ? <Text className='badge badge--red'>已超期</Text> : null}
          </Text>
          {order.verification && !order.verification.valid && (
            <Text className='rating__text'>核实结果：{order.verification.category}（{order.verification.reason}）</Text>
          )}
          {order.reply && <Text className='rating__text' data-testid='work-order-reply'>整改答复：{order.reply.text}</Text>}
          {order.revisit && <Text className='rating__text'>您的回访意见：{order.revisit.satisfaction}</Text>}
          {canRevisit && (
            <View className='rating__revisit' data-testid='revisit'>
              <Text className='rating__question'>对整改是否满意？</Text>
              <View className='chips'>
                {REVISIT_SATISFACTIONS.map((s) => (
                  <Text key={s} className='chip' data-testid='revisit-option' onClick={() => void act(answerRevisit(rating.id, s))}>
                    {s}
                  </Text>
                ))}
              </View>
            </View>
          )}
        </View>
      )}

      {!rating.append && !rating.isDefault && (
        <View className='rating__append'>
          {appending ? (
            <View>
              <View className='rating__textarea' data-testid='append-text'>
                <TextArea value={text} onChange={(v: string) => setText(v)} placeholder='补充您的评价' maxLength={300} />
              </View>
              <View className='rating__append-actions'>
                <Button size='small' onClick={() => setAppending(false)}>取消</Button>
                <Button size='small' type='primary' data-testid='append-submit' onClick={() => void act(appendToRating(rating.id, text))}>
                  提交追评
                </Button>
              </View>
            </View>
          ) : (
            <Text className='section__more' data-testid='append-rating' onClick={() => setAppending(true)}>
              追评
            </Text>
          )}
        </View>
      )}
    </View>
  )
}

export default function MyRatingsPage() {
  const { elderClass } = useElderMode()
  const [version, setVersion] = useState(0)
  useDidShow(() => setVersion((v) => v + 1))
  const ratings = useMyRatings(version)
  const list = ratings.data ?? []

  return (
    <View className={`page ${elderClass}`}>
      <StateView
        loading={ratings.loading && !ratings.data}
        error={ratings.error}
        onRetry={ratings.reload}
        errorAction={
          ratings.errorCode === 'UNAUTHENTICATED' ? (
            <Button type='primary' size='small' data-testid='go-login' onClick={() => goLogin('/pages/ratings/index')}>去登录</Button>
          ) : undefined
        }
        empty={list.length === 0}
        emptyText='暂无评价'
      >
        {list.map((r) => (
          <RatingItem key={r.id} rating={r} onChanged={() => setVersion((v) => v + 1)} />
        ))}
      </StateView>
    </View>
  )
}
