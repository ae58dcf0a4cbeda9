import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { openService } from '@/components/ServiceCard'
import { MaterialItem } from '@/components/MaterialItem'
import { DemoBadge, MISSING, StateView } from '@/components/StateView'
import { StepFlow } from '@/components/StepFlow'
import { useBundle } from '@/hooks/useCatalogue'
import { limitLabel } from '@/utils/format'
import { useElderMode } from '@/stores/elder'
import './index.scss'

export default function BundlePage() {
  const { elderClass } = useElderMode()
  const { params } = useRouter()
  const bundle = useBundle(params.id)
  const data = bundle.data

  return (
    <View className={`page bundle ${elderClass}`}>
      <StateView loading={bundle.loading} error={params.id ? bundle.error : MISSING} onRetry={bundle.reload}>
        {data && (
          <View>
            <View className='bundle__header'>
              <Text className='bundle__title' data-testid='bundle-title'>
                {data.name}
                {data.demo && <DemoBadge />}
              </Text>
              <Text className='bundle__desc'>{data.description}</Text>
              {data.promisedLimitDays !== undefined && (
                <Text className='bundle__limit'>合并办理承诺时限：{limitLabel(data.promisedLimitDays)}</Text>
              )}
            </View>

            <View className='section'>
              <View className='section__title'>
                <Text className='section__title-text'>包含事项（{data.services.length}项）</Text>
              </View>
              {data.services.map((s, i) => (
                <View key={s.id} className='bundle__service' onClick={() => openService(s.id)}>
                  <Text className='bundle__service-no'>{i + 1}</Text>
                  <Text className='bundle__service-name'>{s.name}</Text>
                  <Text className='section__more'>指南</Text>
                </View>
              ))}
            </View>

            <View className='section' data-testid='merged-materials'>
              <View className='section__title'>
                <Text className='section__title-text'>材料清单（已合并去重，共{data.mergedMaterials.length}项）</Text>
              </View>
              {data.mergedMaterials.length === 0 && <Text className='muted'>无需提交材料</Text>}
              {data.mergedMaterials.map((m, i) => (
                <MaterialItem key={i} material={m} extra={`用于：${m.serviceNames.join('、')}`} />
              ))}
            </View>

            <View className='section'>
              <View className='section__title'>
                <Text className='section__title-text'>一图读懂办理流程</Text>
              </View>
              <StepFlow steps={data.steps} />
            </View>
          </View>
        )}
      </StateView>
    </View>
  )
}
