import type { Material } from '@xz/shared'
import {
  bundleTimes,
  escapeRegex,
  materialKey,
  mergeMaterials,
  parseQuery,
  pinyinOf,
  rankItems,
  regionAncestors,
  regionPrefix,
  searchFieldsOf,
  searchFilter,
  searchRank,
  type BundleItem,
} from './catalogue.rules'

const material = (name: string, o: Partial<Material> = {}): Material => ({
  name,
  form: '原件',
  copies: 1,
  medium: '纸质或电子',
  required: true,
  exempt: false,
  promise: false,
  eLicense: false,
  ...o,
})

describe('pinyin search fields', () => {
  it('when a name is converted, then full pinyin and initials are lower-case letters', () => {
    expect(pinyinOf('营业执照')).toEqual({ full: 'yingyezhizhao', initials: 'yyzz' })
    expect(pinyinOf('绿色 ABC-1 通道')).toEqual({ full: 'lvseabc1tongdao', initials: 'lsabc1td' })
  })

  it('when an item is indexed, then the name is the first pinyin segment and keywords follow', () => {
    const f = searchFieldsOf({
      name: '公司设立登记',
      code: '140900-XK-00001',
      themes: ['企业开办'],
      implementer: '忻州市行政审批服务管理局',
      departmentNames: ['忻州市行政审批服务管理局', '市行政审批局'],
      keywords: ['营业执照', '开公司'],
      faq: [{ q: '多久能拿到执照？', a: '1个工作日' }],
    })
    expect(f.pinyin).toBe('gongsishelidengji|yingyezhizhao|kaigongsi')
    expect(f.initials).toBe('gssldj|yyzz|kgs')
    expect(f.searchText).toContain('140900-xk-00001')
    expect(f.searchText).toContain('市行政审批局')
    expect(f.searchText).toContain('多久能拿到执照')
  })
})

describe('queries', () => {
  it('when the query is latin letters, with or without spaces, then it is one pinyin term', () => {
    expect(parseQuery(' YYZZ ')).toEqual({ text: 'yyzz', terms: [{ text: 'yyzz', pinyin: 'yyzz' }], pinyin: 'yyzz' })
    expect(parseQuery('ying ye zhi zhao')?.pinyin).toBe('yingyezhizhao')
  })

  it('when the query is Chinese with spaces, then every term must match', () => {
    const q = parseQuery('营业  执照')!
    expect(q.terms).toEqual([{ text: '营业' }, { text: '执照' }])
    expect(searchFilter(q)).toEqual({ $and: [{ $or: [{ searchText: { $regex: '营业' } }] }, { $or: [{ searchText: { $regex: '执照' } }] }] })
  })

  it('when the query is blank, then there is no query', () => {
    expect(parseQuery('   ')).toBeUndefined()
  })

  it('when the query holds regex syntax, then it is escaped', () => {
    expect(escapeRegex('a.b*(c)|[d]^$\\')).toBe('a\\.b\\*\\(c\\)\\|\\[d\\]\\^\\$\\\\')
    expect(searchFilter(parseQuery('.*')!)).toEqual({ $or: [{ searchText: { $regex: '\\.\\*' } }] })
  })
})

describe('ranking', () => {
  const item = (name: string, code: string, fields = searchFieldsOf({ name, code, themes: [], departmentNames: [], keywords: [], faq: [] })) => ({
    name,
    code,
    ...fields,
  })

  it('when items match "营业执照", then exact name, name prefix, name contains, other fields', () => {
    const q = parseQuery('营业执照')!
    const items = [
      item('公司设立登记', 'C4'),
      item('个体工商户营业执照变更', 'C3'),
      item('营业执照遗失补领', 'C2'),
      item('营业执照', 'C1'),
    ]
    expect(items.map((i) => searchRank(i, q))).toEqual([3, 2, 1, 0])
    expect(rankItems(items, q).map((i) => i.code)).toEqual(['C1', 'C2', 'C3', 'C4'])
  })

  it('when the query is initials or full pinyin, then the name pinyin ranks the same way', () => {
    const items = [item('个体工商户营业执照变更', 'C3'), item('营业执照遗失补领', 'C2'), item('营业执照', 'C1')]
    expect(rankItems(items, parseQuery('yyzz')!).map((i) => i.code)).toEqual(['C1', 'C2', 'C3'])
    expect(rankItems(items, parseQuery('yingyezhizhao')!).map((i) => i.code)).toEqual(['C1', 'C2', 'C3'])
  })

  it('when ranks tie, then shorter names come first, then codes', () => {
    const q = parseQuery('登记')!
    expect(rankItems([item('出生登记', 'B'), item('结婚登记', 'A'), item('不动产首次登记', 'C')], q).map((i) => i.code)).toEqual(['A', 'B', 'C'])
  })
})

describe('regions', () => {
  it('when a code is given, then its ancestors and prefix follow the five levels', () => {
    expect(regionAncestors('140900')).toEqual(['140900'])
    expect(regionAncestors('140902')).toEqual(['140900', '140902'])
    expect(regionAncestors('140902001003')).toEqual(['140900', '140902', '140902001', '140902001003'])
    expect(regionPrefix('140900')).toBe('1409')
    expect(regionPrefix('140902')).toBe('140902')
  })
})

describe('mergeMaterials (一件事一次办)', () => {
  const id1: BundleItem = {
    id: 's1',
    name: '公司设立登记',
    promisedLimitDays: 1,
    visits: 0,
    materials: [material('经办人居民身份证', { eLicense: true }), material('公司章程'), material('授权委托书', { required: false })],
  }
  const id2: BundleItem = {
    id: 's2',
    name: '公章刻制备案',
    promisedLimitDays: 1,
    visits: 1,
    materials: [material('经办人居民身份证', { form: '复印件', copies: 2, eLicense: false }), material('授权委托书', { required: true })],
  }

  it('when two items require the same material, then it appears once and names both items', () => {
    const merged = mergeMaterials([id1, id2])
    expect(merged.map((m) => m.name)).toEqual(['经办人居民身份证', '公司章程', '授权委托书'])
    expect(merged[0]).toMatchObject({ serviceIds: ['s1', 's2'], serviceNames: ['公司设立登记', '公章刻制备案'] })
    expect(merged[1]).toMatchObject({ serviceIds: ['s1'] })
  })

  it('when the requirements differ, then the stricter one wins', () => {
    const [idCard, , proxy] = mergeMaterials([id1, id2])
    expect(idCard).toMatchObject({ form: '原件及复印件', copies: 2, eLicense: false })
    expect(proxy.required).toBe(true)
  })

  it('when names differ only by spaces or bracket width, then they are the same material', () => {
    const a: BundleItem = { ...id1, materials: [material('申请表（原件）')] }
    const b: BundleItem = { ...id2, materials: [material('申请表 (原件)')] }
    expect(mergeMaterials([a, b])).toHaveLength(1)
  })

  it('when names differ only by a copy qualifier (正本, 原件, bracketed or not), then they are one material under the more specific name', () => {
    const a: BundleItem = { ...id1, materials: [material('营业执照'), material('申请表（原件）')] }
    const b: BundleItem = { ...id2, materials: [material('营业执照正本'), material('申请表')] }
    const merged = mergeMaterials([a, b])
    expect(merged.map((m) => m.name)).toEqual(['营业执照正本', '申请表（原件）'])
    expect(merged[0].serviceIds).toEqual(['s1', 's2'])
    // a different document stays apart
    const c: BundleItem = { ...id2, materials: [material('营业执照副本')] }
    expect(mergeMaterials([a, c]).map((m) => m.name)).toEqual(['营业执照', '申请表（原件）', '营业执照副本'])
    expect(materialKey('原件')).toBe('原件')
  })

  it('when an item lists a material twice, then the item is named once', () => {
    const a: BundleItem = { ...id1, materials: [material('公司章程'), material('公司章程')] }
    expect(mergeMaterials([a])[0].serviceIds).toEqual(['s1'])
  })

  it('when a bundle has no promise of its own, then its items add up', () => {
    expect(bundleTimes([id1, id2])).toEqual({ promisedLimitDays: 2, separateLimitDays: 2, separateVisits: 1, visits: 1 })
    expect(bundleTimes([id1, id2], 1).promisedLimitDays).toBe(1)
  })
})
