import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { TICKET_MAX_PHOTOS } from '@xz/shared'
import { ApiError } from '@/api/request'
import { uploadTicketPhoto } from '@/api/tickets'
import { TicketPhotos } from './TicketPhotos'

export interface PickedPhoto {
  /** What the server stored (goes into `photos`). */
  url: string
  /** What the thumbnail shows: the local file just chosen. */
  preview: string
}

/**
 * Up to 3 photos for a 诉求 or its 补充材料: chooseImage (album or camera; on H5 Taro opens a file input) and one
 * upload each; thumbnails with 删除. The server's reason (too large, not an image) is shown here, at the field.
 */
export function PhotoPicker({ value, onChange, testId = 'photo-picker' }: { value: PickedPhoto[]; onChange: (next: PickedPhoto[]) => void; testId?: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const left = TICKET_MAX_PHOTOS - value.length

  const pick = async () => {
    if (busy || left <= 0) return
    setError('')
    let paths: string[]
    try {
      const chosen = await Taro.chooseImage({ count: left, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      paths = chosen.tempFilePaths.slice(0, left)
    } catch {
      return // cancelled
    }
    setBusy(true)
    const added: PickedPhoto[] = []
    try {
      for (const p of paths) {
        const up = await uploadTicketPhoto(p)
        added.push({ url: up.url, preview: p })
      }
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '照片上传失败，请稍后重试')
    } finally {
      setBusy(false)
      if (added.length > 0) onChange([...value, ...added])
    }
  }

  return (
    <View data-testid={testId}>
      <TicketPhotos links={value.map((p) => p.preview)} onRemove={(i) => onChange(value.filter((_, j) => j !== i))} />
      {left > 0 && (
        <View className='ticket__button ticket__button--plain' data-testid='photo-add' onClick={() => void pick()}>
          {busy ? '上传中…' : `添加照片（还可添加 ${left} 张）`}
        </View>
      )}
      {error && (
        <Text className='ticket__error' data-testid='photo-error'>
          {error}
        </Text>
      )}
    </View>
  )
}
