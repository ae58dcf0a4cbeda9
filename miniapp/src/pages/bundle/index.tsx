import Taro, { useRouter } from '@tarojs/taro'
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

            <View className='section' data-testid='bundle-book'>
              <View className='section__title'>
                <Text className='section__title-text'>预约办理</Text>
              </View>
              {data.services.some((s) => s.offHours) ? (
                <View>
                  <Text className='muted bundle__book-hint'>
                    预约一个到场时段即可：选择主办事项预约，到场后窗口一并受理同一网点可办的其他事项；不能一并受理的，需另行预约。
                  </Text>
                  {data.services.filter((s) => s.offHours).map((s, i) => (
                    <View
                      key={s.id}
                      className='bundle__book-item'
                      data-testid='bundle-book-item'
                      onClick={() =>
                        void Taro.navigateTo({ url: `/pages/book/index?serviceId=${encodeURIComponent(s.id)}&bundleId=${encodeURIComponent(data.id)}` })
                      }
                    >
                      <Text className='bundle__service-name'>
                        {i === 0 ? '主办事项：' : ''}
                        {s.name}
                      </Text>
                      <Text className='bundle__book-go'>预约</Text>
                    </View>
                  ))}
                </View>
              ) : (
                <Text className='muted'>本件事包含的事项暂无非工作时间预约场次，请在工作日到网点办理</Text>
              )}
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
