import { Text, View } from '@tarojs/components'
import type { Material } from '@xz/shared'
import './MaterialItem.scss'

export function MaterialBadges({ material }: { material: Material }) {
  return (
    <View className='material__badges'>
      {material.exempt && <Text className='badge badge--green'>免提交</Text>}
      {material.promise && <Text className='badge badge--orange'>告知承诺</Text>}
      {material.eLicense && <Text className='badge badge--blue'>电子证照</Text>}
      {!material.required && <Text className='badge badge--grey'>非必需</Text>}
    </View>
  )
}

export function MaterialItem({ material, extra }: { material: Material; extra?: string }) {
  return (
    <View className='material__item' data-testid='material-item'>
      <Text className='material__name'>{material.name}</Text>
      <Text className='material__meta'>
        {material.form} · {material.copies}份 · {material.medium}
        {material.source ? ` · 来源：${material.source}` : ''}
      </Text>
      {extra && <Text className='material__meta'>{extra}</Text>}
      <MaterialBadges material={material} />
      {material.note && <Text className='material__note'>{material.note}</Text>}
    </View>
  )
}
