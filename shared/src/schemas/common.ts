import '../zod'
import * as z from 'zod'
import { isValidCreditCode } from '../validators/credit-code'
import { isValidMobile, normalizeMobile } from '../validators/mobile'
import { isDateInRange, isValidDate, MAX_DATE, MIN_DATE, TIME_RE } from '../time'

export const ObjectIdSchema = z.string().regex(/^[0-9a-f]{24}$/i, '不是有效的编号').meta({ format: 'objectid' })
export const IdParamsSchema = z.object({ id: ObjectIdSchema })

/** A real calendar date in the sane window MIN_DATE…MAX_DATE (anything else is a 400 naming the field). */
export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isValidDate, '日期格式应为 YYYY-MM-DD')
  .refine(isDateInRange, `日期应在 ${MIN_DATE} 至 ${MAX_DATE} 之间`)
  // documented pattern: the year window and month/day shapes (impossible days like 02-30 are refused too)
  .meta({ format: 'date', pattern: '^(20\\d{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' })
export const TimeSchema = z.string().regex(TIME_RE, '时间格式应为 HH:mm')

export const MobileSchema = z
  .string()
  .trim()
  .refine(isValidMobile, '请输入正确的手机号码')
  .transform(normalizeMobile)
  .meta({ format: 'cn-mobile', pattern: '^(\\+?86)?1[3-9]\\d{9}$', description: '中国大陆手机号（11 位，可带 +86）' })
export const CreditCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isValidCreditCode, '统一社会信用代码不正确')
  .meta({
    format: 'cn-credit-code',
    pattern: '^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{10}$',
    description: '统一社会信用代码（GB 32100-2015，18 位，末位为校验码）',
  })
export const PersonNameSchema = z.string().trim().min(1, '请填写姓名').max(30)

export const EnterpriseSchema = z.strictObject({
  name: z.string().trim().min(2, '请填写企业名称').max(100),
  creditCode: CreditCodeSchema,
})
export type Enterprise = z.infer<typeof EnterpriseSchema>

/** Query booleans arrive as strings. */
export const QueryBoolSchema = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')

export const MAX_PAGE_SIZE = 50
/** Deeper pages would make the database skip millions of rows: nobody pages that far by hand. */
export const MAX_PAGE = 1000
export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
})
export type PageQuery = z.infer<typeof PageQuerySchema>

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
}
export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
})

export const OkSchema = z.object({ ok: z.literal(true) })
