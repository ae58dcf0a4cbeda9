import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { MATCH_STATUS_LABELS, POLICY_APPLICATION_STATUS_LABELS, POLICY_FIELDS, POLICY_MODE_LABELS, type PolicyField } from '@xz/shared'
import { errorMessage } from '@/api/errors'
import { applyPolicy, fetchPolicy, yuan } from '@/api/policies'
import { ApiError, getSession } from '@/api/request'
import { MISSING, StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useElderMode } from '@/stores/elder'
import { go } from '../lib'
import '../enterprise.scss'

const MARK = { pass: '你符合', fail: '还差', unknown: '需补充' } as const

/** One policy: what it gives, how to apply, and line by line whether my enterprise meets each condition. */
export default function PolicyPage() {
  const { elderClass } = useElderMode()
  const id = useRouter().params.id ?? ''
  const [version, setVersion] = useState(0)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  useDidShow(() => setVersion((v) => v + 1))
  const policy = useAsync(() => (id ? fetchPolicy(id) : Promise.reject(new ApiError('NOT_FOUND', 404, MISSING))), [id, version])
  const p = policy.data
  const ex = p?.explanation
  const app = p?.myApplication

  const apply = async () => {
    setBusy(true)
    setMessage(null)
    try {
      await applyPolicy(id)
      void Taro.showToast({ title: '申报已提交', icon: 'success' })
      setVersion((v) => v + 1)
    } catch (err) {
      setMessage(err instanceof ApiError && err.code === 'POLICY_NOT_ELIGIBLE' ? err.message : errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={`page ${elderClass}`} data-testid='policy-page'>
      <StateView loading={policy.loading && !p} error={policy.error} onRetry={policy.reload}>
        {p && (
          <View>
            <View className='section'>
              <Text className='pol__title' data-testid='policy-title'>{p.title}</Text>
              <Text className='pol__meta'>{p.departmentName} · {p.docNumber}</Text>
              <Text className='pol__meta'>有效期：{p.validFrom} 至 {p.validTo ?? '长期'}</Text>
              <View className='pol__badges'>
                <Text className='pol__badge pol__badge--mode'>{POLICY_MODE_LABELS[p.mode]}</Text>
                {ex && <Text className={`pol__badge pol__badge--${ex.status}`} data-testid='match-status'>{MATCH_STATUS_LABELS[ex.status]}</Text>}
                {p.demo && <Text className='pol__badge pol__badge--demo'>示例数据</Text>}
              </View>
              <Text className='pol__text'>{p.summary}</Text>
              <Text className='pol__text'>
                {p.benefit.kind}：{p.benefit.description}
                {p.benefit.amountFen ? `（${yuan(p.benefit.amountFen)}）` : ''}
              </Text>
            </View>

            <View className='section' data-testid='explanation'>
              <View className='section__title'>
                <Text className='section__title-text'>我是否符合</Text>
              </View>
              {!ex ? (
                <View>
                  <Text className='pol__text'>填写企业画像后，这里会逐条说明您的企业是否符合每项条件。</Text>
                  <View className='pol__btn pol__btn--plain' data-testid='explain-profile' onClick={() => go('/enterprise/profile/index')}>
                    {getSession() ? '填写企业画像' : '登录后填写企业画像'}
                  </View>
                </View>
              ) : (
                <View>
                  {ex.lines.map((l, i) => (
                    <View key={i} className='pol__line' style={{ paddingLeft: `${l.depth * 1.5}em` }} data-testid={`line-${l.kind === 'group' ? 'group' : l.outcome}`}>
                      <Text className={`pol__mark pol__mark--${l.kind === 'group' ? 'group' : l.outcome}`}>{l.kind === 'group' ? '条件组' : MARK[l.outcome]}</Text>
                      <Text className='pol__line-text'>
                        {l.label}
                        {l.actual && l.kind === 'condition' ? `（您的企业：${l.actual}）` : ''}
                      </Text>
                    </View>
                  ))}
                  {ex.missingFields.length > 0 && (
                    <Text className='pol__text' data-testid='missing-fields'>
                      需补充：{ex.missingFields.map((f) => POLICY_FIELDS[f as PolicyField]?.label ?? f).join('、')}
                    </Text>
                  )}
                  {ex.status !== 'eligible' && (
                    <View className='pol__btn pol__btn--plain' data-testid='fix-profile' onClick={() => go('/enterprise/profile/index')}>
                      完善企业画像
                    </View>
                  )}
                </View>
              )}
            </View>

            <View className='section' data-testid='apply-section'>
              <View className='section__title'>
                <Text className='section__title-text'>{p.mode === 'auto' ? '免申即享' : '申报兑现'}</Text>
              </View>
              {app ? (
                <View data-testid='my-application'>
                  <Text className='pol__text' data-testid='application-status'>
                    {POLICY_APPLICATION_STATUS_LABELS[app.status]}
                    {app.amountFen !== undefined ? ` · ${yuan(app.amountFen)}` : ''}
                  </Text>
                  {app.dueDate && app.status !== 'granted' && app.status !== 'rejected' && <Text className='pol__meta'>承诺 {app.dueDate} 前办结</Text>}
                  {app.rejectReason && <Text className='pol__text'>理由：{app.rejectReason}</Text>}
                </View>
              ) : p.mode === 'auto' ? (
                <Text className='pol__text'>符合条件的企业无需申请，政策发布后自动兑现并通知。</Text>
              ) : (
                <View>
                  <Text className='pol__meta'>兑现时限：{p.guide.promiseDays} 个工作日</Text>
                  {ex?.status === 'eligible' ? (
                    <View className='pol__btn' data-testid='apply' onClick={() => !busy && void apply()}>
                      {busy ? '提交中…' : '立即申报'}
                    </View>
                  ) : (
                    <Text className='pol__text'>符合全部条件后即可在线申报。</Text>
                  )}
                  {message && <Text className='pol__error' data-testid='apply-error'>{message}</Text>}
                </View>
              )}
            </View>

            <View className='section'>
              <View className='section__title'>
                <Text className='section__title-text'>申兑指南</Text>
              </View>
              <Text className='pol__text'>惠及对象：{p.guide.beneficiaries}</Text>
              <Text className='pol__text'>申报条件：{p.guide.requirements}</Text>
              {p.guide.address && <Text className='pol__text'>受理地址：{p.guide.address}</Text>}
              {p.guide.phone && <Text className='pol__text'>咨询电话：{p.guide.phone}</Text>}
              {p.fullText && <Text className='pol__text'>{p.fullText}</Text>}
            </View>
          </View>
        )}
      </StateView>
    </View>
  )
}
