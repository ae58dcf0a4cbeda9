import { useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import {
  ENTERPRISE_SCALES, POLICY_TOPICS, REVENUE_BANDS, industryName, isValidDate, searchIndustries,
  type EnterpriseProfile, type EnterpriseProfileInput
} from '@xz/shared'
import { errorMessage } from '@/api/errors'
import { fetchRegions } from '@/api/catalogue'
import { fetchMyEnterprise, saveMyEnterprise, subscribePolicies } from '@/api/policies'
import { ApiError, getSession } from '@/api/request'
import { StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useElderMode } from '@/stores/elder'
import { currentPageUrl, goLogin } from '@/utils/loginReturn'
import { creditCodeError, enterpriseNameError } from '@/utils/validation'
import { ensureAgreement } from '@/api/privacy'
import '../enterprise.scss'

const QUALIFICATIONS = ['高新技术企业', '科技型中小企业', '专精特新中小企业', '农业产业化龙头企业', '绿色工厂']
const TAGS = ['失业保险参保', '小规模纳税人', '新招用高校毕业生', '新招用重点群体', '吸纳脱贫劳动力', '技术改造项目', '进出口经营者', '电商企业', '政府性融资担保', '首次纳入规上统计', '首次纳入限上统计', '新获发明专利']

const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v])

function Chips({ options, selected, onToggle, testId }: { options: readonly string[]; selected: string[]; onToggle: (v: string) => void; testId: string }) {
  return (
    <View className='pol__chips'>
      {options.map((o) => (
        <Text key={o} className={`pol__chip ${selected.includes(o) ? 'pol__chip--active' : ''}`} data-testid={testId} onClick={() => onToggle(o)}>
          {o}
        </Text>
      ))}
    </View>
  )
}

function Field({ label, testId, value, onInput, placeholder, error, type = 'text', disabled }: {
  label: string; testId: string; value: string; onInput: (v: string) => void; placeholder?: string; error?: string; type?: 'text' | 'number'; disabled?: boolean
}) {
  return (
    <View className='pol__field'>
      <Text className='pol__label'>{label}</Text>
      <View className='pol__input' data-testid={testId}>
        <Input className='pol__field-input' value={value} type={type} disabled={disabled} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />
      </View>
      {error && <Text className='pol__error' data-testid={`${testId}-error`}>{error}</Text>}
    </View>
  )
}

function ProfileForm({ profile, onSaved }: { profile: EnterpriseProfile | null; onSaved: (p: EnterpriseProfile) => void }) {
  const [name, setName] = useState(profile?.name ?? '')
  const [code, setCode] = useState(profile?.creditCode ?? '')
  const [region, setRegion] = useState(profile?.registeredRegion ?? '')
  const [industry, setIndustry] = useState(profile?.industry ?? '')
  const [industryQuery, setIndustryQuery] = useState('')
  const [scale, setScale] = useState(profile?.scale ?? '')
  const [employees, setEmployees] = useState(profile?.employees === undefined ? '' : String(profile.employees))
  const [revenue, setRevenue] = useState(profile?.revenueBand ?? '')
  const [established, setEstablished] = useState(profile?.establishedOn ?? '')
  const [quals, setQuals] = useState<string[]>(profile?.qualifications ?? [])
  const [tags, setTags] = useState<string[]>(profile?.tags ?? [])
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const regions = useAsync(() => fetchRegions('county'), [])
  const industries = useMemo(() => searchIndustries(industryQuery, 8), [industryQuery])

  const errors: Record<string, string | undefined> = {
    name: name ? enterpriseNameError(name) : '请填写企业名称',
    creditCode: code ? creditCodeError(code) : '请填写统一社会信用代码',
    employees: employees && !/^\d{1,7}$/.test(employees) ? '请填写整数人数' : undefined,
    establishedOn: established && !isValidDate(established) ? '日期格式应为 YYYY-MM-DD' : undefined,
  }
  const blocked = Object.values(errors).some(Boolean)

  const save = async () => {
    setBusy(true)
    setMessage(null)
    setServerErrors({})
    const input: EnterpriseProfileInput = {
      name: name.trim(),
      creditCode: code.trim(),
      registeredRegion: region || null,
      industry: industry || null,
      scale: (scale || null) as EnterpriseProfileInput['scale'],
      employees: employees ? Number(employees) : null,
      revenueBand: (revenue || null) as EnterpriseProfileInput['revenueBand'],
      establishedOn: established || null,
      qualifications: quals,
      tags,
    }
    if (!(await ensureAgreement().catch(() => false))) {
      setBusy(false)
      return setMessage('同意《用户协议》和《隐私政策》后才能保存企业画像')
    }
    try {
      const saved = await saveMyEnterprise(input)
      void Taro.showToast({ title: '企业画像已保存', icon: 'success' })
      setMessage('已保存，为你推荐已按新画像更新')
      onSaved(saved)
    } catch (err) {
      if (err instanceof ApiError) {
        const issues = (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? []
        setServerErrors(Object.fromEntries(issues.map((i) => [String(i.path).split('.')[0], i.message])))
        setMessage(err.code === 'VALIDATION_FAILED' ? '填写内容有误，请按提示修改' : err.message || errorMessage(err))
      } else setMessage(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <View className='section'>
        <View className='section__title'>
          <Text className='section__title-text'>基本信息</Text>
          {profile && <Text className='badge badge--green'>已认领</Text>}
        </View>
        <Field label='企业名称' testId='ent-name' value={name} onInput={setName} error={serverErrors.name ?? (name ? errors.name : undefined)} />
        <Field
          label='统一社会信用代码'
          testId='ent-code'
          value={code}
          disabled={Boolean(profile)}
          onInput={(v) => setCode(v.toUpperCase())}
          error={serverErrors.creditCode ?? (code ? errors.creditCode : undefined)}
          placeholder='18 位，认领后不可更改'
        />
        <View className='pol__field'>
          <Text className='pol__label'>注册地</Text>
          <Chips options={(regions.data ?? []).map((r) => r.name)} selected={(regions.data ?? []).filter((r) => r.code === region).map((r) => r.name)} testId='region-chip' onToggle={(n) => setRegion(regions.data?.find((r) => r.name === n)?.code ?? '')} />
        </View>
      </View>

      <View className='section'>
        <View className='section__title'>
          <Text className='section__title-text'>行业与规模</Text>
        </View>
        <View className='pol__field'>
          <Text className='pol__label' data-testid='industry-selected'>所属行业：{industry ? `${industry} ${industryName(industry) ?? ''}` : '未选择'}</Text>
          <View className='pol__input' data-testid='industry-search'>
            <Input className='pol__field-input' value={industryQuery} placeholder='搜索行业名称或代码，如 食品、C14' onInput={(e) => setIndustryQuery(e.detail.value)} />
          </View>
          <View className='pol__chips'>
            {industries.map((d) => (
              <Text key={d.code} className={`pol__chip ${industry === d.code ? 'pol__chip--active' : ''}`} data-testid='industry-option' onClick={() => setIndustry(d.code)}>
                {d.code} {d.name}
              </Text>
            ))}
          </View>
        </View>
        <View className='pol__field'>
          <Text className='pol__label'>企业规模（按国家统计上大中小微型企业划分办法）</Text>
          <Chips options={ENTERPRISE_SCALES} selected={scale ? [scale] : []} testId='scale-chip' onToggle={(v) => setScale(scale === v ? '' : v)} />
        </View>
        <Field label='从业人数' testId='ent-employees' type='number' value={employees} onInput={setEmployees} error={serverErrors.employees ?? errors.employees} />
        <View className='pol__field'>
          <Text className='pol__label'>年营业收入</Text>
          <Chips options={REVENUE_BANDS} selected={revenue ? [revenue] : []} testId='revenue-chip' onToggle={(v) => setRevenue(revenue === v ? '' : v)} />
        </View>
        <Field label='成立日期' testId='ent-established' value={established} onInput={setEstablished} placeholder='YYYY-MM-DD' error={serverErrors.establishedOn ?? errors.establishedOn} />
      </View>

      <View className='section'>
        <View className='section__title'>
          <Text className='section__title-text'>资质与标签</Text>
        </View>
        <Text className='pol__label'>资质</Text>
        <Chips options={QUALIFICATIONS} selected={quals} testId='qual-chip' onToggle={(v) => setQuals(toggle(quals, v))} />
        <Text className='pol__label pol__field'>企业标签</Text>
        <Chips options={TAGS} selected={tags} testId='tag-chip' onToggle={(v) => setTags(toggle(tags, v))} />
      </View>

      <View className='section'>
        {message && <Text className='pol__text' data-testid='profile-message'>{message}</Text>}
        <View className={`pol__btn ${blocked ? 'pol__btn--plain' : ''}`} data-testid='profile-save' onClick={() => !busy && !blocked && void save()}>
          {busy ? '保存中…' : profile ? '保存企业画像' : '认领企业并保存'}
        </View>
      </View>
    </View>
  )
}

function Subscription({ profile, onSaved }: { profile: EnterpriseProfile; onSaved: (p: EnterpriseProfile) => void }) {
  const [matching, setMatching] = useState(profile.subscription.matching)
  const [topics, setTopics] = useState<string[]>(profile.subscription.topics)
  useEffect(() => {
    setMatching(profile.subscription.matching)
    setTopics(profile.subscription.topics)
  }, [profile])
  const save = async () => {
    try {
      onSaved(await subscribePolicies({ matching, topics }))
      void Taro.showToast({ title: '订阅已保存', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }
  return (
    <View className='section' data-testid='subscription'>
      <View className='section__title'>
        <Text className='section__title-text'>政策订阅</Text>
      </View>
      <View className='pol__chips'>
        <Text className={`pol__chip ${matching ? 'pol__chip--active' : ''}`} data-testid='sub-matching' onClick={() => setMatching(!matching)}>
          推送我符合的新政策
        </Text>
      </View>
      <Text className='pol__label pol__field'>按主题订阅</Text>
      <Chips options={POLICY_TOPICS} selected={topics} testId='sub-topic' onToggle={(v) => setTopics(toggle(topics, v))} />
      <View className='pol__btn pol__btn--plain' data-testid='sub-save' onClick={() => void save()}>
        保存订阅
      </View>
    </View>
  )
}

/** 企业画像: claimed by its 统一社会信用代码 (one account per enterprise); drives matching and 为你推荐. */
export default function ProfilePage() {
  const { elderClass } = useElderMode()
  const signedIn = Boolean(getSession())
  const mine = useAsync(() => fetchMyEnterprise(), [], signedIn)
  const [saved, setSaved] = useState<EnterpriseProfile | null>(null)
  const profile = saved ?? mine.data ?? null

  return (
    <View className={`page ${elderClass}`} data-testid='profile-page'>
      {!signedIn ? (
        <View className='section'>
          <Text className='pol__text'>请先登录，再填写企业画像。</Text>
          <View className='pol__btn' data-testid='go-login' onClick={() => goLogin(currentPageUrl('/enterprise/profile/index'))}>去登录</View>
        </View>
      ) : (
        <StateView loading={mine.loading && mine.data === undefined} error={mine.error} onRetry={mine.reload}>
          <ProfileForm key={mine.data?.creditCode ?? 'form'} profile={profile} onSaved={setSaved} />
          {profile && <Subscription profile={profile} onSaved={setSaved} />}
        </StateView>
      )}
    </View>
  )
}
