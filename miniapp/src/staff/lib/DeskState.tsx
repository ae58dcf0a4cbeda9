import { Text } from '@tarojs/components'
import type { ComponentProps } from 'react'
import { StateView } from '@/components/StateView'

type Props = Omit<ComponentProps<typeof StateView>, 'emptyExtra'>

/** StateView (loading / error) with a plain-text empty state: no illustration to download on a desk phone. */
export function DeskState({ empty, emptyText = '暂无数据', children, ...rest }: Props) {
  return (
    <StateView {...rest}>
      {empty ? (
        <Text className='desk__empty' data-testid='state-empty'>
          {emptyText}
        </Text>
      ) : (
        children
      )}
    </StateView>
  )
}
