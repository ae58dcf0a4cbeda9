import { Text, View } from '@tarojs/components'

/** 'YYYY-MM' of today in Asia/Shanghai. */
export function currentMonth(): string {
  const d = new Date(Date.now() + 8 * 3_600_000)
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

/** 'YYYY-MM' moved by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number)
  const d = new Date(Date.UTC(y, m - 1 + delta, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

/** ‹ 2026年11月 ›: earlier and later months; no month after the current one. */
export function MonthPicker({ value, onChange, testId }: { value: string; onChange: (month: string) => void; testId: string }) {
  const latest = currentMonth()
  const atLatest = value >= latest
  const [y, m] = value.split('-')
  return (
    <View className='month-picker' data-testid={testId}>
      <View className='month-picker__btn' role='button' aria-label='上个月' data-testid={`${testId}-prev`} onClick={() => onChange(shiftMonth(value, -1))}>
        <Text>‹ 上月</Text>
      </View>
      <Text className='month-picker__label' data-testid={`${testId}-label`}>
        {y}年{Number(m)}月
      </Text>
      <View
        className={`month-picker__btn ${atLatest ? 'month-picker__btn--disabled' : ''}`}
        role='button'
        aria-label='下个月'
        aria-disabled={atLatest}
        data-testid={`${testId}-next`}
        onClick={() => {
          if (!atLatest) onChange(shiftMonth(value, 1))
        }}
      >
        <Text>下月 ›</Text>
      </View>
    </View>
  )
}
