import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

interface Props {
  children: ReactNode
  onClick: () => void
  variant?: 'primary' | 'plain' | 'danger'
  small?: boolean
  disabled?: boolean
  testId?: string
}

/** A plain View button: looks and behaves the same in WeChat and H5 (no native button styling). */
export function ActionButton({ children, onClick, variant, small, disabled, testId }: Props) {
  const classes = ['desk__btn', variant && `desk__btn--${variant}`, small && 'desk__btn--small'].filter(Boolean).join(' ')
  return (
    <View
      className={classes}
      role='button'
      aria-disabled={disabled}
      data-testid={testId}
      style={disabled ? { opacity: 0.5 } : undefined}
      onClick={() => {
        if (!disabled) onClick()
      }}
    >
      {children}
    </View>
  )
}
