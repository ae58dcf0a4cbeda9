import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'

interface Props {
  visible: boolean
  title: string
  children?: ReactNode
  confirmText?: string
  cancelText?: string
  loading?: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** A NutUI dialog with our own buttons (testable by data-testid). */
export function ConfirmDialog({ visible, title, children, confirmText = '确定', cancelText = '取消', loading, onConfirm, onCancel }: Props) {
  return (
    <Dialog
      visible={visible}
      title={title}
      content={<View className='confirm-dialog__body'>{children}</View>}
      onClose={onCancel}
      footer={
        <View className='confirm-dialog__footer' style={{ display: 'flex', gap: '12px', width: '100%' }}>
          <View style={{ flex: 1 }}>
            <Button block data-testid='dialog-cancel' onClick={onCancel}>
              {cancelText}
            </Button>
          </View>
          <View style={{ flex: 1 }}>
            <Button block type='primary' loading={loading} data-testid='dialog-confirm' onClick={onConfirm}>
              {confirmText}
            </Button>
          </View>
        </View>
      }
    />
  )
}
