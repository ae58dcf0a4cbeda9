import '../zod'
import * as z from 'zod'
import { DateSchema } from './common'

// ---------------------------------------------------------------------------------------------
// 好差评 data exchange with the provincial platform (SPEC §2.13)
// ---------------------------------------------------------------------------------------------

/** What an exchanged record reports: a rating, its 追评, or a work-order outcome (答复整改, 回访). */
export const EXCHANGE_KINDS = ['rating', 'append', 'reply', 'revisit'] as const
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number]

/**
 * 评价渠道 (the channels of 国办发〔2019〕51号 / GB/T 39046): PC端, 移动端, 二维码, 政务大厅平板电脑, 政务大厅其他终端,
 * 电话, 短信; plus `system` for the default 基本满意 recorded when nobody rated (no channel in the list).
 */
export const EXCHANGE_CHANNELS = ['pc', 'mobile', 'qrcode', 'hall_pad', 'hall_terminal', 'phone', 'sms', 'system'] as const
export type ExchangeChannel = (typeof EXCHANGE_CHANNELS)[number]

/** 评价人身份: 自然人 or 法人 (a booking made for an enterprise). */
export const IDENTITY_TYPES = ['natural_person', 'legal_person'] as const
export type IdentityType = (typeof IDENTITY_TYPES)[number]

/** Canonical levels (SPEC §2.7): 5 非常满意 … 1 非常不满意. Targets map them explicitly. */
export const SATISFACTION_LABELS: Record<number, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' }

export const ExchangeIdSchema = z.string().regex(/^(rating|append|reply|revisit)-[0-9a-f]{24}$/, '不是有效的推送记录编号')
export const ExchangeIdParamsSchema = z.object({ id: ExchangeIdSchema })

/** The canonical internal record: what happened, in our own values; mappers turn it into each target's fields. */
export const ExchangeRecordSchema = z.object({
  id: ExchangeIdSchema,
  kind: z.enum(EXCHANGE_KINDS),
  /** The rating the record belongs to: records of one rating are delivered in the order they happened. */
  ratingId: z.string(),
  /** 办件编号: the booking code (一次一评) or the rating id (一事一评). */
  caseNo: z.string(),
  channel: z.enum(EXCHANGE_CHANNELS),
  rater: z.object({
    identity: z.enum(IDENTITY_TYPES),
    /** Already minimised as the profile allows (masked unless the profile may receive full names). */
    name: z.string(),
  }),
  /** ISO instant of the event (rating, 追评, reply or revisit). */
  at: z.string(),
  /** 评价次数: 1 for the rating, 2 for its 追评 (and the outcome records carry the count of the rating they close). */
  count: z.number().int().min(1),
  /** Canonical 1–5 (5 = 非常满意). */
  level: z.number().int().min(1).max(5),
  isDefault: z.boolean(),
  tags: z.array(z.string()),
  text: z.string().optional(),
  regionCode: z.string(),
  serviceCode: z.string(),
  serviceName: z.string(),
  departmentId: z.string().optional(),
  departmentName: z.string().optional(),
  /** reply: the 整改答复; revisit: 满意 / 基本满意 / 不满意. */
  outcome: z.object({ reply: z.string().optional(), satisfaction: z.string().optional() }).optional(),
})
export type ExchangeRecord = z.infer<typeof ExchangeRecordSchema>

export const EXCHANGE_STATES = ['pending', 'dead'] as const
export const ExchangeQueueItemSchema = z.object({
  id: z.string(),
  kind: z.enum(EXCHANGE_KINDS),
  ratingId: z.string(),
  status: z.enum(EXCHANGE_STATES),
  attempts: z.number().int(),
  nextAt: z.string(),
  lastError: z.string().optional(),
  at: z.string(),
  caseNo: z.string(),
  serviceName: z.string(),
  level: z.number().int(),
})
export type ExchangeQueueItem = z.infer<typeof ExchangeQueueItemSchema>

export const ExchangeOverviewSchema = z.object({
  endpointConfigured: z.boolean(),
  profile: z.string(),
  pending: z.number().int(),
  dead: z.array(ExchangeQueueItemSchema),
})

export const EXCHANGE_EXPORT_FORMATS = ['jsonl', 'csv'] as const
export const EXCHANGE_EXPORT_SCHEMES = ['national', 'provincial'] as const
export const ExchangeExportQuerySchema = z.object({
  from: DateSchema,
  to: DateSchema,
  format: z.enum(EXCHANGE_EXPORT_FORMATS).default('jsonl'),
  scheme: z.enum(EXCHANGE_EXPORT_SCHEMES).default('national'),
})
export type ExchangeExportQuery = z.infer<typeof ExchangeExportQuerySchema>

// ---------------------------------------------------------------------------------------------
// Provincial interface profile (configurable: EXCHANGE_PROFILE, parsed by the server's config)
// ---------------------------------------------------------------------------------------------

const codeTable = <T extends readonly string[]>(keys: T) => z.object(Object.fromEntries(keys.map((k) => [k, z.string().min(1)])) as Record<T[number], z.ZodString>)

export const ProvincialProfileSchema = z.object({
  name: z.string().min(1),
  /** ascending: 1 = 非常不满意 … 5 = 非常满意 (common in provincial interfaces); descending: as the national list. */
  satisfactionOrder: z.enum(['ascending', 'descending']),
  /** `pf` per channel. */
  channelCodes: codeTable(EXCHANGE_CHANNELS),
  /** `userProp` per identity type. */
  identityCodes: codeTable(IDENTITY_TYPES),
  /** What the platform may receive of the rater's name: full, masked (王*明), or none. */
  personalData: z.enum(['full', 'masked', 'none']),
  /** `areaCode`: 6-digit GB/T 2260 code or 12-digit statistical code (zero-padded). */
  areaCodeLength: z.union([z.literal(6), z.literal(12)]),
  /** `deptCode` per department id; departments without an entry get `defaultDeptCode`. */
  deptCodes: z.record(z.string(), z.string()),
  defaultDeptCode: z.string(),
})
export type ProvincialProfile = z.infer<typeof ProvincialProfileSchema>

/** The profile used when EXCHANGE_PROFILE does not say otherwise (every value can be overridden). */
export const DEFAULT_PROVINCIAL_PROFILE: ProvincialProfile = {
  name: '山西省政务服务好差评系统（默认配置）',
  satisfactionOrder: 'ascending',
  channelCodes: { pc: '1', mobile: '2', qrcode: '3', hall_pad: '4', hall_terminal: '5', phone: '6', sms: '7', system: '9' },
  identityCodes: { natural_person: '1', legal_person: '2' },
  personalData: 'masked',
  areaCodeLength: 12,
  deptCodes: {},
  defaultDeptCode: '',
}

/** Parses a (partial) JSON profile over the default; throws with the offending field named. */
export function parseProfile(json: string | undefined): ProvincialProfile {
  if (!json) return DEFAULT_PROVINCIAL_PROFILE
  const raw = JSON.parse(json) as Partial<ProvincialProfile>
  return ProvincialProfileSchema.parse({
    ...DEFAULT_PROVINCIAL_PROFILE,
    ...raw,
    channelCodes: { ...DEFAULT_PROVINCIAL_PROFILE.channelCodes, ...raw.channelCodes },
    identityCodes: { ...DEFAULT_PROVINCIAL_PROFILE.identityCodes, ...raw.identityCodes },
  })
}

