import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { BENEFIT_KINDS, POLICY_MODE_LABELS, POLICY_TOPICS, localDate, type PolicyInput, type PolicyMode } from '@xz/shared'
import { fetchDepartments } from '@/api/catalogue'
import { errorMessage } from '@/api/errors'
import { createPolicy, fetchAdminPolicies, publishPolicy } from '@/api/policies'
import { ApiError } from '@/api/request'
import { useAsync } from '@/hooks/useAsync'
import { useRoleGuard } from '../../staff/lib/guard'
import { GuardPending } from '../../staff/lib/GuardPending'
import { ADMIN_ROLES } from '../lib'
import { ConditionEditor, rowsToTree, type Row } from './ConditionEditor'
import '../../staff/staff.scss'
import '../policies/policy-admin.scss'

const STATUS = { draft: '草稿', published: '已发布', withdrawn: '已撤回' } as const

function TextField({ label, testId, value, onInput, placeholder }: { label: string; testId: string; value: string; onInput: (v: string) => void; placeholder?: string }) {
  return (
    <View className='desk__field'>
      <Text className='desk__label'>{label}</Text>
      <View className='desk__input' data-testid={testId}>
        <Input value={value} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />
      </View>
    </View>
  )
}

function PolicyForm({ regionCode, onDone }: { regionCode: string; onDone: () => void }) {
  const departments = useAsync(() => fetchDepartments(), [])
  const [f, setF] = useState({ title: '', docNumber: '', departmentId: '', summary: '', benefit: '', amountYuan: '', beneficiaries: '', requirements: '', promiseDays: '10' })
  const [mode, setMode] = useState<PolicyMode>('apply')
  const [kind, setKind] = useState<(typeof BENEFIT_KINDS)[number]>('补贴')
  const [topics, setTopics] = useState<string[]>([])
  const [rows, setRows] = useState<Row[]>([{ field: 'registeredRegion', op: 'startsWith', text: '1409' }])
  const [any, setAny] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v })

  const save = async () => {
    setError(null)
    const input = {
      title: f.title, docNumber: f.docNumber, departmentId: f.departmentId, regionCode, validFrom: localDate(new Date()), summary: f.summary,
      benefit: { kind, description: f.benefit, amountFen: f.amountYuan ? Math.round(Number(f.amountYuan) * 100) : null },
      guide: { beneficiaries: f.beneficiaries, requirements: f.requirements, promiseDays: Number(f.promiseDays) },
      mode, topics, conditions: rowsToTree(rows, any),
    } as unknown as PolicyInput
    try {
      await createPolicy(input)
      void Taro.showToast({ title: '已保存为草稿', icon: 'success' })
      onDone()
    } catch (err) {
      const issues = err instanceof ApiError ? (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues : undefined
      setError(issues?.length ? issues.map((i) => `${i.path}：${i.message}`).join('；') : errorMessage(err))
    }
  }

  return (
    <View className='desk__card' data-testid='policy-form'>
      <TextField label='政策名称' testId='pf-title' value={f.title} onInput={set('title')} />
      <TextField label='文号' testId='pf-doc' value={f.docNumber} onInput={set('docNumber')} placeholder='如 忻人社发〔2026〕12号' />
      <Text className='desk__label'>发文部门</Text>
      <View className='desk__chips'>
        {(departments.data ?? []).map((d) => (
          <Text key={d.id} className={`desk__chip ${f.departmentId === d.id ? 'desk__chip--active' : ''}`} data-testid='pf-dept' onClick={() => set('departmentId')(d.id)}>
            {d.shortName ?? d.name}
          </Text>
        ))}
      </View>
      <Text className='desk__label'>兑现方式</Text>
      <View className='desk__chips'>
        {(['apply', 'auto'] as const).map((m) => (
          <Text key={m} className={`desk__chip ${mode === m ? 'desk__chip--active' : ''}`} data-testid='pf-mode' onClick={() => setMode(m)}>{POLICY_MODE_LABELS[m]}</Text>
        ))}
      </View>
      <Text className='desk__label'>扶持方式</Text>
      <View className='desk__chips'>
        {BENEFIT_KINDS.map((k) => (
          <Text key={k} className={`desk__chip ${kind === k ? 'desk__chip--active' : ''}`} onClick={() => setKind(k)}>{k}</Text>
        ))}
      </View>
      <TextField label='扶持内容' testId='pf-benefit' value={f.benefit} onInput={set('benefit')} placeholder='如 每户一次性补贴5000元' />
      <TextField label='每户金额（元，可不填）' testId='pf-amount' value={f.amountYuan} onInput={set('amountYuan')} />
      <TextField label='摘要' testId='pf-summary' value={f.summary} onInput={set('summary')} />
      <TextField label='惠及对象' testId='pf-beneficiaries' value={f.beneficiaries} onInput={set('beneficiaries')} />
      <TextField label='申报条件（文字）' testId='pf-requirements' value={f.requirements} onInput={set('requirements')} />
      <TextField label='兑现时限（工作日）' testId='pf-days' value={f.promiseDays} onInput={set('promiseDays')} />
      <Text className='desk__label'>主题</Text>
      <View className='desk__chips'>
        {POLICY_TOPICS.map((t) => (
          <Text key={t} className={`desk__chip ${topics.includes(t) ? 'desk__chip--active' : ''}`} onClick={() => setTopics(topics.includes(t) ? topics.filter((x) => x !== t) : [...topics, t])}>{t}</Text>
        ))}
      </View>
      <Text className='desk__label'>条件（按企业画像逐条判断）</Text>
      <ConditionEditor rows={rows} onChange={setRows} any={any} onAny={setAny} />
      {error && <Text className='desk__error' data-testid='pf-error'>{error}</Text>}
      <View className='desk__actions'>
        <Text className='desk__btn desk__btn--plain' onClick={onDone}>取消</Text>
        <Text className='desk__btn desk__btn--primary' data-testid='pf-save' onClick={() => void save()}>保存草稿</Text>
      </View>
    </View>
  )
}

/** 惠企政策管理: the region's policies, a form with the live condition counts, publication. */
export default function AdminPoliciesPage() {
  const me = useRoleGuard(ADMIN_ROLES)
  const [version, setVersion] = useState(0)
  const [editing, setEditing] = useState(false)
  const list = useAsync(() => fetchAdminPolicies(), [version], Boolean(me))
  if (!me) return <GuardPending />

  const publish = async (id: string) => {
    try {
      const r = await publishPolicy(id)
      void Taro.showToast({ title: `已发布：自动兑现 ${r.granted} 家，推送 ${r.notified} 家`, icon: 'none' })
      setVersion((v) => v + 1)
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }

  return (
    <View className='desk pol-admin' data-testid='admin-policies'>
      <View className='desk__header'>
        <View className='desk__row-main'>
          <Text className='desk__title'>惠企政策管理</Text>
          <Text className='desk__sub'>条件以数据保存，逐条匹配企业画像</Text>
        </View>
      </View>
      {editing ? (
        <PolicyForm regionCode={me.regionCode ?? '140900'} onDone={() => { setEditing(false); setVersion((v) => v + 1) }} />
      ) : (
        <View className='desk__actions'>
          <Text className='desk__btn desk__btn--primary' data-testid='policy-new' onClick={() => setEditing(true)}>新建政策</Text>
          <Text className='desk__btn desk__btn--plain' onClick={() => void Taro.navigateTo({ url: '/admin/policy-applications/index' })}>申报受理</Text>
          <Text className='desk__btn desk__btn--plain' onClick={() => void Taro.navigateTo({ url: '/admin/policy-report/index' })}>月通报</Text>
        </View>
      )}
      {list.error && <Text className='desk__error'>{list.error}</Text>}
      {(list.data ?? []).map((p) => (
        <View key={p.id} className='desk__card' data-testid='admin-policy'>
          <Text className='desk__card-title'>{p.title}</Text>
          <Text className='desk__muted'>{p.departmentName} · {POLICY_MODE_LABELS[p.mode]} · {STATUS[p.status]}{p.demo ? ' · 示例数据' : ''}</Text>
          {p.status === 'draft' && (
            <View className='desk__actions'>
              <Text className='desk__btn' data-testid='policy-publish' onClick={() => void publish(p.id)}>发布</Text>
            </View>
          )}
        </View>
      ))}
    </View>
  )
}
