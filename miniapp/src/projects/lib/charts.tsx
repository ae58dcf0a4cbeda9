import { Text, View } from '@tarojs/components'
import type { ProjectStageStat } from '@xz/shared'

/*
 * Charts drawn with plain Views (percentage widths), so they render the same in WeChat and in H5 without a canvas.
 * Each group is a label line above its bars: it reflows in 长辈版 instead of squeezing the labels.
 */

const COLORS = { actual: '#1f9d55', over: '#c8161d', promised: '#1d4f91', legal: '#c9cdd4' }

const pct = (v: number, max: number) => (max > 0 ? Math.max(v > 0 ? 1 : 0, Math.round((v / max) * 1000) / 10) : 0)
const days = (v: number | null) => (v === null ? '—' : `${v}天`)

function Bar({ name, value, max, color, testId }: { name: string; value: number | null; max: number; color: string; testId: string }) {
  return (
    <View className='prj-chart__bar-row' data-testid={testId} data-value={value ?? ''}>
      <Text className='prj-chart__bar-name'>{name}</Text>
      <View className='prj-chart__track'>
        <View className='prj-chart__fill' style={{ width: `${value === null ? 0 : pct(value, max)}%`, backgroundColor: color }} />
      </View>
      <Text className='prj-chart__value'>{days(value)}</Text>
    </View>
  )
}

const LEGEND: [string, string][] = [
  [COLORS.actual, '实际平均'],
  [COLORS.over, '超出承诺'],
  [COLORS.promised, '承诺时限'],
  [COLORS.legal, '法定时限'],
]

/** Average working days per stage: actual (green, red when over the promise) against the promised and legal limits. */
export function StageChart({ stages, testId = 'stage-chart' }: { stages: ProjectStageStat[]; testId?: string }) {
  const max = Math.max(0, ...stages.flatMap((s) => [s.avgActualWorkingDays ?? 0, s.avgPromisedWorkingDays ?? 0, s.avgLegalWorkingDays ?? 0]))
  return (
    <View className='prj-chart' data-testid={testId}>
      <View className='prj-chart__legend'>
        {LEGEND.map(([color, label]) => (
          <View key={label} className='prj-chart__legend-item'>
            <View className='prj-chart__swatch' style={{ backgroundColor: color }} />
            <Text>{label}</Text>
          </View>
        ))}
      </View>
      {stages.map((s) => {
        const over = s.avgActualWorkingDays !== null && s.avgPromisedWorkingDays !== null && s.avgActualWorkingDays > s.avgPromisedWorkingDays
        return (
          <View key={s.stage} className='prj-chart__group' data-testid={`${testId}-group`} data-stage={s.stage}>
            <View className='prj-chart__group-label'>
              <Text>{s.label}</Text>
              <Text className='prj__meta'>
                {s.completed > 0 ? `完成 ${s.completed} 个 · 按时 ${s.onTime}` : '暂无完成的项目'} · 在办 {s.inProgress}
              </Text>
            </View>
            {s.avgActualWorkingDays === null && s.avgPromisedWorkingDays === null ? (
              <Text className='prj__hint'>还没有项目完成这一阶段，完成后在此对比实际用时与承诺时限</Text>
            ) : (
              <>
                <Bar name='实际' value={s.avgActualWorkingDays} max={max} color={over ? COLORS.over : COLORS.actual} testId={`${testId}-actual`} />
                <Bar name='承诺' value={s.avgPromisedWorkingDays} max={max} color={COLORS.promised} testId={`${testId}-promised`} />
                <Bar name='法定' value={s.avgLegalWorkingDays} max={max} color={COLORS.legal} testId={`${testId}-legal`} />
              </>
            )}
          </View>
        )
      })}
    </View>
  )
}

export interface CountBar {
  key: string
  label: string
  value: number
  note?: string
}

/** One bar per row, label above, scaled to the largest value (e.g. late items per department). */
export function CountBars({ data, testId, unit = '项', color = COLORS.over }: { data: CountBar[]; testId: string; unit?: string; color?: string }) {
  const max = Math.max(0, ...data.map((d) => d.value))
  return (
    <View className='prj-chart' data-testid={testId}>
      {data.map((d) => (
        <View key={d.key} className='prj-chart__group' data-testid={`${testId}-row`}>
          <View className='prj-chart__group-label'>
            <Text>{d.label}</Text>
            {d.note && <Text className='prj__meta'>{d.note}</Text>}
          </View>
          <View className='prj-chart__bar-row'>
            <View className='prj-chart__track'>
              <View className='prj-chart__fill' style={{ width: `${pct(d.value, max)}%`, backgroundColor: color }} />
            </View>
            <Text className='prj-chart__value'>
              {d.value}
              {unit}
            </Text>
          </View>
        </View>
      ))}
    </View>
  )
}
