import '../zod'
import * as z from 'zod'
import { DateSchema, ObjectIdSchema, PageQuerySchema, pageOf } from './common'

// ---------------------------------------------------------------------------------------------
// 知识库 (SPEC §2.8): reviewed monthly by the owning department
// ---------------------------------------------------------------------------------------------
export const KNOWLEDGE_TYPES = ['办事指南', '政策法规', '热点问答', '日常咨询', '通知公告'] as const
export type KnowledgeType = (typeof KNOWLEDGE_TYPES)[number]

export const KnowledgeInputSchema = z.strictObject({
  title: z.string().trim().min(4, '标题至少 4 个字').max(128, '标题不能超过 128 个字'),
  categoryPath: z.array(z.string().trim().min(1).max(20)).min(1, '请选择分类').max(4),
  content: z.string().trim().min(10, '内容至少 10 个字').max(10000),
  keywords: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  /** The owning (source) department; a handler may only use their own. */
  departmentId: ObjectIdSchema,
  type: z.enum(KNOWLEDGE_TYPES),
  validFrom: DateSchema.optional(),
  validTo: DateSchema.optional(),
})
export type KnowledgeInput = z.input<typeof KnowledgeInputSchema>
export const KnowledgePatchSchema = KnowledgeInputSchema.partial().strict()
export type KnowledgePatch = z.infer<typeof KnowledgePatchSchema>

export const KnowledgeReviewSchema = z.strictObject({ action: z.enum(['valid', 'retire']), note: z.string().trim().max(200).optional() })
export const TicketToKnowledgeSchema = z.strictObject({
  title: z.string().trim().min(4, '标题至少 4 个字').max(128, '标题不能超过 128 个字'),
  categoryPath: z.array(z.string().trim().min(1).max(20)).min(1).max(4),
  keywords: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  type: z.enum(KNOWLEDGE_TYPES).default('日常咨询'),
})

export const KnowledgeEntrySchema = z.object({
  id: z.string(),
  title: z.string(),
  categoryPath: z.array(z.string()),
  content: z.string(),
  keywords: z.array(z.string()),
  departmentId: z.string(),
  departmentName: z.string(),
  type: z.enum(KNOWLEDGE_TYPES),
  validFrom: z.string().optional(),
  validTo: z.string().optional(),
  status: z.enum(['active', 'retired']),
  reviewedAt: z.iso.datetime(),
  /** The next monthly review (one month after the last). */
  reviewDueAt: z.iso.datetime(),
  reviewDue: z.boolean(),
  expired: z.boolean(),
  sourceTicketId: z.string().optional(),
  demo: z.boolean(),
})
export type KnowledgeEntry = z.infer<typeof KnowledgeEntrySchema>
export const KnowledgePageSchema = pageOf(KnowledgeEntrySchema)

export const KnowledgeQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(64).optional(),
  type: z.enum(KNOWLEDGE_TYPES).optional(),
})
export type KnowledgeQuery = z.infer<typeof KnowledgeQuerySchema>

/** "This answered my question": the region the question concerns (as chosen on the 诉求 form; the city when absent). */
export const KnowledgeResolvedSchema = z.strictObject({ regionCode: z.string().regex(/^\d{6}$/, '区域编码应为 6 位数字').optional() })
export type KnowledgeResolved = z.infer<typeof KnowledgeResolvedSchema>
export const KnowledgeReviewReportQuerySchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM') })
export const KnowledgeReviewReportSchema = z.object({
  month: z.string(),
  rows: z.array(
    z.object({ departmentId: z.string(), departmentName: z.string(), total: z.number().int(), reviewed: z.number().int(), due: z.number().int(), expired: z.number().int() }),
  ),
  /** 知识库解决率: 咨询 that stopped at a knowledge entry / (those + 咨询 submitted after seeing suggestions), per mille. */
  resolved: z.number().int(),
  submittedAfterSuggestions: z.number().int(),
  resolutionRate: z.number().nullable(),
})
export type KnowledgeReviewReport = z.infer<typeof KnowledgeReviewReportSchema>
