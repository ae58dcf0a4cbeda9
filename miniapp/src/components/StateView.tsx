import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Empty, Loading } from '@nutui/nutui-react-taro'
import { Order, Tips } from '@nutui/icons-react-taro'
import './StateView.scss'

interface Props {
  loading: boolean
  error: string | null
  /** true when the data arrived but there is nothing to show */
  empty?: boolean
  emptyText?: string
  /** shown under the empty text, e.g. suggestions */
  emptyExtra?: ReactNode
  onRetry?: () => void
  /** replaces the retry button, e.g. a login button for UNAUTHENTICATED */
  errorAction?: ReactNode
  children?: ReactNode
}

/** Error text of a page opened without the id it needs (e.g. a shared link cut short). */
export const MISSING = '内容不存在'

/**
 * NutUI Empty's default illustrations are remote images (broken offline and in a mini-program without that domain):
 * a bundled NutUI icon stands in for them.
 */
function Illustration({ error }: { error?: boolean }) {
  return (
    <View className='state-view__icon'>
      {error ? <Tips size={48} /> : <Order size={48} />}
    </View>
  )
}

/** One place for the loading, error and empty states of every screen. */
export function StateView({ loading, error, empty, emptyText = '暂无数据', emptyExtra, onRetry, errorAction, children }: Props) {
  if (loading) {
    return (
      <View className='state-view state-view--loading' data-testid='state-loading'>
        <Loading type='circular'>加载中…</Loading>
      </View>
    )
  }
  if (error) {
    return (
      <View className='state-view' data-testid='state-error'>
        <Empty status='error' size='small' image={<Illustration error />} title={error} description='' />
        <View className='state-view__actions'>
          {errorAction ??
            (onRetry && (
              <Button size='small' type='primary' onClick={onRetry} data-testid='state-retry'>
                重试
              </Button>
            ))}
        </View>
      </View>
    )
  }
  if (empty) {
    return (
      <View className='state-view' data-testid='state-empty'>
        <Empty status='empty' size='small' image={<Illustration />} title={emptyText} description='' />
        {emptyExtra && <View className='state-view__extra'>{emptyExtra}</View>}
      </View>
    )
  }
  return <>{children}</>
}

export function DemoBadge() {
  return <Text className='demo-badge'>示例数据</Text>
}
