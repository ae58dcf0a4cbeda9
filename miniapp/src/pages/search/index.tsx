import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { SearchBar } from '@nutui/nutui-react-taro'
import { AUDIENCES, THEMES, type Audience, type Theme } from '@xz/shared'
import { ServiceCard } from '@/components/ServiceCard'
import { StateView } from '@/components/StateView'
import { useDepartments, useServiceSearch, type SearchFilters } from '@/hooks/useCatalogue'
import { useElderMode } from '@/stores/elder'
import './index.scss'

export const SEARCH_SUGGESTIONS = ['营业执照', '社保', '不动产登记', '公积金', '户口', '纳税']

function isTheme(value: string | undefined): value is Theme {
  return (THEMES as readonly string[]).includes(value ?? '')
}

export default function SearchPage() {
  const { elderClass } = useElderMode()
  const { params } = useRouter()
  const [q, setQ] = useState(params.q ? decodeURIComponent(params.q) : '')
  const initialTheme = params.theme ? decodeURIComponent(params.theme) : undefined
  const [filters, setFilters] = useState<SearchFilters>({
    theme: isTheme(initialTheme) ? initialTheme : undefined,
    offHours: params.offHours === '1' || params.offHours === 'true' ? true : undefined,
    offHoursKind: params.offHoursKind === 'weekend' || params.offHoursKind === 'extended' ? params.offHoursKind : undefined
  })
  const results = useServiceSearch(q, filters)
  const departments = useDepartments()
  const set = (patch: Partial<SearchFilters>) => setFilters((f) => ({ ...f, ...patch }))
  const items = results.data?.items ?? []

  return (
    <View className={`search ${elderClass}`}>
      <View className='search__bar' data-testid='search-input'>
        <SearchBar value={q} placeholder='搜索事项名称、拼音首字母，如 yyzz' onChange={(value: string) => setQ(value ?? '')} onClear={() => setQ('')} />
      </View>

      <View className='search__filters'>
        <View className='chips'>
          {[undefined, ...AUDIENCES].map((a: Audience | undefined) => (
            <Text
              key={a ?? 'all'}
              className={`chip ${filters.audience === a ? 'chip--active' : ''}`}
              data-testid={`filter-audience-${a ?? 'all'}`}
              onClick={() => set({ audience: a })}
            >
              {a ?? '全部'}
            </Text>
          ))}
          <Text
            className={`chip ${filters.offHours && !filters.offHoursKind ? 'chip--active' : ''}`}
            data-testid='filter-offhours'
            onClick={() => set({ offHours: filters.offHours && !filters.offHoursKind ? undefined : true, offHoursKind: undefined })}
          >
            非工作时间可约
          </Text>
          {(['weekend', 'extended'] as const).map((kind) => (
            <Text
              key={kind}
              className={`chip ${filters.offHoursKind === kind ? 'chip--active' : ''}`}
              data-testid={`filter-offhours-${kind}`}
              onClick={() => set({ offHours: undefined, offHoursKind: filters.offHoursKind === kind ? undefined : kind })}
            >
              {kind === 'weekend' ? '周末/节假日可约' : '午间/延时可约'}
            </Text>
          ))}
        </View>
        <ScrollView scrollX className='search__scroll'>
          <View className='search__row'>
            <Text className={`chip ${!filters.theme ? 'chip--active' : ''}`} onClick={() => set({ theme: undefined })}>
              全部主题
            </Text>
            {THEMES.map((t) => (
              <Text key={t} className={`chip ${filters.theme === t ? 'chip--active' : ''}`} data-testid='filter-theme' onClick={() => set({ theme: t })}>
                {t}
              </Text>
            ))}
          </View>
        </ScrollView>
        {(departments.data ?? []).length > 0 && (
          <ScrollView scrollX className='search__scroll'>
            <View className='search__row'>
              <Text className={`chip ${!filters.departmentId ? 'chip--active' : ''}`} onClick={() => set({ departmentId: undefined })}>
                全部部门
              </Text>
              {(departments.data ?? []).map((d) => (
                <Text
                  key={d.id}
                  className={`chip ${filters.departmentId === d.id ? 'chip--active' : ''}`}
                  onClick={() => set({ departmentId: d.id })}
                >
                  {d.shortName ?? d.name}
                </Text>
              ))}
            </View>
          </ScrollView>
        )}
      </View>

      <View className='search__results'>
        {results.data && !results.loading && !results.error && items.length > 0 && (
          <Text className='muted search__count'>共 {results.data.total} 个事项</Text>
        )}
        <StateView
          loading={results.loading && !results.data}
          error={results.error}
          onRetry={results.reload}
          empty={items.length === 0}
          emptyText='没有找到相关事项'
          emptyExtra={
            <View className='search__suggest' data-testid='search-suggestions'>
              <Text className='muted'>试试这些：</Text>
              <View className='chips'>
                {SEARCH_SUGGESTIONS.map((s) => (
                  <Text
                    key={s}
                    className='chip'
                    onClick={() => {
                      setQ(s)
                      setFilters({})
                    }}
                  >
                    {s}
                  </Text>
                ))}
              </View>
            </View>
          }
        >
          {items.map((s) => (
            <ServiceCard key={s.id} service={s} />
          ))}
        </StateView>
      </View>
    </View>
  )
}
