import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import type { ReactNode } from 'react'

export const go = (url: string) => void Taro.navigateTo({ url })

/** A plain View button: the same in WeChat and H5 (no native button styling), 44 px high (48 in 长辈版). */
export function Btn({ children, onClick, variant, small, disabled, testId }: {
  children: ReactNode
  onClick: () => void
  variant?: 'plain' | 'blue' | 'danger'
  small?: boolean
  disabled?: boolean
  testId?: string
}) {
  const cls = ['prj__btn', variant && `prj__btn--${variant}`, small && 'prj__btn--small', disabled && 'prj__btn--disabled'].filter(Boolean).join(' ')
  return (
    <View className={cls} role='button' aria-disabled={disabled} data-testid={testId} onClick={() => !disabled && onClick()}>
      {children}
    </View>
  )
}

export function Chips<T extends string>({ options, value, onChange, testId, label }: {
  options: readonly T[]
  value: T | T[] | ''
  onChange: (v: T) => void
  testId: string
  label?: (v: T) => string
}) {
  const active = (o: T) => (Array.isArray(value) ? value.includes(o) : value === o)
  return (
    <View className='prj__chips'>
      {options.map((o) => (
        <Text key={o} className={`prj__chip ${active(o) ? 'prj__chip--active' : ''}`} data-testid={testId} data-value={o} onClick={() => onChange(o)}>
          {label ? label(o) : o}
        </Text>
      ))}
    </View>
  )
}

/** An error message in red: a field's (the server's message for it) or a whole form's; nothing without one. */
export function FormError({ error, testId }: { error?: string; testId: string }) {
  return error ? (
    <Text className='prj__error' data-testid={testId}>
      {error}
    </Text>
  ) : null
}

/** What a labelled text field (one line or several) is given. */
interface TextFieldProps {
  label: string
  value: string
  onInput: (v: string) => void
  testId: string
  error?: string
  placeholder?: string
  anchor?: string
}

/** A labelled text field with its error (the server's message for that field), anchored for scrolling. */
export function Field({ label, value, onInput, testId, error, placeholder, type = 'text', anchor, maxlength }: TextFieldProps & {
  type?: 'text' | 'number' | 'digit'
  maxlength?: number
}) {
  return (
    <View className='prj__field' id={anchor}>
      <Text className='prj__label'>{label}</Text>
      <View className={`prj__input ${error ? 'prj__input--invalid' : ''}`} data-testid={testId}>
        <Input className='prj__native-input' value={value} type={type} placeholder={placeholder} maxlength={maxlength ?? 140} onInput={(e) => onInput(e.detail.value)} />
      </View>
      <FormError error={error} testId={`${testId}-error`} />
    </View>
  )
}

/** A labelled text area, as Field. */
export function Area({ label, value, onInput, testId, error, placeholder, anchor }: TextFieldProps) {
  return (
    <View className='prj__field' id={anchor}>
      <Text className='prj__label'>{label}</Text>
      <Textarea className='prj__textarea' data-testid={testId} value={value} maxlength={500} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />
      <FormError error={error} testId={`${testId}-error`} />
    </View>
  )
}

/** A checkbox drawn with Views (the row is the tap target). */
export function Toggle({ on, onChange, children, testId }: { on: boolean; onChange: (on: boolean) => void; children: ReactNode; testId: string }) {
  return (
    <View className='prj__toggle' role='checkbox' aria-checked={on} data-testid={testId} onClick={() => onChange(!on)}>
      <View className={`prj__box ${on ? 'prj__box--on' : ''}`}>{on ? <Text>✓</Text> : null}</View>
      <Text>{children}</Text>
    </View>
  )
}

export function Section({ title, children, testId, extra, anchor }: { title: string; children: ReactNode; testId?: string; extra?: ReactNode; anchor?: string }) {
  return (
    <View className='section' data-testid={testId} id={anchor}>
      <View className='section__title'>
        <Text className='section__title-text'>{title}</Text>
        {extra}
      </View>
      {children}
    </View>
  )
}

/** Shown while the guard checks the account (or while it redirects to the login page). */
export function GuardPending({ elderClass }: { elderClass: string }) {
  return (
    <View className={`page prj-root ${elderClass}`} data-testid='guard-pending'>
      <Text className='prj__text'>正在验证账号身份…</Text>
    </View>
  )
}

/** Calls a number: WeChat's dialer, the tel: link in a browser. */
export function call(phone: string): void {
  void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
}
