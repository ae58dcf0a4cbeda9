import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, TabPane, Tabs } from '@nutui/nutui-react-taro'
import { RATING_LEVEL_LABELS, type ServiceDetail } from '@xz/shared'
import { HallCard } from '@/components/HallCard'
import { MaterialItem } from '@/components/MaterialItem'
import { DemoBadge, MISSING, StateView } from '@/components/StateView'
import { StepFlow } from '@/components/StepFlow'
import { useService, useServiceRatings } from '@/hooks/useCatalogue'
import { useNearbyHalls } from '@/hooks/useHalls'
import { useLocation } from '@/hooks/useLocation'
import { feeLabel, limitLabel, timeAgo } from '@/utils/format'
import { useElderMode } from '@/stores/elder'
import './index.scss'

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='guide__row'>
      <Text className='guide__row-label'>{label}</Text>
      <Text className='guide__row-value'>{value}</Text>
    </View>
  )
}

function BasicInfo({ service }: { service: ServiceDetail }) {
  return (
    <View className='section'>
      <View className='guide__badges guide__badges--top'>
        {service.instantApproval && <Text className='badge badge--green'>秒批</Text>}
        {service.commitment && <Text className='badge badge--orange'>承诺制</Text>}
        {service.proxy && <Text className='badge badge--blue'>可代办</Text>}
        {service.bookable && <Text className='badge badge--red'>可预约</Text>}
        {service.offHoursWeekend && <Text className='badge badge--red' data-testid='badge-weekend'>周末/节假日可约</Text>}
        {service.offHoursExtended && <Text className='badge badge--orange' data-testid='badge-extended'>午间/延时可约</Text>}
        <Text className='badge badge--blue'>{service.onlineDepth}</Text>
      </View>
      <Row label='事项类型' value={service.itemType} />
      <Row label='事项编码' value={service.code} />
      <Row label='实施主体' value={service.implementer} />
      <Row label='服务对象' value={service.audiences.join('、')} />
      <Row label='法定时限' value={limitLabel(service.legalLimitDays)} />
      <Row label='承诺时限' value={limitLabel(service.promisedLimitDays)} />
      <Row label='收费标准' value={feeLabel(service.fee)} />
      <Row label='跑动次数' value={`${service.visits}次`} />
      <Row label='办理时间' value={service.hours} />
      <Row label='咨询电话' value={service.consultPhone} />
      <Row label='投诉电话' value={service.complaintPhone} />
      <Text className='guide__sub'>受理条件</Text>
      {service.conditions.map((c, i) => (
        <Text key={i} className='guide__para'>{`${i + 1}. ${c}`}</Text>
      ))}
      <Text className='guide__sub'>设定依据</Text>
      {service.legalBasis.map((c, i) => (
        <Text key={i} className='guide__para'>{c}</Text>
      ))}
      {service.faq.length > 0 && <Text className='guide__sub'>常见问题</Text>}
      {service.faq.map((f, i) => (
        <View key={i} className='guide__faq'>
          <Text className='guide__faq-q'>问：{f.q}</Text>
          <Text className='guide__para'>答：{f.a}</Text>
        </View>
      ))}
    </View>
  )
}

function Places({ service }: { service: ServiceDetail }) {
  const location = useLocation()
  const halls = useNearbyHalls(location.state, '', undefined, service.id)
  if (location.state.status === 'locating') return <Text className='muted guide__locating'>正在定位…</Text>
  return (
    <StateView loading={halls.loading} error={halls.error} onRetry={halls.reload} empty={(halls.data ?? []).length === 0} emptyText='暂无办理网点'>
      {(halls.data ?? []).map((hall) => (
        <HallCard key={hall.id} hall={hall} />
      ))}
    </StateView>
  )
}

function Ratings({ service }: { service: ServiceDetail }) {
  const ratings = useServiceRatings(service.id)
  const summary = service.ratingSummary
  return (
    <View className='section'>
      <View className='guide__rating-summary' data-testid='rating-summary'>
        <View className='guide__rating-figure'>
          <Text className='guide__rating-number'>{summary.goodRate === null ? '—' : `${Math.round(summary.goodRate * 1000) / 10}%`}</Text>
          <Text className='muted'>好评率</Text>
        </View>
        <View className='guide__rating-figure'>
          <Text className='guide__rating-number'>{summary.count}</Text>
          <Text className='muted'>评价数</Text>
        </View>
      </View>
      <Button size='small' fill='outline' type='primary' onClick={() => Taro.navigateTo({ url: `/pages/rate/index?serviceId=${service.id}` })}>
        评价办事指南
      </Button>
      <StateView
        loading={ratings.loading}
        error={ratings.error}
        onRetry={ratings.reload}
        empty={(ratings.data?.items ?? []).length === 0}
        emptyText='暂无评价'
      >
        {(ratings.data?.items ?? []).slice(0, 10).map((r, i) => (
          <View key={`${r.ratedAt}-${i}`} className='guide__rating'>
            <Text className={`badge ${r.level <= 2 ? 'badge--red' : 'badge--green'}`}>{RATING_LEVEL_LABELS[r.level]}</Text>
            <Text className='muted guide__rating-date'>{r.raterName} · {timeAgo(r.ratedAt)}</Text>
            {r.comment && <Text className='guide__para'>{r.comment}</Text>}
          </View>
        ))}
      </StateView>
    </View>
  )
}

export default function ServicePage() {
  const { elderClass } = useElderMode()
  const { params } = useRouter()
  const service = useService(params.id)
  const [tab, setTab] = useState<string | number>('basic')
  const data = service.data

  return (
    <View className={`guide ${elderClass}`}>
      <StateView loading={service.loading} error={params.id ? service.error : MISSING} onRetry={service.reload}>
        {data && (
          <View>
            <View className='guide__header'>
              <Text className='guide__title' data-testid='service-title'>
                {data.name}
                {data.demo && <DemoBadge />}
              </Text>
              <Text className='guide__dept'>{data.departmentName ?? data.implementer}</Text>
              <View className='guide__stats'>
                <View className='guide__stat'>
                  <Text className='guide__stat-value'>{limitLabel(data.promisedLimitDays)}</Text>
                  <Text className='guide__stat-label'>承诺时限</Text>
                </View>
                <View className='guide__stat'>
                  <Text className='guide__stat-value'>{data.visits}次</Text>
                  <Text className='guide__stat-label'>跑动次数</Text>
                </View>
                <View className='guide__stat'>
                  <Text className='guide__stat-value'>{feeLabel(data.fee)}</Text>
                  <Text className='guide__stat-label'>收费</Text>
                </View>
              </View>
            </View>
            <Tabs className='guide__tabs' value={tab} onChange={(v) => setTab(v)} activeType='line' duration={0}>
              <TabPane title='基本信息' value='basic'>
                <BasicInfo service={data} />
              </TabPane>
              <TabPane title='申请材料' value='materials'>
                <View className='section' data-testid='materials'>
                  {data.materials.length === 0 && <Text className='muted'>无需提交材料</Text>}
                  {data.materials.map((m, i) => (
                    <MaterialItem key={i} material={m} />
                  ))}
                </View>
              </TabPane>
              <TabPane title='办理流程' value='steps'>
                <View className='section'>
                  <View className='section__title'>
                    <Text className='section__title-text'>一图读懂办理流程</Text>
                  </View>
                  <StepFlow steps={data.steps} />
                </View>
              </TabPane>
              <TabPane title='办理地点' value='places'>
                <View className='guide__pane'>{tab === 'places' && <Places service={data} />}</View>
              </TabPane>
              <TabPane title='评价' value='ratings'>
                {tab === 'ratings' && <Ratings service={data} />}
              </TabPane>
            </Tabs>
            {data.bookable && (
              <View className='bottom-bar'>
                <Button
                  block
                  type='primary'
                  data-testid='book-button'
                  onClick={() => Taro.navigateTo({ url: `/pages/book/index?serviceId=${data.id}` })}
                >
                  预约办理
                </Button>
              </View>
            )}
          </View>
        )}
      </StateView>
    </View>
  )
}
