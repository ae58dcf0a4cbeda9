import { Text, View } from '@tarojs/components'
import './StarRating.scss'

const SCORES = [1, 2, 3, 4, 5] as const

/** 1–5 stars by tapping (no layout measuring, so it works the same in WeChat and on H5). */
export function StarRating({ value, onChange, testId }: { value: number; onChange: (score: number) => void; testId?: string }) {
  return (
    <View className='stars' data-testid={testId}>
      {SCORES.map((score) => (
        <Text
          key={score}
          className={`stars__star ${score <= value ? 'stars__star--on' : ''}`}
          data-testid={testId ? `${testId}-${score}` : undefined}
          onClick={() => onChange(score)}
        >
          ★
        </Text>
      ))}
    </View>
  )
}
