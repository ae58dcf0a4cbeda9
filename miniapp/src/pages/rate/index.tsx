import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import {
  GUIDE_DIMENSIONS, GUIDE_REASON_TAGS, MIN_BAD_COMMENT, WINDOW_DIMENSIONS, WINDOW_REASON_TAGS, isBadLevel
} from '@/api/ratings'
import { RatingFaces } from '@/components/RatingFaces'
import { StarRating } from '@/components/StarRating'
import { useService } from '@/hooks/useCatalogue'
import { ratingDraftError, useSubmitRating, type RatingDraft } from '@/hooks/useRatings'
import { useElderMode } from '@/stores/elder'
import './index.scss'

export default function RatePage() {
  const { elderClass } = useElderMode()
  const { params } = useRouter()
  const bookingId = params.bookingId
  const serviceId = params.serviceId
  const service = useService(serviceId)
  const dimensions: readonly string[] = bookingId ? WINDOW_DIMENSIONS : GUIDE_DIMENSIONS
  const reasonTags: readonly string[] = bookingId ? WINDOW_REASON_TAGS : GUIDE_REASON_TAGS
  const [draft, setDraft] = useState<RatingDraft>({ level: null, dimensions: {}, tags: [], comment: '' })
  const [message, setMessage] = useState<string | null>(null)
  const [tried, setTried] = useState(false)
  const { submitting, submit } = useSubmitRating()
  const bad = draft.level !== null && isBadLevel(draft.level)
  const blocked = ratingDraftError(draft)

  const toggleTag = (tag: string) =>
    setDraft((d) => ({ ...d, tags: d.tags.includes(tag) ? d.tags.filter((t) => t !== tag) : [...d.tags, tag] }))

  const onSubmit = async () => {
    setTried(true)
    const result = await submit(bookingId ? { bookingId } : { serviceId }, draft)
    setMessage(result.message)
    if (result.ok) {
      void Taro.showToast({ title: result.message, icon: 'success' })
      void Taro.redirectTo({ url: '/pages/ratings/index' })
    }
  }

  return (
    <View className={`page rate ${elderClass}`}>
      <View className='rate__head'>
        <Text className='rate__title'>{bookingId ? '评价本次窗口服务（一次一评）' : '评价办事指南（一事一评）'}</Text>
        {service.data && <Text className='rate__service'>{service.data.name}</Text>}
      </View>

      <View className='section'>
        <View className='section__title'>
          <Text className='section__title-text'>总体满意度</Text>
        </View>
        <RatingFaces value={draft.level} onChange={(level) => setDraft((d) => ({ ...d, level }))} />
      </View>

      <View className='section'>
        <View className='section__title'>
          <Text className='section__title-text'>分项评价（可选）</Text>
        </View>
        {dimensions.map((dim) => (
          <View key={dim} className='rate__dim'>
            <Text className='rate__dim-name'>{dim}</Text>
            <StarRating
              testId={`dimension-${dim}`}
              value={draft.dimensions[dim] ?? 0}
              onChange={(v) => setDraft((d) => ({ ...d, dimensions: { ...d.dimensions, [dim]: v } }))}
            />
          </View>
        ))}
      </View>

      {bad && (
        <View className='section' data-testid='bad-reasons'>
          <View className='section__title'>
            <Text className='section__title-text'>不满意的原因（必选）</Text>
          </View>
          <View className='chips'>
            {reasonTags.map((tag) => (
              <Text
                key={tag}
                className={`chip ${draft.tags.includes(tag) ? 'chip--active' : ''}`}
                data-testid='reason-tag'
                onClick={() => toggleTag(tag)}
              >
                {tag}
              </Text>
            ))}
          </View>
        </View>
      )}

      <View className='section'>
        <View className='section__title'>
          <Text className='section__title-text'>{bad ? `具体问题（必填，至少${MIN_BAD_COMMENT}个字）` : '意见建议（可选）'}</Text>
        </View>
        <View className='rate__comment' data-testid='rating-comment'>
          <TextArea
            value={draft.comment}
            onChange={(v: string) => setDraft((d) => ({ ...d, comment: v }))}
            placeholder={bad ? '请描述遇到的问题，我们将在5个工作日内整改答复' : '说说您的办事体验'}
            maxLength={500}
            showCount
          />
        </View>
      </View>

      {(message || (tried && blocked)) && (
        <Text className='rate__message' data-testid='rate-message'>{message ?? blocked}</Text>
      )}

      <View className='rate__submit'>
        <Button block type='primary' loading={submitting} data-testid='submit-rating' onClick={() => void onSubmit()}>
          提交评价
        </Button>
        {bad && (
          <Text className='muted rate__hint' data-testid='rate-bad-hint'>
            {bookingId
              ? '差评将生成整改工单，办理网点核实整改后会回复您'
              : '差评将生成整改工单，由事项所属地区的政务服务管理部门核实整改并答复您'}
          </Text>
        )}
      </View>
    </View>
  )
}
