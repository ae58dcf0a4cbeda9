import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import './TicketPhotos.scss'

export interface TicketPhotosProps {
  /** Image sources: a ticket view's `photoLinks` (signed, no token needed) or local paths before upload. */
  links: string[]
  /** Shown with a 删除 button on each photo when given. */
  onRemove?: (index: number) => void
  testId?: string
}

/** Thumbnails of a 诉求's photos (tap: full screen); for the requester's, dispatchers' and handlers' screens. */
export function TicketPhotos({ links, onRemove, testId = 'ticket-photos' }: TicketPhotosProps) {
  if (links.length === 0) return null
  const preview = (current: string) => void Taro.previewImage({ current, urls: links }).catch(() => undefined)
  return (
    <View className='ticket-photos' data-testid={testId}>
      {links.map((src, i) => (
        <View key={src} className='ticket-photos__item' data-testid='ticket-photo'>
          <Image className='ticket-photos__image' src={src} mode='aspectFill' onClick={() => preview(src)} />
          {onRemove && (
            <Text className='ticket-photos__remove' data-testid='ticket-photo-remove' onClick={() => onRemove(i)}>
              删除
            </Text>
          )}
        </View>
      ))}
    </View>
  )
}
