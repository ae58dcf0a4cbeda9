import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { CITY_REGION_CODE, TICKET_TYPES, type KnowledgeEntry, type TicketType } from '@xz/shared'
import { fetchRegions } from '@/api/catalogue'
import { ApiError } from '@/api/request'
import { fetchTicketCategories, markKnowledgeResolved, searchKnowledge, submitTicket } from '@/api/tickets'
import { ensureAgreement } from '@/api/privacy'
import { PhotoPicker, type PickedPhoto } from '@/components/PhotoPicker'
import { StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useDebounced } from '@/hooks/useDebounced'
import { useElderMode } from '@/stores/elder'
import '../tickets.scss'

/** The knowledge entries matching what the requester typed (咨询 only): many questions end here. */
function Suggestions({ items, onResolved }: { items: KnowledgeEntry[]; onResolved: (e: KnowledgeEntry) => void }) {
  const [open, setOpen] = useState<string | null>(null)
  if (items.length === 0) return null
  return (
    <View className='ticket' data-testid='knowledge-suggestions'>
      <Text className='ticket__title'>先看看这些解答</Text>
      {items.map((e) => (
        <View key={e.id} className='ticket__suggestion' data-testid='knowledge-suggestion'>
          <Text className='ticket__text' onClick={() => setOpen(open === e.id ? null : e.id)}>
            {e.title}
          </Text>
          {open === e.id && (
            <View>
              <Text className='ticket__text' data-testid='knowledge-content'>
                {e.content}
              </Text>
              <View className='ticket__button ticket__button--plain' data-testid='knowledge-resolved' onClick={() => onResolved(e)}>
                这条解决了我的问题
              </View>
            </View>
          )}
        </View>
      ))}
    </View>
  )
}

export default function NewTicketPage() {
  const { elderClass } = useElderMode()
  const categories = useAsync(fetchTicketCategories, [])
  const counties = useAsync(() => fetchRegions('county'), [])
  const [regionCode, setRegionCode] = useState(CITY_REGION_CODE)
  const [enterprise, setEnterprise] = useState(false)
  const [address, setAddress] = useState('')
  const [contactName, setContactName] = useState('')
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [type, setType] = useState<TicketType>('咨询')
  const [categoryId, setCategoryId] = useState('')
  const [description, setDescription] = useState('')
  const [mobile, setMobile] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [resolved, setResolved] = useState<KnowledgeEntry | null>(null)
  const [suggestions, setSuggestions] = useState<KnowledgeEntry[]>([])
  const query = useDebounced(description.trim().slice(0, 20), 400)

  useEffect(() => {
    if (type !== '咨询' || query.length < 2) {
      setSuggestions([])
      return
    }
    let active = true
    searchKnowledge(query).then(
      (page) => active && setSuggestions(page.items),
      () => active && setSuggestions([])
    )
    return () => {
      active = false
    }
  }, [query, type])

  const resolve = async (e: KnowledgeEntry) => {
    try {
      await markKnowledgeResolved(e.id, regionCode)
    } catch {
      // counting is best effort: the answer is what matters to the requester
    }
    setResolved(e)
  }

  const submit = async () => {
    setError('')
    setFieldErrors({})
    if (!categoryId) return setError('请选择诉求分类')
    if (description.trim().length < 2) return setError('请填写诉求内容')
    if (!(await ensureAgreement().catch(() => false))) return setError('同意《用户协议》和《隐私政策》后才能提交')
    setBusy(true)
    try {
      const t = await submitTicket({
        type,
        categoryId,
        description: description.trim(),
        contactMobile: mobile.trim(),
        regionCode,
        enterprise,
        ...(address.trim() ? { address: address.trim() } : {}),
        ...(contactName.trim() ? { contactName: contactName.trim() } : {}),
        photos: photos.map((p) => p.url),
        shownKnowledgeIds: suggestions.map((s) => s.id)
      })
      void Taro.showToast({ title: `已提交：${t.id}`, icon: 'none' })
      await Taro.redirectTo({ url: '/pages/tickets/mine/index' })
    } catch (err) {
      if (err instanceof ApiError) {
        // the server's reason, next to its field when it names one
        const issues = (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? []
        const byField: Record<string, string> = {}
        for (const i of issues) byField[String(i.path).split('.')[0]] ??= i.message
        setFieldErrors(byField)
        setError(err.message)
      } else setError('提交失败，请稍后重试')
    } finally {
      setBusy(false)
    }
  }

  if (resolved) {
    return (
      <View className={`page ${elderClass}`} data-testid='ticket-resolved'>
        <View className='ticket'>
          <Text className='ticket__title'>很高兴为您解答</Text>
          <Text className='ticket__text'>{resolved.title}</Text>
          <Text className='ticket__text'>{resolved.content}</Text>
          <View className='ticket__button' onClick={() => void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/index/index' }))}>
            返回
          </View>
        </View>
      </View>
    )
  }

  return (
    <View className={`page ${elderClass}`} data-testid='ticket-new'>
      <StateView loading={categories.loading && !categories.data} error={categories.error} onRetry={categories.reload}>
        <View className='ticket'>
          <Text className='ticket__label'>诉求类型</Text>
          <View>
            {TICKET_TYPES.map((t) => (
              <Text key={t} className={`ticket__chip ${type === t ? 'ticket__chip--active' : ''}`} data-testid={`ticket-type-${t}`} onClick={() => setType(t)}>
                {t}
              </Text>
            ))}
          </View>
          <Text className='ticket__label'>分类</Text>
          <View>
            {(categories.data?.items ?? []).map((c) => (
              <Text key={c.id} className={`ticket__chip ${categoryId === c.id ? 'ticket__chip--active' : ''}`} data-testid='ticket-category' onClick={() => setCategoryId(c.id)}>
                {c.name}
              </Text>
            ))}
          </View>
          <Text className='ticket__label'>诉求内容</Text>
          <Textarea className='ticket__textarea' data-testid='ticket-description' value={description} maxlength={2000} placeholder='请描述您要反映的问题' onInput={(e) => setDescription(e.detail.value)} />
          <Text className='ticket__label'>照片（选填，最多 3 张）</Text>
          <PhotoPicker value={photos} onChange={setPhotos} />
          {fieldErrors.photos && <Text className='ticket__error' data-testid='ticket-photos-error'>{fieldErrors.photos}</Text>}
          <Text className='ticket__label'>所在区县</Text>
          <View data-testid='ticket-regions'>
            {[{ code: CITY_REGION_CODE, name: '忻州市（不确定区县）' }, ...(counties.data ?? [])].map((r) => (
              <Text key={r.code} className={`ticket__chip ${regionCode === r.code ? 'ticket__chip--active' : ''}`} data-testid={`ticket-region-${r.code}`} onClick={() => setRegionCode(r.code)}>
                {r.name}
              </Text>
            ))}
          </View>
          {fieldErrors.regionCode && <Text className='ticket__error'>{fieldErrors.regionCode}</Text>}
          <Text className='ticket__label'>是否涉企</Text>
          <View>
            <Text className={`ticket__chip ${!enterprise ? 'ticket__chip--active' : ''}`} data-testid='ticket-enterprise-no' onClick={() => setEnterprise(false)}>
              个人诉求
            </Text>
            <Text className={`ticket__chip ${enterprise ? 'ticket__chip--active' : ''}`} data-testid='ticket-enterprise-yes' onClick={() => setEnterprise(true)}>
              涉企诉求（企业经营相关）
            </Text>
          </View>
          <Text className='ticket__label'>详细地址（选填）</Text>
          <Input className='ticket__input' data-testid='ticket-address' value={address} maxlength={200} placeholder='如：忻府区七一北路 1 号' onInput={(e) => setAddress(e.detail.value)} />
          {fieldErrors.address && <Text className='ticket__error'>{fieldErrors.address}</Text>}
          <Text className='ticket__label'>联系人（选填）</Text>
          <Input className='ticket__input' data-testid='ticket-contact-name' value={contactName} maxlength={30} placeholder='您的称呼' onInput={(e) => setContactName(e.detail.value)} />
          <Text className='ticket__label'>联系电话</Text>
          <Input className='ticket__input' data-testid='ticket-mobile' type='number' value={mobile} maxlength={11} placeholder='11 位手机号码' onInput={(e) => setMobile(e.detail.value)} />
          {fieldErrors.contactMobile && <Text className='ticket__error' data-testid='ticket-mobile-error'>{fieldErrors.contactMobile}</Text>}
        </View>
        <Suggestions items={suggestions} onResolved={(e) => void resolve(e)} />
        {error && (
          <Text className='ticket__error' data-testid='ticket-error'>
            {error}
          </Text>
        )}
        <View className='ticket__button' data-testid='ticket-submit' onClick={() => !busy && void submit()}>
          {busy ? '提交中…' : '提交诉求'}
        </View>
      </StateView>
    </View>
  )
}
