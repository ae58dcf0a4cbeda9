import { Text, View } from '@tarojs/components'
import type { ProcessStep } from '@xz/shared'
import './StepFlow.scss'

/** 一图懂: the process as a vertical flow of numbered steps with role and time limit. */
export function StepFlow({ steps }: { steps: ProcessStep[] }) {
  return (
    <View className='step-flow' data-testid='step-flow'>
      {steps.map((step, i) => (
        <View key={`${i}-${step.name}`} className='step-flow__item'>
          <View className='step-flow__rail'>
            <Text className='step-flow__dot'>{i + 1}</Text>
            {i < steps.length - 1 && <View className='step-flow__line' />}
          </View>
          <View className='step-flow__box'>
            <View className='step-flow__head'>
              <Text className='step-flow__name'>{step.name}</Text>
              {step.limitDays !== undefined && (
                <Text className='step-flow__limit'>{step.limitDays === 0 ? '即时' : `${step.limitDays}个工作日`}</Text>
              )}
            </View>
            <Text className='step-flow__role'>办理人：{step.role}</Text>
            {step.description && <Text className='step-flow__desc'>{step.description}</Text>}
          </View>
        </View>
      ))}
    </View>
  )
}
