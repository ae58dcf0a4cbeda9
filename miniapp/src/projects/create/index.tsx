import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PROJECT_LEVELS, isValidDate, regionContains, type ProjectCreate, type ProjectLevel } from '@xz/shared'
import { fetchRegions } from '@/api/catalogue'
import { createProject, fetchProjectAccounts, fetchTemplates } from '@/api/projects'
import { StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useElderMode } from '@/stores/elder'
import { todayLocal } from '@/utils/format'
import { scrollToAnchor } from '@/utils/scroll'
import { creditCodeError, enterpriseNameError, mobileError } from '@/utils/validation'
import { fieldError, formErrors } from '../lib/format'
import { useProjectGuard } from '../lib/guard'
import { NewAccount, TeamPicker, useTeamChoice } from '../lib/team'
import { Btn, Chips, Field, FormError, GuardPending, Section, Toggle } from '../lib/ui'
import '../projects.scss'

/** Where each field of the form sits, to scroll the first error into view. */
const ANCHORS: Record<string, string> = {
  templateId: 'f-template',
  name: 'f-name',
  code: 'f-name',
  'enterprise.name': 'f-ent',
  'enterprise.creditCode': 'f-code',
  regionCode: 'f-region',
  location: 'f-location',
  industry: 'f-industry',
  investmentWan: 'f-investment',
  level: 'f-level',
  startDate: 'f-start',
  leaderId: 'f-team',
  agentIds: 'f-team',
  contactName: 'f-contact',
  contactMobile: 'f-contact'
}

function firstAnchor(errors: Record<string, string>): string {
  const key = Object.keys(ANCHORS).find((k) => fieldError(errors, k))
  return key ? ANCHORS[key] : 'f-submit'
}

/** 新建项目: an administrator registers an investment project from a checklist template and names its team. */
export default function CreateProjectPage() {
  const { elderClass } = useElderMode()
  const me = useProjectGuard('admin')
  const templates = useAsync(fetchTemplates, [], Boolean(me))
  const regions = useAsync(() => fetchRegions('county'), [], Boolean(me))
  const [accountsVersion, setAccountsVersion] = useState(0)
  const accounts = useAsync(fetchProjectAccounts, [accountsVersion], Boolean(me))
  const [templateId, setTemplateId] = useState('')
  const [f, setF] = useState({ name: '', code: '', entName: '', creditCode: '', location: '', industry: '', investment: '', startDate: todayLocal(), contactName: '', contactMobile: '' })
  const [regionCode, setRegionCode] = useState('')
  const [level, setLevel] = useState<ProjectLevel>('市级重点')
  const [standardLand, setStandardLand] = useState(false)
  const [landStart, setLandStart] = useState(false)
  const team = useTeamChoice()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  /** The request path of each text field: its error goes once the field is edited. */
  const PATHS: Record<keyof typeof f, string> = {
    name: 'name', code: 'code', entName: 'enterprise.name', creditCode: 'enterprise.creditCode', location: 'location', industry: 'industry',
    investment: 'investmentWan', startDate: 'startDate', contactName: 'contactName', contactMobile: 'contactMobile'
  }
  const set = (k: keyof typeof f) => (v: string) => {
    setF({ ...f, [k]: v })
    if (errors[PATHS[k]]) setErrors(({ [PATHS[k]]: _gone, ...rest }) => rest)
  }

  const active = (templates.data ?? []).filter((t) => t.active)
  useEffect(() => {
    if (!templateId && active.length) setTemplateId(active[0].id)
  }, [templates.data])
  const template = active.find((t) => t.id === templateId)
  // counties (and 开发区) of the administrator's region
  const counties = (regions.data ?? []).filter((r) => !me?.regionCode || regionContains(me.regionCode, r.code))

  if (!me) return <GuardPending elderClass={elderClass} />

  const validate = (): Record<string, string> => {
    const e: Record<string, string> = {}
    if (!templateId) e.templateId = '请选择清单模板'
    const entErr = enterpriseNameError(f.entName)
    if (entErr) e['enterprise.name'] = entErr
    const codeErr = creditCodeError(f.creditCode)
    if (codeErr) e['enterprise.creditCode'] = codeErr
    if (!regionCode) e.regionCode = '请选择建设地点所在县（市、区）'
    if (!/^\d{1,9}$/.test(f.investment.trim()) || Number(f.investment) < 1) e.investmentWan = '请填写总投资（万元，正整数）'
    if (!isValidDate(f.startDate)) e.startDate = '日期格式应为 YYYY-MM-DD'
    if (f.contactMobile && mobileError(f.contactMobile)) e.contactMobile = mobileError(f.contactMobile)!
    return e
  }

  const submit = async () => {
    const local = validate()
    if (Object.keys(local).length) {
      setErrors({ ...local, '': '请按提示修改后再提交' })
      scrollToAnchor(firstAnchor(local))
      return
    }
    setErrors({})
    setBusy(true)
    const input: ProjectCreate = {
      templateId,
      name: f.name.trim(),
      ...(f.code.trim() ? { code: f.code.trim() } : {}),
      enterprise: { name: f.entName.trim(), creditCode: f.creditCode.trim() },
      regionCode,
      location: f.location.trim(),
      industry: f.industry.trim(),
      investmentWan: Number(f.investment),
      level,
      standardLand,
      landStart,
      startDate: f.startDate,
      ...(team.leaderId ? { leaderId: team.leaderId } : {}),
      agentIds: team.agentsToSave,
      ...(f.contactName.trim() ? { contactName: f.contactName.trim() } : {}),
      ...(f.contactMobile.trim() ? { contactMobile: f.contactMobile.trim() } : {})
    }
    try {
      const created = await createProject(input)
      void Taro.showToast({ title: '项目已创建', icon: 'success' })
      void Taro.redirectTo({ url: `/projects/detail/index?id=${created.id}` })
    } catch (err) {
      const e = formErrors(err)
      setErrors(e)
      scrollToAnchor(firstAnchor(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={`page prj-root ${elderClass}`} data-testid='project-create'>
      <StateView loading={templates.loading && !templates.data} error={templates.error} onRetry={templates.reload} empty={active.length === 0} emptyText='还没有可用的清单模板，请先新建模板'>
        <Section title='清单模板（一项目一方案一清单）' anchor='f-template'>
          <View className='prj__chips'>
            {active.map((t) => (
              <Text key={t.id} className={`prj__chip ${templateId === t.id ? 'prj__chip--active' : ''}`} data-testid='pick-template' data-name={t.name} onClick={() => setTemplateId(t.id)}>
                {t.name}
              </Text>
            ))}
          </View>
          {template && (
            <Text className='prj__meta' data-testid='template-summary'>
              {template.type} · {template.items.length} 个事项 · 承诺 {template.promisedWorkingDays} 个工作日（法定 {template.legalWorkingDays}）
              {template.landStartWorkingDays !== undefined ? ` · 拿地即开工 ${template.landStartWorkingDays} 个工作日` : ''}
            </Text>
          )}
          {fieldError(errors, 'templateId') && <Text className='prj__error'>{fieldError(errors, 'templateId')}</Text>}
        </Section>

        <Section title='项目信息'>
          <Field anchor='f-name' label='项目名称' testId='pf-name' value={f.name} onInput={set('name')} error={errors.name} placeholder='如 忻州经开区年产5万吨新材料项目' maxlength={80} />
          <Field label='项目代码（可不填）' testId='pf-code' value={f.code} onInput={set('code')} error={errors.code} placeholder='投资项目在线审批监管平台代码' maxlength={40} />
          <Field anchor='f-ent' label='建设单位（企业名称）' testId='pf-ent-name' value={f.entName} onInput={set('entName')} error={fieldError(errors, 'enterprise.name')} maxlength={100} />
          <Field anchor='f-code' label='统一社会信用代码' testId='pf-credit-code' value={f.creditCode} onInput={(v) => set('creditCode')(v.toUpperCase())} error={fieldError(errors, 'enterprise.creditCode')} maxlength={18} />
          <View className='prj__field' id='f-region'>
            <Text className='prj__label'>建设地点所在县（市、区）</Text>
            <Chips options={counties.map((c) => c.code)} value={regionCode} onChange={(c) => { setRegionCode(c); if (errors.regionCode) setErrors(({ regionCode: _gone, ...rest }) => rest) }} testId='pf-region' label={(c) => counties.find((r) => r.code === c)?.name ?? c} />
            {errors.regionCode && <Text className='prj__error'>{errors.regionCode}</Text>}
          </View>
          <Field anchor='f-location' label='建设地点' testId='pf-location' value={f.location} onInput={set('location')} error={errors.location} placeholder='如 忻州经济开发区新材料产业园' maxlength={120} />
          <Field anchor='f-industry' label='所属行业' testId='pf-industry' value={f.industry} onInput={set('industry')} error={errors.industry} placeholder='如 新材料制造' maxlength={40} />
          <Field anchor='f-investment' label='总投资（万元）' testId='pf-investment' type='number' value={f.investment} onInput={set('investment')} error={errors.investmentWan} maxlength={9} />
          <View className='prj__field' id='f-level'>
            <Text className='prj__label'>项目级别</Text>
            <Chips options={PROJECT_LEVELS} value={level} onChange={setLevel} testId='pf-level' />
          </View>
          <Toggle on={standardLand} onChange={setStandardLand} testId='pf-standard-land'>
            标准地（区域评估完成，带标准出让）
          </Toggle>
          <Toggle on={landStart} onChange={setLandStart} testId='pf-land-start'>
            拿地即开工（相关事项按告知承诺制提前办理）
          </Toggle>
          <Field anchor='f-start' label='审批起始日期' testId='pf-start' value={f.startDate} onInput={set('startDate')} error={errors.startDate} placeholder='YYYY-MM-DD' maxlength={10} />
          <View id='f-contact'>
            <Field label='企业联系人（可不填）' testId='pf-contact-name' value={f.contactName} onInput={set('contactName')} error={errors.contactName} maxlength={30} />
            <Field label='联系人手机号码（可不填）' testId='pf-contact-mobile' type='digit' value={f.contactMobile} onInput={set('contactMobile')} error={errors.contactMobile} maxlength={11} />
          </View>
        </Section>

        <Section title='项目长与代办员' anchor='f-team'>
          <StateView loading={accounts.loading && !accounts.data} error={accounts.error} onRetry={accounts.reload}>
            <TeamPicker accounts={accounts.data ?? []} team={team} errors={errors} />
          </StateView>
          <Text className='prj__hint'>可稍后在项目页指定。</Text>
          <NewAccount regionCode={regionCode || me.regionCode || '140900'} onCreated={() => setAccountsVersion((v) => v + 1)} />
        </Section>

        <View className='section' id='f-submit'>
          <View className='prj__actions'>
            <Btn testId='pf-submit' disabled={busy} onClick={() => void submit()}>
              {busy ? '创建中…' : '创建项目并生成清单'}
            </Btn>
          </View>
          <FormError error={errors['']} testId='pf-error' />
        </View>
      </StateView>
    </View>
  )
}
