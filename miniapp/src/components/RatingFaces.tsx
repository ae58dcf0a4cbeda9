import { Text, View } from '@tarojs/components'
import { RATING_LEVEL_LABELS } from '@xz/shared'
import './RatingFaces.scss'

const LEVELS = [5, 4, 3, 2, 1] as const

/** The five faces of 好差评, 非常满意 … 非常不满意 (drawn in CSS: no image or emoji font needed). */
export function RatingFaces({ value, onChange }: { value: number | null; onChange: (level: number) => void }) {
  return (
    <View className='faces' data-testid='rating-faces'>
      {LEVELS.map((level) => (
        <View
          key={level}
          className={`faces__item faces__item--${level} ${value === level ? 'faces__item--active' : ''}`}
          data-testid={`face-${level}`}
          onClick={() => onChange(level)}
        >
          <View className='face'>
            <View className='face__eyes' />
            {/* one mouth per level: open grin, smile, flat, frown, deep frown */}
            <View className={`face__mouth face__mouth--l${level}`} />
          </View>
          <Text className='faces__label'>{RATING_LEVEL_LABELS[level]}</Text>
        </View>
      ))}
    </View>
  )
}
