import '../zod'
import * as z from 'zod'
import { DateSchema, ObjectIdSchema, pageOf, PageQuerySchema, QueryBoolSchema } from './common'
import { RatingSummarySchema } from './catalogue'

// ---------------------------------------------------------------------------------------------
// 好差评 (国办发〔2019〕51号, GB/T 39734/39735-2020): five levels, 1–2 are 差评.
// ---------------------------------------------------------------------------------------------
/** "一次一评": a served window booking; "一事一评": an item guide rated online. */
export const RATING_KINDS = ['window', 'guide'] as const
export type RatingKind = (typeof RATING_KINDS)[number]
export const RATING_KIND_LABELS: Record<RatingKind, string> = { window: '一次一评', guide: '一事一评' }

export const RatingLevelSchema = z.number().int().min(1, '评价等级为 1-5').max(5, '评价等级为 1-5')

/** Levels 1 (非常不满意) and 2 (不满意) are 差评. */
export const BAD_RATING_MAX_LEVEL = 2
export const isBadRating = (level: number): boolean => level <= BAD_RATING_MAX_LEVEL
/** Levels 3–5 count as 好评 in 好评率. */
export const isGoodRating = (level: number): boolean => level > BAD_RATING_MAX_LEVEL
/** A 差评 needs a comment of at least this many characters. */
export const MIN_BAD_COMMENT_CHARS = 5
/** A served booking can be rated within this many days; afterwards a default 基本满意 is recorded. */
export const RATING_WINDOW_DAYS = 7
/** The level recorded by default when a served booking is not rated in time (基本满意). */
export const DEFAULT_RATING_LEVEL = 3

/** Window service dimensions (一次一评). */
export const WINDOW_DIMENSIONS = ['服务效率', '服务水平', '服务态度'] as const
/** Online dimensions (一事一评). */
export const GUIDE_DIMENSIONS = ['办事效率', '办事指南精确度', '办事便捷度', '平台操作性'] as const
export const RATING_DIMENSIONS = { window: WINDOW_DIMENSIONS, guide: GUIDE_DIMENSIONS } as const

/** Reason tags a 差评 must choose from (at least one), per kind. */
export const WINDOW_REASON_TAGS = ['等待时间长', '态度不好', '一次告知不清', '材料反复要求', '办理时间超时', '其他'] as const
export const GUIDE_REASON_TAGS = ['指南内容不准确', '系统操作不便', '一次告知不清', '材料反复要求', '办理时间超时', '其他'] as const
export const RATING_REASON_TAGS = { window: WINDOW_REASON_TAGS, guide: GUIDE_REASON_TAGS } as const
const ALL_REASON_TAGS = [...new Set<string>([...WINDOW_REASON_TAGS, ...GUIDE_REASON_TAGS])] as [string, ...string[]]

const charCount = (s: string | undefined) => Array.from(s ?? '').length

const DimensionScoreSchema = z.number().int().min(1, '维度评分为 1-5').max(5, '维度评分为 1-5')
/** Every dimension of either kind; the refinement below keeps the ones of the rated kind. */
const DimensionsSchema = z.strictObject(
  Object.fromEntries([...WINDOW_DIMENSIONS, ...GUIDE_DIMENSIONS].map((d) => [d, DimensionScoreSchema.optional()])) as Record<
    (typeof WINDOW_DIMENSIONS)[number] | (typeof GUIDE_DIMENSIONS)[number],
    z.ZodOptional<typeof DimensionScoreSchema>
  >,
)
export type RatingDimensions = Partial<Record<string, number>>

/**
 * `POST /ratings`: a booking (一次一评) or an item (一事一评), never both. Strict: the rater, the date, the point or a
 * default flag cannot be sent. 差评 (levels 1–2) need a reason tag of the kind's list and a comment of 5+ characters.
 */
export const CreateRatingSchema = z
  .strictObject({
    bookingId: ObjectIdSchema.optional(),
    serviceId: ObjectIdSchema.optional(),
    level: RatingLevelSchema,
    dimensions: DimensionsSchema.optional(),
    tags: z.array(z.enum(ALL_REASON_TAGS)).max(6).optional(),
    comment: z.string().trim().max(500, '评价内容不能超过 500 字').optional(),
  })
  .superRefine((r, ctx) => {
    if (Boolean(r.bookingId) === Boolean(r.serviceId)) {
      ctx.addIssue({ code: 'custom', path: ['bookingId'], message: '请指定评价的预约（一次一评）或事项（一事一评）之一' })
      return
    }
    const kind: RatingKind = r.bookingId ? 'window' : 'guide'
    const dims: readonly string[] = RATING_DIMENSIONS[kind]
    for (const key of Object.keys(r.dimensions ?? {})) {
      if (!dims.includes(key)) ctx.addIssue({ code: 'custom', path: ['dimensions', key], message: `${RATING_KIND_LABELS[kind]}的评价维度为：${dims.join('、')}` })
    }
    const tags: readonly string[] = RATING_REASON_TAGS[kind]
    for (const [i, tag] of (r.tags ?? []).entries()) {
      if (!tags.includes(tag)) ctx.addIssue({ code: 'custom', path: ['tags', i], message: `可选原因：${tags.join('、')}` })
    }
    if (new Set(r.tags ?? []).size !== (r.tags ?? []).length) ctx.addIssue({ code: 'custom', path: ['tags'], message: '原因不能重复' })
    if (isBadRating(r.level)) {
      if (!r.tags?.length) ctx.addIssue({ code: 'custom', path: ['tags'], message: '差评请至少选择一项原因' })
      if (charCount(r.comment) < MIN_BAD_COMMENT_CHARS) {
        ctx.addIssue({ code: 'custom', path: ['comment'], message: `差评请具体说明问题（至少 ${MIN_BAD_COMMENT_CHARS} 个字）` })
      }
    }
  })
export type CreateRating = z.infer<typeof CreateRatingSchema>

/** 追评: one follow-up comment. */
export const AppendRatingSchema = z.strictObject({ comment: z.string().trim().min(1, '请填写追评内容').max(300, '追评不能超过 300 字') })
export type AppendRating = z.infer<typeof AppendRatingSchema>

// ---------------------------------------------------------------------------------------------
// 差评整改工单
// ---------------------------------------------------------------------------------------------
export const WORK_ORDER_STATUSES = ['pending_verification', 'rectifying', 'rejected', 'appealed', 'replied', 'closed'] as const
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number]
export const WORK_ORDER_STATUS_LABELS: Record<WorkOrderStatus, string> = {
  pending_verification: '待核实',
  rectifying: '整改中',
  rejected: '已驳回',
  appealed: '申诉审核中',
  replied: '已整改答复',
  closed: '已办结',
}
/** A rejected 差评 is either a mistaken rating (误评) or a malicious one (恶意差评). */
export const REJECT_CATEGORIES = ['误评', '恶意'] as const
export type RejectCategory = (typeof REJECT_CATEGORIES)[number]
export const REVISIT_SATISFACTIONS = ['满意', '基本满意', '不满意'] as const
export type RevisitSatisfaction = (typeof REVISIT_SATISFACTIONS)[number]
/** Working days to verify a 差评; the reply deadline is per point (Hall.rectifyDays, default below). */
export const VERIFY_WORKING_DAYS = 1
export const DEFAULT_RECTIFY_WORKING_DAYS = 5

const ReasonSchema = z.string().trim().min(5, '请填写理由（至少 5 个字）').max(500)

export const VerifyWorkOrderSchema = z
  .strictObject({
    valid: z.boolean(),
    reason: z.string().trim().max(500).optional(),
    category: z.enum(REJECT_CATEGORIES).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.valid) {
      if (v.category) ctx.addIssue({ code: 'custom', path: ['category'], message: '核实属实时不能选择驳回类别' })
      return
    }
    if (!v.category) ctx.addIssue({ code: 'custom', path: ['category'], message: '驳回时请选择误评或恶意' })
    if (charCount(v.reason) < 5) ctx.addIssue({ code: 'custom', path: ['reason'], message: '驳回时请填写理由（至少 5 个字）' })
  })
export type VerifyWorkOrder = z.infer<typeof VerifyWorkOrderSchema>

export const ReplyWorkOrderSchema = z.strictObject({ text: z.string().trim().min(5, '请填写整改情况（至少 5 个字）').max(1000) })
export const AppealSchema = z.strictObject({ reason: ReasonSchema })
export const AppealDecisionSchema = z.strictObject({
  /** true: the rejection stands; false: it is overturned and the order goes to rectification. */
  uphold: z.boolean(),
  reason: ReasonSchema,
})
export type AppealDecision = z.infer<typeof AppealDecisionSchema>
export const RevisitSchema = z.strictObject({ satisfaction: z.enum(REVISIT_SATISFACTIONS) })

const Instant = z.iso.datetime()

export const VerificationSchema = z.object({
  valid: z.boolean(),
  category: z.enum(REJECT_CATEGORIES).optional(),
  reason: z.string().optional(),
  at: Instant,
})
export const WorkOrderStepsSchema = z.object({
  verification: VerificationSchema.optional(),
  appeal: z.object({ reason: z.string(), at: Instant }).optional(),
  appealDecision: z.object({ uphold: z.boolean(), reason: z.string(), at: Instant }).optional(),
  reply: z.object({ text: z.string(), at: Instant }).optional(),
  revisit: z.object({ satisfaction: z.enum(REVISIT_SATISFACTIONS), at: Instant }).optional(),
})

/** A work order as its rater sees it (in `GET /ratings/mine`). */
export const WorkOrderProgressSchema = WorkOrderStepsSchema.extend({
  id: z.string(),
  status: z.enum(WORK_ORDER_STATUSES),
  statusLabel: z.string(),
  overdue: z.boolean(),
  canAppeal: z.boolean(),
  canRevisit: z.boolean(),
})
export type WorkOrderProgress = z.infer<typeof WorkOrderProgressSchema>

/** The rating inside a work order: what staff need to rectify, the rater only as a masked name. */
export const WorkOrderRatingSchema = z.object({
  id: z.string(),
  kind: z.enum(RATING_KINDS),
  level: z.number().int(),
  levelLabel: z.string(),
  dimensions: z.record(z.string(), z.number()),
  tags: z.array(z.string()),
  comment: z.string().optional(),
  raterName: z.string(),
  ratedAt: Instant,
})

/** A work order as staff and administrators see it. */
export const WorkOrderSchema = WorkOrderStepsSchema.extend({
  id: z.string(),
  status: z.enum(WORK_ORDER_STATUSES),
  statusLabel: z.string(),
  kind: z.enum(RATING_KINDS),
  hallId: z.string().optional(),
  hallName: z.string().optional(),
  serviceId: z.string(),
  serviceName: z.string().optional(),
  regionCode: z.string(),
  rating: WorkOrderRatingSchema,
  verifyDeadline: Instant,
  replyDeadline: Instant.optional(),
  /** The deadline of the current step (verification or reply), absent when nothing is due. */
  dueAt: Instant.optional(),
  overdue: z.boolean(),
  createdAt: Instant,
})
export type WorkOrder = z.infer<typeof WorkOrderSchema>
export const WorkOrderPageSchema = pageOf(WorkOrderSchema)

export const WorkOrderQuerySchema = PageQuerySchema.extend({
  status: z.enum(WORK_ORDER_STATUSES).optional(),
  hallId: ObjectIdSchema.optional(),
  overdue: QueryBoolSchema.optional(),
})
export type WorkOrderQuery = z.infer<typeof WorkOrderQuerySchema>

// ---------------------------------------------------------------------------------------------
// Ratings as listed
// ---------------------------------------------------------------------------------------------
const RatingBodySchema = z.object({
  kind: z.enum(RATING_KINDS),
  level: z.number().int(),
  levelLabel: z.string(),
  dimensions: z.record(z.string(), z.number()),
  tags: z.array(z.string()),
  comment: z.string().optional(),
  append: z.object({ comment: z.string(), at: Instant }).optional(),
  isDefault: z.boolean(),
  ratedAt: Instant,
  serviceName: z.string().optional(),
  hallName: z.string().optional(),
})

/** One of my ratings, with the progress of its work order when it is a 差评. */
export const MyRatingSchema = RatingBodySchema.extend({
  id: z.string(),
  bookingId: z.string().optional(),
  serviceId: z.string(),
  hallId: z.string().optional(),
  workOrder: WorkOrderProgressSchema.optional(),
})
export type MyRating = z.infer<typeof MyRatingSchema>
export const MyRatingPageSchema = pageOf(MyRatingSchema)

/** A rating shown to the public: no ids, the rater as a masked name. */
export const PublicRatingSchema = RatingBodySchema.extend({ raterName: z.string() })
export type PublicRating = z.infer<typeof PublicRatingSchema>
export const PublicRatingPageSchema = pageOf(PublicRatingSchema).extend({ summary: RatingSummarySchema })

export const PublicRatingQuerySchema = PageQuerySchema.extend({
  serviceId: ObjectIdSchema.optional(),
  hallId: ObjectIdSchema.optional(),
}).refine((q) => q.serviceId || q.hallId, { message: '请指定事项或服务网点', path: ['serviceId'] })

/** A rating of their points as staff see it: the rater as a masked name, no booking or user id. */
export const StaffRatingSchema = RatingBodySchema.extend({
  id: z.string(),
  serviceId: z.string(),
  hallId: z.string().optional(),
  raterName: z.string(),
  workOrderId: z.string().optional(),
})
export type StaffRating = z.infer<typeof StaffRatingSchema>
export const StaffRatingPageSchema = pageOf(StaffRatingSchema)
/** Days an administrator's list of their whole region covers when no period is given (read day by day). */
export const STAFF_RATINGS_REGION_DAYS = 30
/** The longest period such a list may ask for. */
export const MAX_STAFF_RATINGS_REGION_DAYS = 92

export const StaffRatingQuerySchema = PageQuerySchema.extend({
  hallId: ObjectIdSchema.optional(),
  level: z.coerce.number().int().min(1).max(5).optional(),
  /**
   * Local dates of rating, both included. Without a point, an administrator's list covers their region over at most
   * MAX_STAFF_RATINGS_REGION_DAYS days (by default the last STAFF_RATINGS_REGION_DAYS); with a point, all its ratings.
   */
  from: DateSchema.optional(),
  to: DateSchema.optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
export type StaffRatingQuery = z.infer<typeof StaffRatingQuerySchema>

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------
export const RATING_STATS_GROUPS = ['service', 'hall', 'department', 'region'] as const
export type RatingStatsGroup = (typeof RATING_STATS_GROUPS)[number]
/** Longest period of `GET /stats/ratings` and of the dashboard overview. */
export const MAX_STATS_RANGE_DAYS = 366
export const MAX_OVERVIEW_RANGE_DAYS = 92

const PeriodSchema = z.object({
  /** Local dates, both included; the last 30 days when absent. */
  from: DateSchema.optional(),
  to: DateSchema.optional(),
})

export const RatingStatsQuerySchema = PeriodSchema.extend({
  groupBy: z.enum(RATING_STATS_GROUPS),
  hallId: ObjectIdSchema.optional(),
  serviceId: ObjectIdSchema.optional(),
})
export type RatingStatsQuery = z.infer<typeof RatingStatsQuerySchema>

const Rate = z.number().nullable()
export const LevelCountsSchema = z.object({ '1': z.number().int(), '2': z.number().int(), '3': z.number().int(), '4': z.number().int(), '5': z.number().int() })

/** The 好差评 figures of one group (ratios are 0..1, rounded to 4 places; null when the denominator is 0). */
export const RatingMetricsSchema = z.object({
  levels: LevelCountsSchema,
  total: z.number().int(),
  defaults: z.number().int(),
  good: z.number().int(),
  /** 好评率 = levels 3–5 / all ratings. */
  goodRate: Rate,
  active: z.number().int(),
  activeGood: z.number().int(),
  /** 主动评价好评率 = levels 3–5 / ratings actually given (defaults excluded). */
  activeGoodRate: Rate,
  served: z.number().int(),
  unrated: z.number().int(),
  /** 未评率 = served bookings without an active rating / served bookings. */
  unratedRate: Rate,
  bad: z.number().int(),
  replied: z.number().int(),
  /** 差评回复率 = 差评 answered / 差评. */
  replyRate: Rate,
  revisited: z.number().int(),
  /** 回访整改率 = 差评 with the rater's follow-up / 差评. */
  revisitRate: Rate,
  revisitSatisfied: z.number().int(),
  /** 回访整改满意率 = (满意 + 基本满意) / follow-ups. */
  revisitSatisfactionRate: Rate,
  /** Average level (2 places). */
  average: Rate,
})
export type RatingMetrics = z.infer<typeof RatingMetricsSchema>

export const RatingStatsRowSchema = RatingMetricsSchema.extend({ key: z.string(), name: z.string() })
export const RatingStatsSchema = z.object({
  groupBy: z.enum(RATING_STATS_GROUPS),
  from: z.string(),
  to: z.string(),
  rows: z.array(RatingStatsRowSchema),
  overall: RatingMetricsSchema,
})
export type RatingStats = z.infer<typeof RatingStatsSchema>

export const StatsOverviewQuerySchema = PeriodSchema
export const StatsOverviewSchema = z.object({
  from: z.string(),
  to: z.string(),
  regionCode: z.string(),
  ratings: z.object({ levels: LevelCountsSchema, total: z.number().int(), goodRate: Rate, activeGoodRate: Rate }),
  ratingsByDay: z.array(
    z.object({
      date: z.string(),
      total: z.number().int(),
      levels: LevelCountsSchema,
      goodRate: Rate,
      activeGoodRate: Rate,
    }),
  ),
  bookingsByDay: z.array(
    z.object({
      date: z.string(),
      booked: z.number().int(),
      checked_in: z.number().int(),
      served: z.number().int(),
      cancelled: z.number().int(),
      no_show: z.number().int(),
    }),
  ),
  workOrders: z.object({
    byStatus: z.object(Object.fromEntries(WORK_ORDER_STATUSES.map((s) => [s, z.number().int()])) as Record<WorkOrderStatus, z.ZodNumber>),
    /** Orders past their current deadline right now (whatever the period). */
    overdue: z.number().int(),
  }),
})
export type StatsOverview = z.infer<typeof StatsOverviewSchema>
