import { ConditionTreeSchema, EnterpriseProfileInputSchema } from './schemas/policies'
import { fullYearsBetween, leafConditions, matchPolicy, matchStatus, type Condition, type ConditionNode, type MatchProfile } from './policy-match'
import { industryWithin, searchIndustries } from './industries'

const ON = '2026-06-15'
const FULL: MatchProfile = {
  industry: 'C13',
  registeredRegion: '140902',
  scale: '小',
  employees: 45,
  revenueBand: '500万-2000万',
  establishedOn: '2021-06-15',
  qualifications: ['高新技术企业', '专精特新中小企业'],
  tags: ['农产品加工'],
}

const one = (c: Condition, profile: MatchProfile = FULL, on = ON) => matchPolicy({ conditions: { allOf: [c] } }, profile, on)
const status = (c: Condition, profile?: MatchProfile) => one(c, profile).status

describe('policy matcher', () => {
  it.each<[Condition, 'eligible' | 'ineligible']>([
    [{ field: 'employees', op: 'eq', value: 45 }, 'eligible'],
    [{ field: 'employees', op: 'eq', value: 46 }, 'ineligible'],
    [{ field: 'employees', op: 'ne', value: 46 }, 'eligible'],
    [{ field: 'employees', op: 'gt', value: 45 }, 'ineligible'],
    [{ field: 'employees', op: 'gte', value: 45 }, 'eligible'],
    [{ field: 'employees', op: 'lt', value: 45 }, 'ineligible'],
    [{ field: 'employees', op: 'lte', value: 45 }, 'eligible'],
    [{ field: 'employees', op: 'between', value: [10, 45] }, 'eligible'],
    [{ field: 'employees', op: 'between', value: [46, 300] }, 'ineligible'],
    [{ field: 'industry', op: 'in', value: ['C13', 'C14'] }, 'eligible'],
    [{ field: 'industry', op: 'in', value: ['C'] }, 'eligible'],
    [{ field: 'industry', op: 'in', value: ['C14', 'I'] }, 'ineligible'],
    [{ field: 'industry', op: 'notIn', value: ['B', 'C13'] }, 'ineligible'],
    [{ field: 'industry', op: 'notIn', value: ['B'] }, 'eligible'],
    [{ field: 'registeredRegion', op: 'startsWith', value: '1409' }, 'eligible'],
    [{ field: 'registeredRegion', op: 'startsWith', value: '1401' }, 'ineligible'],
    [{ field: 'registeredRegion', op: 'eq', value: '140902' }, 'eligible'],
    [{ field: 'registeredRegion', op: 'in', value: ['140921', '140902'] }, 'eligible'],
    [{ field: 'registeredRegion', op: 'notIn', value: ['1409'] }, 'ineligible'],
    [{ field: 'scale', op: 'in', value: ['小', '微'] }, 'eligible'],
    [{ field: 'scale', op: 'notIn', value: ['小', '微'] }, 'ineligible'],
    [{ field: 'scale', op: 'eq', value: '中' }, 'ineligible'],
    [{ field: 'scale', op: 'ne', value: '中' }, 'eligible'],
    [{ field: 'scale', op: 'lte', value: '中' }, 'eligible'],
    [{ field: 'scale', op: 'gte', value: '中' }, 'ineligible'],
    [{ field: 'revenueBand', op: 'gte', value: '100万-500万' }, 'eligible'],
    [{ field: 'revenueBand', op: 'lte', value: '100万-500万' }, 'ineligible'],
    [{ field: 'qualifications', op: 'contains', value: '高新技术企业' }, 'eligible'],
    [{ field: 'qualifications', op: 'contains', value: '科技型中小企业' }, 'ineligible'],
    [{ field: 'qualifications', op: 'notContains', value: '高新技术企业' }, 'ineligible'],
    [{ field: 'qualifications', op: 'containsAny', value: ['科技型中小企业', '专精特新中小企业'] }, 'eligible'],
    [{ field: 'qualifications', op: 'containsAll', value: ['科技型中小企业', '专精特新中小企业'] }, 'ineligible'],
    [{ field: 'tags', op: 'contains', value: '农产品加工' }, 'eligible'],
    [{ field: 'establishedOn', op: 'lt', value: '2021-06-15' }, 'ineligible'],
    [{ field: 'establishedOn', op: 'lte', value: '2021-06-15' }, 'eligible'],
    [{ field: 'establishedOn', op: 'between', value: ['2020-01-01', '2021-12-31'] }, 'eligible'],
  ])('%j → %s', (c, expected) => {
    expect(status(c)).toBe(expected)
    expect(matchStatus({ conditions: { allOf: [c] } }, FULL, ON)).toBe(expected)
  })

  it('when a field is missing, then the policy is possibly eligible and the field is named', () => {
    const r = one({ field: 'employees', op: 'lte', value: 300 }, { ...FULL, employees: undefined })
    expect(r.status).toBe('possible')
    expect(r.missingFields).toEqual(['employees'])
    expect(r.lines.find((l) => l.kind === 'condition')).toMatchObject({ outcome: 'unknown', label: '从业人数不超过 300人' })
  })

  it('when a field is missing but another condition fails, then the policy is not eligible and the failing condition is named', () => {
    const r = matchPolicy(
      { conditions: { allOf: [{ field: 'employees', op: 'lte', value: 300 }, { field: 'qualifications', op: 'contains', value: '科技型中小企业' }] } },
      { ...FULL, employees: null },
      ON,
    )
    expect(r.status).toBe('ineligible')
    expect(r.failing).toEqual(['资质包含「科技型中小企业」'])
    expect(r.missingFields).toEqual(['employees'])
  })

  it('when groups nest, then all-of needs every child and any-of one', () => {
    const tree: ConditionNode = {
      allOf: [
        { field: 'registeredRegion', op: 'startsWith', value: '1409' },
        {
          anyOf: [
            { field: 'qualifications', op: 'contains', value: '科技型中小企业' },
            { allOf: [{ field: 'scale', op: 'in', value: ['小', '微'] }, { field: 'employees', op: 'lt', value: 50 }] },
          ],
        },
      ],
    }
    expect(matchPolicy({ conditions: tree }, FULL, ON).status).toBe('eligible')
    expect(matchPolicy({ conditions: tree }, { ...FULL, employees: 80 }, ON).status).toBe('ineligible')
    for (const p of [FULL, { ...FULL, employees: 80 }, { ...FULL, employees: undefined }, { ...FULL, scale: undefined, qualifications: ['科技型中小企业'] }, {}]) {
      expect(matchStatus({ conditions: tree }, p, ON)).toBe(matchPolicy({ conditions: tree }, p, ON).status)
    }
    // the any-of is undecided when its only passing branch lacks data and the other fails
    const r = matchPolicy({ conditions: tree }, { ...FULL, employees: undefined }, ON)
    expect(r.status).toBe('possible')
    expect(r.missingFields).toEqual(['employees'])
    // any-of passes on one branch even when the other lacks data
    expect(matchPolicy({ conditions: tree }, { ...FULL, scale: undefined, qualifications: ['科技型中小企业'] }, ON).status).toBe('eligible')
    expect(r.lines.map((l) => [l.depth, l.kind, l.outcome])).toEqual([
      [0, 'validity', 'pass'],
      [0, 'condition', 'pass'],
      [0, 'group', 'unknown'],
      [1, 'condition', 'fail'],
      [1, 'group', 'unknown'],
      [2, 'condition', 'pass'],
      [2, 'condition', 'unknown'],
    ])
    expect(leafConditions(tree).map((l) => l.path)).toEqual(['0', '1.0', '1.1.0', '1.1.1'])
  })

  it('when establishment years are tested, then they are whole years on the given day (the anniversary counts)', () => {
    expect(fullYearsBetween('2021-06-15', '2026-06-14')).toBe(4)
    expect(fullYearsBetween('2021-06-15', '2026-06-15')).toBe(5)
    expect(fullYearsBetween('2024-02-29', '2025-02-28')).toBe(0)
    const c: Condition = { field: 'establishedYears', op: 'gte', value: 5 }
    expect(one(c, FULL, '2026-06-14').status).toBe('ineligible')
    expect(one(c, FULL, '2026-06-15').status).toBe('eligible')
    expect(one(c, { ...FULL, establishedOn: undefined }).missingFields).toEqual(['establishedYears'])
    expect(one({ field: 'establishedYears', op: 'lt', value: 3 }, FULL, '2026-06-15').lines[1].actual).toBe('5年')
  })

  it('when the day is outside the validity, then the policy is not eligible with the validity line failing', () => {
    const p = { conditions: { allOf: [] as ConditionNode[] }, validFrom: '2026-01-01', validTo: '2026-12-31' }
    expect(matchPolicy(p, FULL, '2026-12-31').status).toBe('eligible')
    expect(matchPolicy(p, FULL, '2027-01-01')).toMatchObject({ status: 'ineligible', failing: ['在政策有效期内（2026-01-01 至 2026-12-31）'] })
    expect(matchPolicy(p, FULL, '2025-12-31').status).toBe('ineligible')
    expect([matchStatus(p, FULL, '2026-12-31'), matchStatus(p, FULL, '2027-01-01')]).toEqual(['eligible', 'ineligible'])
    expect(matchPolicy({ ...p, validTo: null }, FULL, '2040-01-01').status).toBe('eligible')
  })

  it('when the root is a single condition or an any-of, then it is evaluated as such', () => {
    expect(matchPolicy({ conditions: { field: 'employees', op: 'gt', value: 10 } }, FULL, ON).status).toBe('eligible')
    expect(matchPolicy({ conditions: { anyOf: [{ field: 'employees', op: 'gt', value: 100 }, { field: 'scale', op: 'eq', value: '小' }] } }, FULL, ON).status).toBe('eligible')
  })
})

describe('condition validation', () => {
  const problems = (tree: unknown) => {
    const r = ConditionTreeSchema.safeParse(tree)
    return r.success ? [] : r.error.issues.map((i) => i.message)
  }

  it('when conditions are well-formed, then they parse', () => {
    expect(problems({ allOf: [{ field: 'industry', op: 'in', value: ['C13', 'C14'] }, { anyOf: [{ field: 'employees', op: 'lte', value: 300 }] }] })).toEqual([])
  })

  it.each<[unknown, string]>([
    [{ field: 'profit', op: 'gt', value: 1 }, '未知的条件字段「profit」'],
    [{ field: 'employees', op: 'contains', value: 1 }, '「从业人数」不支持运算「contains」'],
    [{ field: 'employees', op: 'lte', value: '300' }, '「从业人数」不超过的取值应为非负数字'],
    [{ field: 'employees', op: 'between', value: [300, 10] }, '两个由小到大的数字'],
    [{ field: 'industry', op: 'in', value: ['C99'] }, '国民经济行业分类代码'],
    [{ field: 'industry', op: 'in', value: 'C13' }, '国民经济行业分类代码'],
    [{ field: 'scale', op: 'eq', value: '特大' }, '以下取值之一'],
    [{ field: 'establishedOn', op: 'gte', value: '2026-02-30' }, '日期'],
    [{ field: 'qualifications', op: 'contains', value: ['高新技术企业'] }, '文字'],
    [{ field: 'registeredRegion', op: 'startsWith', value: 1409 }, '行政区划代码'],
  ])('when a condition is %j, then it is rejected (%s)', (leaf, message) => {
    const found = problems({ allOf: [leaf] })
    expect(found.join('\n')).toContain(message)
  })

  it('when a tree nests too deep or has too many leaves, then it is rejected', () => {
    const leaf = { field: 'employees', op: 'gte', value: 1 }
    expect(problems({ allOf: [{ anyOf: [{ allOf: [{ anyOf: [{ allOf: [leaf] }] }] }] }] }).join()).toContain('嵌套')
    expect(problems({ allOf: Array.from({ length: 31 }, () => leaf) }).join()).toContain('不能超过 30 条')
    expect(problems({ allOf: [] }).join()).toContain('条件组不能为空')
  })

  it('when a profile names an unknown industry or scale, then it is rejected; a division code is normalised', () => {
    expect(EnterpriseProfileInputSchema.safeParse({ name: '忻州测试', creditCode: '91140900MA0K12345X', industry: 'C99' }).success).toBe(false)
    expect(EnterpriseProfileInputSchema.safeParse({ name: '忻州测试', creditCode: '91140900MA0K12345X', scale: '特大' }).success).toBe(false)
  })
})

describe('industry table', () => {
  it('when searched by name or code, then divisions are found; sections contain their divisions', () => {
    expect(searchIndustries('食品').map((d) => d.code)).toEqual(expect.arrayContaining(['C14']))
    expect(searchIndustries('c13')[0].code).toBe('C13')
    expect(industryWithin('C13', 'C')).toBe(true)
    expect(industryWithin('C13', 'C1')).toBe(false)
    expect(industryWithin('I65', 'I65')).toBe(true)
  })
})
