import { Input, Text, View } from '@tarojs/components'

/** A labelled text field of a desk (login, walk-in number): the label above a full-width input. */
export function DeskInput({ label, testId, value, placeholder, onChange, password, onConfirm }: {
  label: string
  testId: string
  value: string
  placeholder?: string
  onChange: (value: string) => void
  password?: boolean
  onConfirm?: () => void
}) {
  return (
    <View className='desk__field'>
      <Text className='desk__label'>{label}</Text>
      <Input className='desk__input' data-testid={testId} password={password} value={value} placeholder={placeholder} onInput={(e) => onChange(e.detail.value)} onConfirm={onConfirm} />
    </View>
  )
}
