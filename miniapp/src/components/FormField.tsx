import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'

interface Props {
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  error?: string
  /** show the error only once the field was touched or the form submitted */
  showError?: boolean
  type?: 'text' | 'number' | 'digit' | 'tel' | 'idcard'
  maxLength?: number
  testId: string
  extra?: ReactNode
  /** element id, so that an error can scroll the field into view */
  anchor?: string
}

/** A labelled NutUI input with its live validation message. */
export function FormField({ label, value, onChange, placeholder, error, showError = true, type = 'text', maxLength, testId, extra, anchor }: Props) {
  const invalid = Boolean(error) && showError
  return (
    <View className='field' id={anchor}>
      <Text className='field__label'>{label}</Text>
      <View className={`field__control ${invalid ? 'field__control--invalid' : ''}`} data-testid={testId}>
        <Input value={value} onChange={(v: string) => onChange(v)} placeholder={placeholder} type={type} maxLength={maxLength} />
      </View>
      {invalid && (
        <Text className='field__error' data-testid={`${testId}-error`}>
          {error}
        </Text>
      )}
      {extra}
    </View>
  )
}
