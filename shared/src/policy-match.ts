/**
 * Policy conditions as data, and the matcher that explains them (SPEC §2.9). Pure: used by the server (recommendations,
 * 免申即享 grants, notifications, counts) and by the mini-program (the "你符合 / 还差 / 需补充" lines).
 *
 * A condition is `{ field, op, value }` over the enterprise profile; groups are `{ allOf: [...] }` / `{ anyOf: [...] }`,
 * nested freely. Each condition holds (pass), fails, or cannot be decided because the profile lacks the field (unknown).
 * all-of: fail if any fails, else unknown if any is unknown, else pass; any-of: pass if any passes, else unknown if any
 * is unknown, else fail. The policy is eligible when the root passes, possibly eligible when it is unknown.
 */
import { industryName, industryWithin, isIndustryCode } from './industries'
import { isValidDate } from './time'

export const ENTERPRISE_SCALES = ['微', '小', '中', '大'] as const
export type EnterpriseScale = (typeof ENTERPRISE_SCALES)[number]

/** Annual revenue (营业收入) bands, smallest first. */
export const REVENUE_BANDS = ['100万以下', '100万-500万', '500万-2000万', '2000万-1亿', '1亿-4亿', '4亿以上'] as const
export type RevenueBand = (typeof REVENUE_BANDS)[number]

/** The profile fields a condition may test (the values a matcher reads; absent = unknown). */
export interface MatchProfile {
  industry?: string | null
  registeredRegion?: string | null
  scale?: EnterpriseScale | null
  employees?: number | null
  revenueBand?: RevenueBand | null
  /** 'YYYY-MM-DD'; `establishedYears` is derived from it on the day of the match. */
  establishedOn?: string | null
  qualifications?: string[] | null
  tags?: string[] | null
}

type FieldType = 'industry' | 'region' | 'enum' | 'number' | 'date' | 'list'

interface FieldDef {
  label: string
  type: FieldType
  unit?: string
  /** For enums: the values, in order (ordered enums also take gte/lte). */
  values?: readonly string[]
  ordered?: boolean
}

export const POLICY_FIELDS = {
  industry: { label: '所属行业', type: 'industry' },
  registeredRegion: { label: '注册地', type: 'region' },
  scale: { label: '企业规模', type: 'enum', values: ENTERPRISE_SCALES, ordered: true },
  employees: { label: '从业人数', type: 'number', unit: '人' },
  revenueBand: { label: '年营业收入', type: 'enum', values: REVENUE_BANDS, ordered: true },
  establishedYears: { label: '成立年限', type: 'number', unit: '年' },
  establishedOn: { label: '成立日期', type: 'date' },
  qualifications: { label: '资质', type: 'list' },
  tags: { label: '企业标签', type: 'list' },
} as const satisfies Record<string, FieldDef>

export type PolicyField = keyof typeof POLICY_FIELDS
export const POLICY_FIELD_NAMES = Object.keys(POLICY_FIELDS) as PolicyField[]

export const CONDITION_OPS = ['eq', 'ne', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'between', 'startsWith', 'contains', 'notContains', 'containsAny', 'containsAll'] as const
export type ConditionOp = (typeof CONDITION_OPS)[number]

export const CONDITION_OP_LABELS: Record<ConditionOp, string> = {
  eq: '等于',
  ne: '不等于',
  in: '属于',
  notIn: '不属于',
  gt: '大于',
  gte: '不少于',
  lt: '小于',
  lte: '不超过',
  between: '介于',
  startsWith: '位于',
  contains: '包含',
  notContains: '不包含',
  containsAny: '包含其一',
  containsAll: '全部包含',
}

/** Which operators each field type takes, and the value each needs. */
const OPS_BY_TYPE: Record<FieldType, readonly ConditionOp[]> = {
  industry: ['in', 'notIn'],
  region: ['eq', 'startsWith', 'in', 'notIn'],
  enum: ['eq', 'ne', 'in', 'notIn'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between'],
  date: ['gt', 'gte', 'lt', 'lte', 'between'],
  list: ['contains', 'notContains', 'containsAny', 'containsAll'],
}

export function opsOfField(field: PolicyField): readonly ConditionOp[] {
  const def: FieldDef = POLICY_FIELDS[field]
  return def.type === 'enum' && def.ordered ? [...OPS_BY_TYPE.enum, 'gte', 'lte'] : OPS_BY_TYPE[def.type]
}

export type ConditionValue = string | number | string[] | [number, number] | [string, string]

export interface Condition {
  field: PolicyField
  op: ConditionOp
  value: ConditionValue
}
export type ConditionNode = Condition | { allOf: ConditionNode[] } | { anyOf: ConditionNode[] }

export function isGroup(node: ConditionNode): node is { allOf: ConditionNode[] } | { anyOf: ConditionNode[] } {
  return 'allOf' in node || 'anyOf' in node
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.trim() !== '')
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/**
 * Why a condition is malformed (unknown field, operator not for the field, value of the wrong type), or null when
 * it is well-formed. Used by the shared request schema, so the API and the editor reject the same things.
 */
export function conditionProblem(c: { field: unknown; op: unknown; value: unknown }): string | null {
  if (typeof c.field !== 'string' || !(c.field in POLICY_FIELDS)) return `未知的条件字段「${String(c.field)}」`
  const field = c.field as PolicyField
  const def: FieldDef = POLICY_FIELDS[field]
  if (typeof c.op !== 'string' || !opsOfField(field).includes(c.op as ConditionOp)) {
    return `「${def.label}」不支持运算「${String(c.op)}」，可用：${opsOfField(field).join('、')}`
  }
  const op = c.op as ConditionOp
  const v = c.value
  const wrong = (what: string) => `「${def.label}」${CONDITION_OP_LABELS[op]}的取值应为${what}`
  switch (def.type) {
    case 'number':
      if (op === 'between') return Array.isArray(v) && v.length === 2 && v.every(isFiniteNumber) && v[0] <= v[1] ? null : wrong('两个由小到大的数字')
      return isFiniteNumber(v) && v >= 0 ? null : wrong('非负数字')
    case 'date':
      if (op === 'between') return Array.isArray(v) && v.length === 2 && v.every((d) => typeof d === 'string' && isValidDate(d)) && v[0] <= v[1] ? null : wrong('两个由早到晚的日期')
      return typeof v === 'string' && isValidDate(v) ? null : wrong('日期（YYYY-MM-DD）')
    case 'industry':
      return isStringList(v) && v.every(isIndustryCode) ? null : wrong('国民经济行业分类代码列表（如 C13、C）')
    case 'region':
      if (op === 'in' || op === 'notIn') return isStringList(v) && v.every((x) => /^\d{2,12}$/.test(x)) ? null : wrong('行政区划代码列表')
      return typeof v === 'string' && /^\d{2,12}$/.test(v) ? null : wrong('行政区划代码')
    case 'enum': {
      const values = def.values ?? []
      if (op === 'in' || op === 'notIn') return isStringList(v) && v.every((x) => values.includes(x)) ? null : wrong(`以下取值的列表：${values.join('、')}`)
      return typeof v === 'string' && values.includes(v) ? null : wrong(`以下取值之一：${values.join('、')}`)
    }
    case 'list':
      if (op === 'containsAny' || op === 'containsAll') return isStringList(v) ? null : wrong('文字列表')
      return typeof v === 'string' && v.trim() !== '' ? null : wrong('文字')
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

export type Outcome = 'pass' | 'fail' | 'unknown'
export type MatchStatus = 'eligible' | 'possible' | 'ineligible'

export const MATCH_STATUS_LABELS: Record<MatchStatus, string> = { eligible: '符合条件', possible: '可能符合', ineligible: '暂不符合' }

/** One line of the explanation, in tree order; `depth` 0 = top level. */
export interface MatchLine {
  depth: number
  kind: 'condition' | 'group' | 'validity'
  label: string
  outcome: Outcome
  field?: PolicyField
  /** The enterprise's value, as text, when known. */
  actual?: string
}

export interface MatchResult {
  status: MatchStatus
  lines: MatchLine[]
  /** Fields whose absence leaves conditions undecided (需补充), in first-seen order. */
  missingFields: PolicyField[]
  /** Labels of the conditions that fail (还差). */
  failing: string[]
}

/** Whole years from `from` to `on` (both 'YYYY-MM-DD'): the anniversary day counts. */
export function fullYearsBetween(from: string, on: string): number {
  const [y1, m1, d1] = from.split('-').map(Number)
  const [y2, m2, d2] = on.split('-').map(Number)
  let years = y2 - y1
  if (m2 < m1 || (m2 === m1 && d2 < d1)) years--
  return Math.max(0, years)
}

function valueOf(profile: MatchProfile, field: PolicyField, on: string): unknown {
  if (field === 'establishedYears') return profile.establishedOn ? fullYearsBetween(profile.establishedOn, on) : undefined
  const v = profile[field]
  return v === null ? undefined : v
}

const fmtIndustry = (code: string) => (industryName(code) ? `${code} ${industryName(code)}` : code)

function fmtValue(field: PolicyField, v: unknown): string {
  const def: FieldDef = POLICY_FIELDS[field]
  const one = (x: unknown) => (def.type === 'industry' ? fmtIndustry(String(x)) : String(x))
  if (Array.isArray(v)) return v.length === 0 ? '无' : v.map(one).join('、')
  return `${one(v)}${def.unit ?? ''}`
}

/** The condition in words, e.g. "从业人数不超过 300人", "资质包含「高新技术企业」". */
export function conditionLabel(c: Condition): string {
  const def: FieldDef = POLICY_FIELDS[c.field]
  const unit = def.unit ?? ''
  const v = c.value
  switch (c.op) {
    case 'between':
      return `${def.label}介于 ${(v as (string | number)[])[0]}${unit} 至 ${(v as (string | number)[])[1]}${unit}`
    case 'contains':
    case 'notContains':
      return `${def.label}${CONDITION_OP_LABELS[c.op]}「${v as string}」`
    case 'containsAny':
    case 'containsAll':
      return `${def.label}${CONDITION_OP_LABELS[c.op]}：${(v as string[]).map((x) => `「${x}」`).join('')}`
    case 'startsWith':
      return `${def.label}位于行政区划 ${v as string} 范围内`
    default:
      return `${def.label}${CONDITION_OP_LABELS[c.op]} ${fmtValue(c.field, v)}`
  }
}

function compare(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** One condition against a known value. */
function holds(c: Condition, actual: unknown): boolean {
  const def: FieldDef = POLICY_FIELDS[c.field]
  const v = c.value
  if (def.type === 'list') {
    const have = new Set((actual as string[]).map((x) => x.trim()))
    if (c.op === 'contains') return have.has(v as string)
    if (c.op === 'notContains') return !have.has(v as string)
    if (c.op === 'containsAny') return (v as string[]).some((x) => have.has(x))
    return (v as string[]).every((x) => have.has(x))
  }
  if (def.type === 'industry') {
    const within = (v as string[]).some((scope) => industryWithin(actual as string, scope))
    return c.op === 'in' ? within : !within
  }
  if (def.type === 'region') {
    const a = actual as string
    if (c.op === 'eq') return a === v
    if (c.op === 'startsWith') return a.startsWith(v as string)
    const within = (v as string[]).some((r) => a.startsWith(r))
    return c.op === 'in' ? within : !within
  }
  // enums compare by their position; numbers and dates ('YYYY-MM-DD' sorts as text) directly
  const rank = (x: unknown) => (def.type === 'enum' ? (def.values ?? []).indexOf(x as string) : (x as number | string))
  const a = rank(actual)
  switch (c.op) {
    case 'eq':
      return actual === v
    case 'ne':
      return actual !== v
    case 'in':
      return (v as string[]).includes(actual as string)
    case 'notIn':
      return !(v as string[]).includes(actual as string)
    case 'gt':
      return compare(a, rank(v)) > 0
    case 'gte':
      return compare(a, rank(v)) >= 0
    case 'lt':
      return compare(a, rank(v)) < 0
    case 'lte':
      return compare(a, rank(v)) <= 0
    case 'between':
      return compare(a, rank((v as unknown[])[0])) >= 0 && compare(a, rank((v as unknown[])[1])) <= 0
    default:
      return false
  }
}

/** Evaluates one condition: unknown when the profile lacks the field. */
export function evaluateCondition(c: Condition, profile: MatchProfile, on: string): { outcome: Outcome; actual?: string } {
  const actual = valueOf(profile, c.field, on)
  if (actual === undefined || actual === '') return { outcome: 'unknown' }
  return { outcome: holds(c, actual) ? 'pass' : 'fail', actual: fmtValue(c.field, actual) }
}

function combine(kind: 'allOf' | 'anyOf', outcomes: Outcome[]): Outcome {
  if (kind === 'allOf') return outcomes.includes('fail') ? 'fail' : outcomes.includes('unknown') ? 'unknown' : 'pass'
  return outcomes.includes('pass') ? 'pass' : outcomes.includes('unknown') ? 'unknown' : 'fail'
}

function walk(node: ConditionNode, profile: MatchProfile, on: string, depth: number, lines: MatchLine[]): Outcome {
  if (!isGroup(node)) {
    const r = evaluateCondition(node, profile, on)
    lines.push({ depth, kind: 'condition', label: conditionLabel(node), outcome: r.outcome, field: node.field, ...(r.actual !== undefined ? { actual: r.actual } : {}) })
    return r.outcome
  }
  const kind = 'allOf' in node ? 'allOf' : 'anyOf'
  const children = 'allOf' in node ? node.allOf : node.anyOf
  const at = lines.length
  lines.push({ depth, kind: 'group', label: kind === 'allOf' ? '同时满足以下条件' : '满足以下条件之一', outcome: 'pass' })
  const outcome = combine(kind, children.map((c) => walk(c, profile, on, depth + 1, lines)))
  lines[at].outcome = outcome
  return outcome
}

export interface MatchablePolicy {
  conditions: ConditionNode
  /** 'YYYY-MM-DD', both inclusive; absent = open. */
  validFrom?: string | null
  validTo?: string | null
}

/**
 * Matches one policy against one profile on a day. The root group's own line is left out (its children are the
 * top-level lines); the validity line comes first and an expired or not-yet-valid policy is never eligible.
 */
export function matchPolicy(policy: MatchablePolicy, profile: MatchProfile, on: string): MatchResult {
  const lines: MatchLine[] = []
  const from = policy.validFrom ?? undefined
  const to = policy.validTo ?? undefined
  const valid = (!from || on >= from) && (!to || on <= to)
  lines.push({
    depth: 0,
    kind: 'validity',
    label: to ? `在政策有效期内（${from ?? '即日'} 至 ${to}）` : `在政策有效期内（${from ?? '即日'}起长期有效）`,
    outcome: valid ? 'pass' : 'fail',
    actual: on,
  })
  const root = policy.conditions
  let outcome: Outcome
  if (isGroup(root) && 'allOf' in root) {
    outcome = combine('allOf', root.allOf.map((c) => walk(c, profile, on, 0, lines)))
  } else {
    outcome = walk(root, profile, on, 0, lines)
  }
  if (!valid) outcome = 'fail'
  const missingFields: PolicyField[] = []
  for (const l of lines) if (l.kind === 'condition' && l.outcome === 'unknown' && l.field && !missingFields.includes(l.field)) missingFields.push(l.field)
  const failing = lines.filter((l) => l.kind !== 'group' && l.outcome === 'fail').map((l) => l.label)
  return { status: outcome === 'pass' ? 'eligible' : outcome === 'unknown' ? 'possible' : 'ineligible', lines, missingFields, failing }
}

/** Every leaf condition of a tree, with its path ("0", "1.0", …) for per-condition counts. */
export function leafConditions(node: ConditionNode, path = ''): { path: string; condition: Condition }[] {
  if (!isGroup(node)) return [{ path: path || '0', condition: node }]
  const children = 'allOf' in node ? node.allOf : node.anyOf
  return children.flatMap((c, i) => leafConditions(c, path ? `${path}.${i}` : String(i)))
}

/** Depth and leaf count of a tree (bounded by the request schema). */
export function conditionTreeSize(node: ConditionNode): { depth: number; leaves: number } {
  if (!isGroup(node)) return { depth: 0, leaves: 1 }
  const children = 'allOf' in node ? node.allOf : node.anyOf
  const sizes = children.map(conditionTreeSize)
  return { depth: 1 + Math.max(0, ...sizes.map((s) => s.depth)), leaves: sizes.reduce((n, s) => n + s.leaves, 0) }
}

function outcomeOf(node: ConditionNode, profile: MatchProfile, on: string): Outcome {
  if (!isGroup(node)) {
    const actual = valueOf(profile, node.field, on)
    if (actual === undefined || actual === '') return 'unknown'
    return holds(node, actual) ? 'pass' : 'fail'
  }
  const kind = 'allOf' in node ? 'allOf' : 'anyOf'
  const children = 'allOf' in node ? node.allOf : node.anyOf
  let sawUnknown = false
  for (const c of children) {
    const o = outcomeOf(c, profile, on)
    if (kind === 'allOf' && o === 'fail') return 'fail'
    if (kind === 'anyOf' && o === 'pass') return 'pass'
    if (o === 'unknown') sawUnknown = true
  }
  return sawUnknown ? 'unknown' : kind === 'allOf' ? 'pass' : 'fail'
}

/**
 * The status `matchPolicy` would give, without building the explanation (short-circuits): for runs over many
 * enterprises (publication, counts, reports). Same rules, so the two always agree.
 */
export function matchStatus(policy: MatchablePolicy, profile: MatchProfile, on: string): MatchStatus {
  const from = policy.validFrom ?? undefined
  const to = policy.validTo ?? undefined
  if ((from && on < from) || (to && on > to)) return 'ineligible'
  const o = outcomeOf(policy.conditions, profile, on)
  return o === 'pass' ? 'eligible' : o === 'unknown' ? 'possible' : 'ineligible'
}
