import { useEffect, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { POLICY_MODE_LABELS, POLICY_TOPICS, type PolicyMode, type PolicyTopic } from '@xz/shared'
import { fetchMyEnterprise, fetchPolicies, fetchRecommended } from '@/api/policies'
import { getSession } from '@/api/request'
import { StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useDebounced } from '@/hooks/useDebounced'
import { useElderMode } from '@/stores/elder'
import { PolicyCard, go } from '../lib'
import '../enterprise.scss'

/** 惠企政策: 为你推荐 for my enterprise, then every published policy with search and filters. */
export default function PoliciesPage() {
  const { elderClass } = useElderMode()
  const [version, setVersion] = useState(0)
  useDidShow(() => setVersion((v) => v + 1))
  const [q, setQ] = useState('')
  const [tag, setTag] = useState<PolicyTopic | ''>('')
  const [mode, setMode] = useState<PolicyMode | ''>('')
  const query = useDebounced(q, 300)
  const signedIn = Boolean(getSession())
  const mine = useAsync(() => fetchMyEnterprise(), [version], signedIn)
  const recommended = useAsync(() => fetchRecommended(), [version, mine.data?.updatedAt], signedIn && Boolean(mine.data))
  const [departmentId, setDepartmentId] = useState('')
  const list = useAsync(() => fetchPolicies({ q: query, tag, mode, departmentId }), [query, tag, mode, departmentId, version])
  // 按部门: the issuing departments of the policies seen so far (kept while one of them is chosen)
  const [departments, setDepartments] = useState<{ id: string; name: string }[]>([])
  useEffect(() => {
    const items = list.data?.items ?? []
    setDepartments((known) => {
      const byId = new Map(known.map((d) => [d.id, d]))
      for (const p of items) if (p.departmentId && !byId.has(p.departmentId)) byId.set(p.departmentId, { id: p.departmentId, name: p.departmentName ?? '' })
      return byId.size === known.length ? known : [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh'))
    })
  }, [list.data])

  return (
    <View className={`page ${elderClass}`} data-testid='policies-page'>
      <View className='section' data-testid='recommend-section'>
        <View className='section__title'>
          <Text className='section__title-text'>为你推荐</Text>
        </View>
        {!signedIn || !mine.data ? (
          <View>
            <Text className='pol__text'>填写企业画像后，按政策条件逐条为您匹配可享受的惠企政策。</Text>
            <View className='pol__btn' data-testid='profile-entry' onClick={() => go('/enterprise/profile/index')}>
              {signedIn ? '填写企业画像' : '登录后填写企业画像'}
            </View>
          </View>
        ) : (
          <StateView loading={recommended.loading && !recommended.data} error={recommended.error} onRetry={recommended.reload} empty={recommended.data?.length === 0} emptyText='暂无匹配的政策，完善企业画像可获得更多推荐'>
            <Text className='pol__meta' data-testid='recommend-count'>
              {mine.data.name}：符合或可能符合 {recommended.data?.length ?? 0} 项政策
            </Text>
            {(recommended.data ?? []).slice(0, 5).map((p) => (
              <PolicyCard key={p.id} policy={p} testId='recommended-item' />
            ))}
          </StateView>
        )}
        {signedIn && (
          <View className='pol__chips'>
            <Text className='pol__chip' data-testid='my-profile' onClick={() => go('/enterprise/profile/index')}>我的企业画像</Text>
            <Text className='pol__chip' data-testid='my-applications' onClick={() => go('/enterprise/applications/index')}>我的申报与兑现</Text>
          </View>
        )}
      </View>

      <View className='section'>
        <View className='pol__search' data-testid='policy-search'>
          <Input className='pol__field-input' value={q} onInput={(e) => setQ(e.detail.value)} placeholder='搜索政策名称、文号、部门（支持拼音）' maxlength={50} />
        </View>
        <View className='pol__chips'>
          {POLICY_TOPICS.map((t) => (
            <Text key={t} className={`pol__chip ${tag === t ? 'pol__chip--active' : ''}`} data-testid='topic-chip' onClick={() => setTag(tag === t ? '' : t)}>
              {t}
            </Text>
          ))}
          {(['auto', 'apply'] as const).map((m) => (
            <Text key={m} className={`pol__chip ${mode === m ? 'pol__chip--active' : ''}`} data-testid='mode-chip' onClick={() => setMode(mode === m ? '' : m)}>
              {POLICY_MODE_LABELS[m]}
            </Text>
          ))}
        </View>
        {departments.length > 1 || departmentId ? (
          <View className='pol__chips' data-testid='department-chips'>
            <Text className='pol__meta'>发布部门</Text>
            {departments.map((d) => (
              <Text
                key={d.id}
                className={`pol__chip ${departmentId === d.id ? 'pol__chip--active' : ''}`}
                data-testid='department-chip'
                onClick={() => setDepartmentId(departmentId === d.id ? '' : d.id)}
              >
                {d.name}
              </Text>
            ))}
          </View>
        ) : null}
        <StateView loading={list.loading && !list.data} error={list.error} onRetry={list.reload} empty={list.data?.items.length === 0} emptyText='没有找到相关政策'>
          <Text className='pol__meta'>共 {list.data?.total ?? 0} 项政策</Text>
          {(list.data?.items ?? []).map((p) => (
            <PolicyCard key={p.id} policy={p} />
          ))}
        </StateView>
      </View>
    </View>
  )
}
