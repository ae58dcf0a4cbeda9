import '../zod'
import * as z from 'zod'
import { isIndustryDivision } from '../industries'
import {
  CONDITION_OPS,
  conditionProblem,
  conditionTreeSize,
  ENTERPRISE_SCALES,
  REVENUE_BANDS,
  type ConditionNode,
} from '../policy-match'
import { CreditCodeSchema, DateSchema, ObjectIdSchema, PageQuerySchema } from './common'

// ---------------------------------------------------------------------------------------------
// Enterprise profile (企业画像)
// ---------------------------------------------------------------------------------------------

const RegionCodeSchema = z.string().regex(/^\d{6}(\d{3}|\d{6})?$/, '请选择注册地（行政区划）')
const LabelListSchema = z
  .array(z.string().trim().min(1).max(30))
  .max(20, '最多 20 项')
  .transform((xs) => [...new Set(xs)])

export const EnterpriseProfileInputSchema = z.strictObject({
  name: z.string().trim().min(2, '请填写企业名称').max(100),
  creditCode: CreditCodeSchema,
  registeredRegion: RegionCodeSchema.nullish(),
  industry: z.string().trim().toUpperCase().refine(isIndustryDivision, '请选择国民经济行业分类（大类）').nullish(),
  scale: z.enum(ENTERPRISE_SCALES, '企业规模应为 大/中/小/微').nullish(),
  employees: z.number().int('从业人数应为整数').min(0).max(1_000_000).nullish(),
  revenueBand: z.enum(REVENUE_BANDS).nullish(),
  establishedOn: DateSchema.nullish(),
  qualifications: LabelListSchema.nullish(),
  tags: LabelListSchema.nullish(),
})
export type EnterpriseProfileInput = z.infer<typeof EnterpriseProfileInputSchema>

export const PolicySubscriptionSchema = z.strictObject({
  /** Every new policy I match (eligible). */
  matching: z.boolean(),
  /** And/or every new policy with one of these topics. */
  topics: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
})
export type PolicySubscription = z.infer<typeof PolicySubscriptionSchema>

export const EnterpriseProfileSchema = z.object({
  name: z.string(),
  creditCode: z.string(),
  registeredRegion: z.string().optional(),
  industry: z.string().optional(),
  industryName: z.string().optional(),
  scale: z.enum(ENTERPRISE_SCALES).optional(),
  employees: z.number().optional(),
  revenueBand: z.enum(REVENUE_BANDS).optional(),
  establishedOn: z.string().optional(),
  qualifications: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  subscription: z.object({ matching: z.boolean(), topics: z.array(z.string()) }),
  demo: z.boolean(),
  updatedAt: z.string(),
})
export type EnterpriseProfile = z.infer<typeof EnterpriseProfileSchema>

// ---------------------------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------------------------

export const POLICY_TOPICS = ['资金补贴', '税费减免', '金融支持', '稳岗就业', '科技创新', '人才引进', '市场开拓', '创业扶持', '绿色发展'] as const
export type PolicyTopic = (typeof POLICY_TOPICS)[number]
export const BENEFIT_KINDS = ['补贴', '减免', '奖励', '贷款贴息', '资质认定'] as const
export const POLICY_MODES = ['auto', 'apply'] as const
export type PolicyMode = (typeof POLICY_MODES)[number]
export const POLICY_MODE_LABELS: Record<PolicyMode, string> = { auto: '免申即享', apply: '快申快享' }
export const POLICY_STATUSES = ['draft', 'published', 'withdrawn'] as const
export type PolicyStatus = (typeof POLICY_STATUSES)[number]

export const MAX_CONDITION_DEPTH = 4
export const MAX_CONDITIONS = 30

const LeafConditionSchema = z
  .strictObject({ field: z.string(), op: z.enum(CONDITION_OPS, '未知的运算'), value: z.unknown() })
  .superRefine((c, ctx) => {
    const problem = conditionProblem(c)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

/** A condition tree; every leaf is checked against the field catalogue (unknown field, wrong operator or value type). */
export const ConditionNodeSchema: z.ZodType<ConditionNode> = z.lazy(() =>
  z.union([
    z.strictObject({ allOf: z.array(ConditionNodeSchema).min(1, '条件组不能为空') }),
    z.strictObject({ anyOf: z.array(ConditionNodeSchema).min(1, '条件组不能为空') }),
    LeafConditionSchema,
  ]),
) as unknown as z.ZodType<ConditionNode>

export const ConditionTreeSchema = ConditionNodeSchema.superRefine((node, ctx) => {
  const size = conditionTreeSize(node)
  if (size.depth > MAX_CONDITION_DEPTH) ctx.addIssue({ code: 'custom', message: `条件嵌套不能超过 ${MAX_CONDITION_DEPTH} 层` })
  if (size.leaves > MAX_CONDITIONS) ctx.addIssue({ code: 'custom', message: `条件不能超过 ${MAX_CONDITIONS} 条` })
})

const FenSchema = z.number().int('金额以分为单位，应为整数').min(0).max(100_000_000_000)

export const PolicyInputSchema = z
  .strictObject({
    title: z.string().trim().min(4, '请填写政策名称').max(100),
    departmentId: ObjectIdSchema,
    docNumber: z.string().trim().min(2, '请填写文号').max(60),
    regionCode: z.string().regex(/^\d{6}(\d{3}|\d{6})?$/, '请选择适用区域'),
    validFrom: DateSchema,
    validTo: DateSchema.nullish(),
    summary: z.string().trim().min(4).max(300),
    fullText: z.string().trim().max(20_000).default(''),
    benefit: z.strictObject({
      kind: z.enum(BENEFIT_KINDS),
      description: z.string().trim().min(2).max(200),
      /** Per enterprise, when fixed (免申即享 grants record it as the 兑现 amount). */
      amountFen: FenSchema.nullish(),
    }),
    guide: z.strictObject({
      beneficiaries: z.string().trim().min(2).max(300),
      requirements: z.string().trim().min(2).max(1000),
      /** 兑现时限: working days from 申报 to 兑现. */
      promiseDays: z.number().int().min(1).max(120),
      address: z.string().trim().max(200).default(''),
      phone: z.string().trim().max(40).default(''),
    }),
    mode: z.enum(POLICY_MODES),
    topics: z.array(z.enum(POLICY_TOPICS)).max(5).default([]),
    conditions: ConditionTreeSchema,
  })
  .refine((p) => !p.validTo || p.validTo >= p.validFrom, { message: '有效期结束不能早于开始', path: ['validTo'] })
export type PolicyInput = z.infer<typeof PolicyInputSchema>

export const PolicyPatchSchema = z.strictObject({
  title: z.string().trim().min(4).max(100).optional(),
  docNumber: z.string().trim().min(2).max(60).optional(),
  validFrom: DateSchema.optional(),
  validTo: DateSchema.nullish(),
  summary: z.string().trim().min(4).max(300).optional(),
  fullText: z.string().trim().max(20_000).optional(),
  topics: z.array(z.enum(POLICY_TOPICS)).max(5).optional(),
  conditions: ConditionTreeSchema.optional(),
})
export type PolicyPatch = z.infer<typeof PolicyPatchSchema>

export const PolicyQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  tag: z.enum(POLICY_TOPICS).optional(),
  departmentId: ObjectIdSchema.optional(),
  mode: z.enum(POLICY_MODES).optional(),
})
export type PolicyQuery = z.infer<typeof PolicyQuerySchema>

export const AdminPolicyQuerySchema = PageQuerySchema.extend({ status: z.enum(POLICY_STATUSES).optional() })
export type AdminPolicyQuery = z.infer<typeof AdminPolicyQuerySchema>

export const ConditionCountsInputSchema = z.strictObject({
  conditions: ConditionTreeSchema,
  validFrom: DateSchema.nullish(),
  validTo: DateSchema.nullish(),
})
export type ConditionCountsInput = z.infer<typeof ConditionCountsInputSchema>

export const ConditionCountsSchema = z.object({
  enterprises: z.number().int(),
  eligible: z.number().int(),
  possible: z.number().int(),
  /** Per leaf condition (tree path "0", "1.0", …): how many enterprises it keeps (pass), leaves undecided, drops. */
  conditions: z.array(z.object({ path: z.string(), label: z.string(), pass: z.number().int(), unknown: z.number().int(), fail: z.number().int() })),
})
export type ConditionCounts = z.infer<typeof ConditionCountsSchema>

const MatchLineSchema = z.object({
  depth: z.number().int(),
  kind: z.enum(['condition', 'group', 'validity']),
  label: z.string(),
  outcome: z.enum(['pass', 'fail', 'unknown']),
  field: z.string().optional(),
  actual: z.string().optional(),
})
export const MatchResultSchema = z.object({
  status: z.enum(['eligible', 'possible', 'ineligible']),
  lines: z.array(MatchLineSchema),
  missingFields: z.array(z.string()),
  failing: z.array(z.string()),
})

export const PolicySummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  docNumber: z.string(),
  regionCode: z.string(),
  status: z.enum(POLICY_STATUSES),
  publishedAt: z.string().optional(),
  validFrom: z.string(),
  validTo: z.string().optional(),
  summary: z.string(),
  benefit: z.object({ kind: z.enum(BENEFIT_KINDS), description: z.string(), amountFen: z.number().optional() }),
  mode: z.enum(POLICY_MODES),
  topics: z.array(z.string()),
  demo: z.boolean(),
  /** For an enterprise caller: the match status and what is missing. */
  match: z.object({ status: z.enum(['eligible', 'possible', 'ineligible']), failing: z.number().int(), missingFields: z.array(z.string()) }).optional(),
})
export type PolicySummary = z.infer<typeof PolicySummarySchema>

export const POLICY_APPLICATION_STATUSES = ['submitted', 'accepted', 'reviewed', 'granted', 'rejected'] as const
export type PolicyApplicationStatus = (typeof POLICY_APPLICATION_STATUSES)[number]
export const POLICY_APPLICATION_STATUS_LABELS: Record<PolicyApplicationStatus, string> = {
  submitted: '已申报',
  accepted: '已受理',
  reviewed: '审核通过',
  granted: '已兑现',
  rejected: '不予兑现',
}

export const PolicyApplicationSchema = z.object({
  id: z.string(),
  policyId: z.string(),
  policyTitle: z.string(),
  departmentId: z.string(),
  creditCode: z.string(),
  enterpriseName: z.string(),
  mode: z.enum(POLICY_MODES),
  status: z.enum(POLICY_APPLICATION_STATUSES),
  appliedAt: z.string(),
  dueDate: z.string().optional(),
  overdue: z.boolean(),
  note: z.string().optional(),
  acceptedAt: z.string().optional(),
  reviewedAt: z.string().optional(),
  grantedAt: z.string().optional(),
  amountFen: z.number().optional(),
  rejectedAt: z.string().optional(),
  rejectReason: z.string().optional(),
})
export type PolicyApplication = z.infer<typeof PolicyApplicationSchema>

export const PolicyDetailSchema = PolicySummarySchema.extend({
  fullText: z.string(),
  guide: z.object({ beneficiaries: z.string(), requirements: z.string(), promiseDays: z.number(), address: z.string(), phone: z.string() }),
  conditions: z.unknown(),
  explanation: MatchResultSchema.optional(),
  myApplication: PolicyApplicationSchema.optional(),
})
export type PolicyDetail = z.infer<typeof PolicyDetailSchema>

export const PolicyIdParamsSchema = z.object({ id: ObjectIdSchema })
/** Application ids are "<policyId>:<creditCode>" (one per enterprise × policy). */
export const PolicyApplicationIdParamsSchema = z.object({ id: z.string().regex(/^[0-9a-f]{24}:[0-9A-Z]{18}$/i, '不是有效的申报编号') })

export const ApplyPolicySchema = z.strictObject({ note: z.string().trim().max(500).optional() })
export const GrantApplicationSchema = z.strictObject({ amountFen: FenSchema })
export type GrantApplication = z.input<typeof GrantApplicationSchema>
export const RejectApplicationSchema = z.strictObject({ reason: z.string().trim().min(2, '请填写不予兑现的理由').max(300) })
export type RejectApplication = z.input<typeof RejectApplicationSchema>
export const ApplicationQuerySchema = PageQuerySchema.extend({
  policyId: ObjectIdSchema.optional(),
  status: z.enum(POLICY_APPLICATION_STATUSES).optional(),
})
export type ApplicationQuery = z.infer<typeof ApplicationQuerySchema>

export const PublishResultSchema = z.object({ policy: PolicySummarySchema, granted: z.number().int(), notified: z.number().int() })

// ---------------------------------------------------------------------------------------------
// 月通报
// ---------------------------------------------------------------------------------------------

export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
export const PolicyReportQuerySchema = z.object({ month: MonthSchema })

export const PolicyReportRowSchema = z.object({
  departmentId: z.string(),
  departmentName: z.string(),
  policiesPublished: z.number().int(),
  enterprisesMatched: z.number().int(),
  notified: z.number().int(),
  applied: z.number().int(),
  granted: z.number().int(),
  grantedFen: z.number().int(),
  /** Working days from 申报 to 兑现, averaged over this month's 快申快享 兑现 (null when none), one decimal. */
  avgWorkingDaysToGrant: z.number().nullable(),
  overdue: z.number().int(),
})
export type PolicyReportRow = z.infer<typeof PolicyReportRowSchema>
export const PolicyReportSchema = z.object({ month: z.string(), regionCode: z.string(), rows: z.array(PolicyReportRowSchema) })
export type PolicyReport = z.infer<typeof PolicyReportSchema>
