import '../zod'
import * as z from 'zod'
import { DateSchema, MobileSchema, ObjectIdSchema, PageQuerySchema, pageOf } from './common'

// ---------------------------------------------------------------------------------------------
// 12345 诉求 (SPEC §2.8)
// ---------------------------------------------------------------------------------------------
export const TICKET_TYPES = ['咨询', '求助', '投诉', '建议', '表扬'] as const
export type TicketType = (typeof TICKET_TYPES)[number]

/** Time-limit classes of the dispatch catalogue: 一般 5 working days to reply, 复杂 15. 紧急 is a flag on the ticket. */
export const TICKET_LIMIT_CLASSES = ['一般', '复杂'] as const
export type TicketLimitClass = (typeof TICKET_LIMIT_CLASSES)[number]
export const DEFAULT_REPLY_WORKING_DAYS: Record<TicketLimitClass, number> = { 一般: 5, 复杂: 15 }
/** 紧急: first response within 2 hours of dispatch. */
export const URGENT_RESPONSE_HOURS = 2
/** Others: first response (签收) by the end of the next working day after dispatch. */
export const RESPONSE_WORKING_DAYS = 1
/** A department may return (退单) a ticket within 2 working days of its dispatch. */
export const RETURN_WORKING_DAYS = 2
/** One extension per ticket, at most 10 working days. */
export const MAX_EXTENSION_WORKING_DAYS = 10
/** "Soon due": a deadline within this many hours puts a ticket right after the overdue ones. */
export const SOON_DUE_HOURS = 24

export const TICKET_STATUSES = [
  'submitted',
  'merged',
  'dispatched',
  'returned',
  'handling',
  'awaiting_supplement',
  'replied',
  'closed',
  'archived',
] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]
export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  submitted: '待受理',
  merged: '已并单',
  dispatched: '已派单',
  returned: '已退单',
  handling: '办理中',
  awaiting_supplement: '待补充材料',
  replied: '已答复',
  closed: '已办结',
  archived: '已归档',
}

export const TICKET_ACTIONS = [
  'submit',
  'dispatch',
  'redispatch',
  'merge',
  'absorb',
  'answer',
  'accept',
  'return',
  'request_supplement',
  'supplement',
  'request_extension',
  'decide_extension',
  'reply',
  'rate',
  'rework',
  'archive',
] as const
export type TicketAction = (typeof TICKET_ACTIONS)[number]
export const TICKET_ACTION_LABELS: Record<TicketAction, string> = {
  submit: '提交诉求',
  dispatch: '受理派单',
  redispatch: '改派',
  merge: '并单',
  absorb: '并入重复诉求',
  answer: '即问即答',
  accept: '部门签收',
  return: '退单',
  request_supplement: '请求补充材料',
  supplement: '补充材料',
  request_extension: '申请延期',
  decide_extension: '延期审核',
  reply: '答复',
  rate: '回访评价',
  rework: '不满意重办',
  archive: '归档',
}

export const TICKET_SATISFACTIONS = ['满意', '基本满意', '不满意'] as const
export type TicketSatisfaction = (typeof TICKET_SATISFACTIONS)[number]

const Text = (max: number, what: string) => z.string().trim().min(2, `请填写${what}`).max(max, `${what}不能超过 ${max} 字`)

/** A ticket number: `12345-YYYYMMDD-NNNN`. */
export const TICKET_NO_RE = /^12345-\d{8}-\d{4,}$/
export const TicketIdParamsSchema = z.object({ id: z.string().regex(TICKET_NO_RE, '不是有效的诉求编号') })

export function formatTicketNo(date: string, n: number): string {
  return `12345-${date.replaceAll('-', '')}-${String(n).padStart(4, '0')}`
}

// ---- the dispatch catalogue (派单目录) ----
export const TicketCategoryInputSchema = z.strictObject({
  name: z.string().trim().min(2).max(40),
  /** 上级分类, e.g. 社会保障 > 社保卡. */
  parent: z.string().trim().max(40).optional(),
  departmentId: ObjectIdSchema,
  limitClass: z.enum(TICKET_LIMIT_CLASSES).default('一般'),
  /** Working days to reply; the class's default when absent. */
  replyDays: z.number().int().min(1).max(60).optional(),
  active: z.boolean().default(true),
})
export type TicketCategoryInput = z.infer<typeof TicketCategoryInputSchema>
export const TicketCategoryPatchSchema = TicketCategoryInputSchema.partial().strict()
export type TicketCategoryPatch = z.infer<typeof TicketCategoryPatchSchema>

export const TicketCategorySchema = z.object({
  id: z.string(),
  name: z.string(),
  parent: z.string().optional(),
  departmentId: z.string(),
  departmentName: z.string(),
  limitClass: z.enum(TICKET_LIMIT_CLASSES),
  replyDays: z.number().int(),
  active: z.boolean(),
})
export type TicketCategory = z.infer<typeof TicketCategorySchema>
export const TicketCategoryListSchema = z.object({ items: z.array(TicketCategorySchema) })

// ---- submission ----
/** A photo of a 诉求: JPEG, PNG or WebP (by its bytes), at most 5 MB; at most 3 per submission or 补充材料. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024
export const TICKET_MAX_PHOTOS = 3
export const TicketPhotoUploadSchema = z.object({ url: z.string(), link: z.string() })
export type TicketPhotoUpload = z.infer<typeof TicketPhotoUploadSchema>
export const TicketPhotoParamsSchema = z.object({ name: z.string().max(64) })
export const TicketPhotoQuerySchema = z.object({ exp: z.string().max(20).optional(), sig: z.string().max(64).optional() })
export const PhotoUrlSchema = z.string().regex(/^\/api\/v1\/tickets\/photos\/[a-f0-9]{32}\.(jpg|png|webp)$/, '照片地址无效')
export const TicketSubmitSchema = z.strictObject({
  type: z.enum(TICKET_TYPES),
  categoryId: ObjectIdSchema,
  description: Text(2000, '诉求内容'),
  photos: z.array(PhotoUrlSchema).max(TICKET_MAX_PHOTOS, `最多上传 ${TICKET_MAX_PHOTOS} 张照片`).default([]),
  /** County-level region the matter concerns (6 digits); the city when absent. */
  regionCode: z.string().regex(/^\d{6}$/, '区域编码应为 6 位数字').optional(),
  hallId: ObjectIdSchema.optional(),
  address: z.string().trim().max(200).optional(),
  location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional(),
  contactName: z.string().trim().min(1).max(30).optional(),
  contactMobile: MobileSchema,
  /** 涉企: shown to the 涉企专席. */
  enterprise: z.boolean().default(false),
  /** The knowledge entries the requester was shown before submitting (知识库解决率). */
  shownKnowledgeIds: z.array(ObjectIdSchema).max(10).default([]),
})
export type TicketSubmit = z.input<typeof TicketSubmitSchema>

// ---- transitions ----
export const TicketDispatchSchema = z.strictObject({
  departmentId: ObjectIdSchema.optional(),
  urgent: z.boolean().optional(),
  note: z.string().trim().max(500).optional(),
})
export type TicketDispatch = z.infer<typeof TicketDispatchSchema>
export const TicketMergeSchema = z.strictObject({ intoId: z.string().regex(TICKET_NO_RE, '不是有效的诉求编号'), note: z.string().trim().max(500).optional() })
export const TicketReasonSchema = z.strictObject({ reason: Text(500, '原因') })
export const TicketTextSchema = z.strictObject({ text: Text(2000, '答复内容') })
export const TicketAnswerSchema = z.strictObject({ text: Text(2000, '答复内容'), knowledgeId: ObjectIdSchema.optional() })
export const TicketSupplementSchema = z.strictObject({ text: Text(2000, '补充说明'), photos: z.array(PhotoUrlSchema).max(TICKET_MAX_PHOTOS, `最多上传 ${TICKET_MAX_PHOTOS} 张照片`).default([]) })
export const TicketExtensionSchema = z.strictObject({
  days: z.number().int().min(1).max(MAX_EXTENSION_WORKING_DAYS, `延期不能超过 ${MAX_EXTENSION_WORKING_DAYS} 个工作日`),
  reason: Text(500, '延期原因'),
})
export const TicketExtensionDecisionSchema = z.strictObject({ approve: z.boolean(), reason: z.string().trim().max(500).default('') })
export const TicketRateSchema = z.strictObject({ satisfaction: z.enum(TICKET_SATISFACTIONS), comment: z.string().trim().max(500).optional() })

// ---- views ----
export const TicketEventSchema = z.object({
  seq: z.number().int(),
  action: z.enum(TICKET_ACTIONS),
  actionLabel: z.string(),
  at: z.iso.datetime(),
  byRole: z.string(),
  /** Staff name (requesters see only the role). */
  byName: z.string().optional(),
  from: z.enum(TICKET_STATUSES).optional(),
  to: z.enum(TICKET_STATUSES),
  reason: z.string().optional(),
  text: z.string().optional(),
})
export type TicketEvent = z.infer<typeof TicketEventSchema>

export const TicketClockSchema = z.object({
  /** What the clock measures now. */
  kind: z.enum(['response', 'reply', 'paused', 'none']),
  dueAt: z.iso.datetime().optional(),
  overdue: z.boolean(),
  /** Minutes left (negative when overdue). */
  minutesLeft: z.number().int().optional(),
  /** e.g. 剩余 2 天 3 小时 / 已超时 5 小时 / 暂停计时（待补充材料）. */
  label: z.string(),
})
export type TicketClock = z.infer<typeof TicketClockSchema>

export const TicketSchema = z.object({
  id: z.string(),
  status: z.enum(TICKET_STATUSES),
  statusLabel: z.string(),
  type: z.enum(TICKET_TYPES),
  categoryId: z.string(),
  categoryName: z.string(),
  departmentId: z.string().optional(),
  departmentName: z.string().optional(),
  regionCode: z.string(),
  description: z.string(),
  photos: z.array(z.string()),
  /** The photos as signed links (valid about an hour) for an image element, which sends no token. */
  photoLinks: z.array(z.string()),
  address: z.string().optional(),
  contactName: z.string().optional(),
  /** Masked except for the requester. */
  contactMobile: z.string(),
  enterprise: z.boolean(),
  urgent: z.boolean(),
  limitDays: z.number().int(),
  submittedAt: z.iso.datetime(),
  dispatchedAt: z.iso.datetime().optional(),
  responseDueAt: z.iso.datetime().optional(),
  replyDueAt: z.iso.datetime().optional(),
  pausedWorkingDays: z.number().int(),
  extension: z
    .object({ days: z.number().int(), reason: z.string(), status: z.enum(['pending', 'approved', 'refused']), decisionReason: z.string().optional() })
    .optional(),
  reply: z.string().optional(),
  satisfaction: z.enum(TICKET_SATISFACTIONS).optional(),
  reworked: z.boolean(),
  returns: z.number().int(),
  mergedInto: z.string().optional(),
  mergedIds: z.array(z.string()),
  clock: TicketClockSchema,
  canRate: z.boolean(),
  canSupplement: z.boolean(),
  timeline: z.array(TicketEventSchema),
})
export type Ticket = z.infer<typeof TicketSchema>
export const TicketPageSchema = pageOf(TicketSchema)

export const MyTicketsQuerySchema = PageQuerySchema.extend({ status: z.enum(TICKET_STATUSES).optional() })
export type MyTicketsQuery = z.infer<typeof MyTicketsQuerySchema>
export const DispatchQueueQuerySchema = PageQuerySchema.extend({ enterprise: z.enum(['true', 'false']).optional() })
export type DispatchQueueQuery = z.infer<typeof DispatchQueueQuerySchema>
export const HandlerTicketsQuerySchema = PageQuerySchema.extend({ status: z.enum(TICKET_STATUSES).optional() })
export type HandlerTicketsQuery = z.infer<typeof HandlerTicketsQuerySchema>

// ---- metrics and 月通报 ----
export const TICKET_METRIC_GROUPS = ['department', 'category', 'region', 'month'] as const
export const TicketMetricsQuerySchema = z.object({
  groupBy: z.enum(TICKET_METRIC_GROUPS).default('department'),
  from: DateSchema,
  to: DateSchema,
})
export type TicketMetricsQuery = z.infer<typeof TicketMetricsQuerySchema>

export const TicketMetricsRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  accepted: z.number().int(),
  /** 派单次数: dispatches received (a returned ticket counts for the department that returned it too). */
  dispatches: z.number().int(),
  responded: z.number().int(),
  respondedOnTime: z.number().int(),
  replied: z.number().int(),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  reworked: z.number().int(),
  returned: z.number().int(),
  /** Rates in per mille (integers), null when the denominator is 0. */
  onTimeResponseRate: z.number().nullable(),
  closeRate: z.number().nullable(),
  onTimeCloseRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  revisitRate: z.number().nullable(),
  reworkRate: z.number().nullable(),
  returnRate: z.number().nullable(),
})
export type TicketMetricsRow = z.infer<typeof TicketMetricsRowSchema>
export const TicketMetricsSchema = z.object({ groupBy: z.enum(TICKET_METRIC_GROUPS), from: z.string(), to: z.string(), rows: z.array(TicketMetricsRowSchema) })
export type TicketMetrics = z.infer<typeof TicketMetricsSchema>

export const MonthlyReportQuerySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
})
export type MonthlyReportQuery = z.infer<typeof MonthlyReportQuerySchema>
export const MonthlyReportRowSchema = TicketMetricsRowSchema.extend({ rank: z.number().int(), score: z.number() })
export type MonthlyReportRow = z.infer<typeof MonthlyReportRowSchema>
export const MonthlyReportSchema = z.object({ month: z.string(), rows: z.array(MonthlyReportRowSchema) })
export type MonthlyReport = z.infer<typeof MonthlyReportSchema>

// ---- 12345 staff accounts: dispatchers (city or county) and department handlers ----
export const TicketAccountCreateSchema = z.discriminatedUnion('role', [
  z.strictObject({
    role: z.literal('dispatcher'),
    username: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_.-]{3,31}$/, '用户名应为 4–32 位字母、数字或 _ . -，以字母开头'),
    name: z.string().trim().min(1, '请填写姓名').max(30),
    /** The city (140900) or a county (6 digits). */
    regionCode: z.string().regex(/^\d{6}$/, '区域编码应为 6 位数字'),
  }),
  z.strictObject({
    role: z.literal('handler'),
    username: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_.-]{3,31}$/, '用户名应为 4–32 位字母、数字或 _ . -，以字母开头'),
    name: z.string().trim().min(1, '请填写姓名').max(30),
    departmentId: ObjectIdSchema,
  }),
])
export type TicketAccountCreate = z.infer<typeof TicketAccountCreateSchema>
export const TicketAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(['dispatcher', 'handler']),
  regionCode: z.string().optional(),
  departmentId: z.string().optional(),
  disabled: z.boolean(),
})
export type TicketAccount = z.infer<typeof TicketAccountSchema>
export const TicketAccountWithPasswordSchema = z.object({ account: TicketAccountSchema, password: z.string() })
export const TicketAccountListSchema = z.object({ items: z.array(TicketAccountSchema) })
