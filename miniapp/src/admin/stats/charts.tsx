import { Text, View } from '@tarojs/components'

/*
 * Charts drawn with plain Views: bars are Views with percentage widths/heights, so they render the same in the
 * WeChat mini-program and in H5 without a canvas or a chart library.
 */

export interface BarDatum {
  key: string
  label: string
  value: number
  color?: string
}

const pct = (value: number, max: number) => (max > 0 ? Math.round((value / max) * 1000) / 10 : 0)

/** Horizontal bars, one row per datum, scaled to the largest value. */
export function BarList({ data, testId, unit = '' }: { data: BarDatum[]; testId: string; unit?: string }) {
  const max = Math.max(0, ...data.map((d) => d.value))
  return (
    <View className='chart' data-testid={testId}>
      {data.map((d) => (
        <View key={d.key} className='chart__hrow' data-testid={`${testId}-row`}>
          <Text className='chart__hlabel'>{d.label}</Text>
          <View className='chart__htrack'>
            <View
              className='chart__hbar'
              data-testid={`${testId}-bar`}
              data-value={d.value}
              style={{ width: `${d.value > 0 ? Math.max(1, pct(d.value, max)) : 0}%`, backgroundColor: d.color }}
            />
          </View>
          <Text className='chart__hvalue'>
            {d.value}
            {unit}
          </Text>
        </View>
      ))}
    </View>
  )
}

export interface Series {
  key: string
  label: string
  color: string
}

export interface Column {
  key: string
  /** short axis label, e.g. '11/28' */
  label: string
  /** one value per series; null = no data that day */
  values: (number | null)[]
}

function Legend({ series }: { series: Series[] }) {
  return (
    <View className='chart__legend'>
      {series.map((s) => (
        <View key={s.key} className='chart__legend-item'>
          <View className='chart__swatch' style={{ backgroundColor: s.color }} />
          <Text>{s.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** Axis labels: every column when few, otherwise about six evenly spaced. */
function showLabel(index: number, count: number): boolean {
  if (count <= 8) return true
  const step = Math.ceil(count / 6)
  if (index === count - 1) return true
  // a regular label too close to the last one would collide with it
  return index % step === 0 && count - 1 - index >= step
}

/**
 * Grouped vertical bars over time (e.g. 好评率 and 主动评价好评率 per day, 0..1 → 0..100%).
 * `max` fixes the scale (1 for rates); a null value leaves a gap.
 */
export function TrendBars({ columns, series, max, testId }: { columns: Column[]; series: Series[]; max: number; testId: string }) {
  return (
    <View className='chart' data-testid={testId}>
      <Legend series={series} />
      <View className='chart__plot'>
        {columns.map((c, i) => (
          <View key={c.key} className='chart__col' data-testid={`${testId}-col`}>
            <View className='chart__bars'>
              {c.values.map((v, s) => (
                <View
                  key={series[s].key}
                  className={`chart__vbar ${v === null ? 'chart__vbar--empty' : ''}`}
                  data-testid={`${testId}-bar`}
                  data-value={v ?? ''}
                  style={{ height: `${v === null ? 0 : pct(v, max)}%`, backgroundColor: series[s].color }}
                />
              ))}
            </View>
            <Text className='chart__xlabel'>{showLabel(i, columns.length) ? c.label : ''}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

/** Stacked vertical bars over time (e.g. bookings per day by state), scaled to the largest day. */
export function StackedBars({ columns, series, testId }: { columns: Column[]; series: Series[]; testId: string }) {
  const totals = columns.map((c) => c.values.reduce<number>((sum, v) => sum + (v ?? 0), 0))
  const max = Math.max(0, ...totals)
  return (
    <View className='chart' data-testid={testId}>
      <Legend series={series} />
      <View className='chart__plot'>
        {columns.map((c, i) => (
          <View key={c.key} className='chart__col' data-testid={`${testId}-col`} data-total={totals[i]}>
            <View className='chart__stack' style={{ height: `${pct(totals[i], max)}%` }}>
              {c.values.map((v, s) =>
                v ? (
                  <View
                    key={series[s].key}
                    className='chart__segment'
                    data-testid={`${testId}-segment`}
                    style={{ height: `${pct(v, totals[i])}%`, backgroundColor: series[s].color }}
                  />
                ) : null
              )}
            </View>
            <Text className='chart__xlabel'>{showLabel(i, columns.length) ? c.label : ''}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
