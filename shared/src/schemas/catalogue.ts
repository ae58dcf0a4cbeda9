import '../zod'
import * as z from 'zod'
import { AUDIENCES, DAY_TYPES, HALL_TYPES, ITEM_TYPES, REGION_LEVELS, THEMES } from '../enums'
import { DateSchema, MobileSchema, ObjectIdSchema, PageQuerySchema, QueryBoolSchema, TimeSchema } from './common'

/** Landline or mobile, as printed on a guide: "0350-3336789", "12345", "13812345678". */
export const PhoneSchema = z.string().trim().regex(/^(\d{3,4}-?\d{7,8}|1[3-9]\d{9}|\d{5})$/, '电话号码格式不正确')

// ---------------------------------------------------------------------------------------------
// Regions, departments
// ---------------------------------------------------------------------------------------------
export const RegionSchema = z.object({
  code: z.string().regex(/^\d{6,12}$/),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  parentCode: z.string().optional(),
  seat: z.string().optional(),
})
export type Region = z.infer<typeof RegionSchema>

export const DepartmentInputSchema = z.strictObject({
  name: z.string().trim().min(2).max(50),
  shortName: z.string().trim().max(20).optional(),
  regionCode: z.string().regex(/^\d{6,12}$/),
  phone: PhoneSchema.optional(),
})
export const DepartmentSchema = DepartmentInputSchema.extend({ id: z.string() })
export type Department = z.infer<typeof DepartmentSchema>

// ---------------------------------------------------------------------------------------------
// Service items (办事指南)
// ---------------------------------------------------------------------------------------------
export const MaterialSchema = z.strictObject({
  name: z.string().trim().min(2).max(100),
  form: z.enum(['原件', '复印件', '原件及复印件']),
  copies: z.number().int().min(0).max(20).default(1),
  medium: z.enum(['纸质', '电子', '纸质或电子']).default('纸质或电子'),
  required: z.boolean().default(true),
  source: z.string().max(100).optional(),
  blankFormUrl: z.url().optional(),
  sampleUrl: z.url().optional(),
  exempt: z.boolean().default(false),
  promise: z.boolean().default(false),
  eLicense: z.boolean().default(false),
  note: z.string().max(300).optional(),
})
export type Material = z.infer<typeof MaterialSchema>

export const ProcessStepSchema = z.strictObject({
  name: z.string().trim().min(2).max(30),
  role: z.string().trim().min(2).max(30),
  limitDays: z.number().min(0).max(60).optional(),
  description: z.string().max(300).optional(),
})
export type ProcessStep = z.infer<typeof ProcessStepSchema>

export const FeeSchema = z.discriminatedUnion('free', [
  z.strictObject({ free: z.literal(true) }),
  z.strictObject({ free: z.literal(false), amountFen: z.number().int().min(1), basis: z.string().min(2).max(200) }),
])
export type Fee = z.infer<typeof FeeSchema>

export const FaqSchema = z.strictObject({ q: z.string().min(2).max(200), a: z.string().min(2).max(1000) })

export const SERVICE_LEVELS = ['市级', '县级', '乡级', '村级'] as const
export const ONLINE_DEPTHS = ['线下办理', '网上咨询', '网上预审', '全程网办'] as const

export const ServiceInputSchema = z.strictObject({
  code: z.string().trim().regex(/^[0-9A-Z-]{6,40}$/, '事项编码格式不正确'),
  name: z.string().trim().min(2).max(60),
  itemType: z.enum(ITEM_TYPES),
  departmentId: ObjectIdSchema,
  implementer: z.string().trim().min(2).max(60),
  legalBasis: z.array(z.string().min(2).max(300)).min(1),
  audiences: z.array(z.enum(AUDIENCES)).min(1),
  themes: z.array(z.enum(THEMES)).min(1),
  levels: z.array(z.enum(SERVICE_LEVELS)).min(1),
  regionCode: z.string().regex(/^\d{6,12}$/),
  conditions: z.array(z.string().min(2).max(300)).min(1),
  materials: z.array(MaterialSchema).min(0).max(40),
  steps: z.array(ProcessStepSchema).min(1).max(12),
  legalLimitDays: z.number().int().min(0).max(365),
  promisedLimitDays: z.number().int().min(0).max(365),
  fee: FeeSchema,
  visits: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  onlineDepth: z.enum(ONLINE_DEPTHS),
  instantApproval: z.boolean().default(false),
  commitment: z.boolean().default(false),
  proxy: z.boolean().default(false),
  bookable: z.boolean().default(true),
  hallIds: z.array(ObjectIdSchema).default([]),
  hours: z.string().max(200).default('工作日 9:00-12:00，13:30-17:30'),
  consultPhone: PhoneSchema,
  complaintPhone: PhoneSchema.default('12345'),
  faq: z.array(FaqSchema).max(20).default([]),
  keywords: z.array(z.string().min(1).max(20)).max(20).default([]),
})
export type ServiceInput = z.input<typeof ServiceInputSchema>
export const ServiceUpdateSchema = ServiceInputSchema.partial()

export const RatingSummarySchema = z.object({
  count: z.number().int(),
  goodRate: z.number().nullable(),
  average: z.number().nullable(),
  levels: z.record(z.string(), z.number().int()),
})
export type RatingSummary = z.infer<typeof RatingSummarySchema>

export const ServiceSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  itemType: z.enum(ITEM_TYPES),
  departmentId: z.string(),
  departmentName: z.string().optional(),
  audiences: z.array(z.enum(AUDIENCES)),
  themes: z.array(z.enum(THEMES)),
  promisedLimitDays: z.number().int(),
  visits: z.number().int(),
  bookable: z.boolean(),
  offHours: z.boolean(),
  instantApproval: z.boolean(),
  commitment: z.boolean(),
})
export type ServiceSummary = z.infer<typeof ServiceSummarySchema>

export const ServiceDetailSchema = ServiceSummarySchema.extend({
  implementer: z.string(),
  legalBasis: z.array(z.string()),
  levels: z.array(z.string()),
  regionCode: z.string(),
  conditions: z.array(z.string()),
  materials: z.array(MaterialSchema),
  steps: z.array(ProcessStepSchema),
  legalLimitDays: z.number().int(),
  fee: FeeSchema,
  onlineDepth: z.string(),
  proxy: z.boolean(),
  hallIds: z.array(z.string()),
  halls: z.array(z.object({ id: z.string(), name: z.string(), type: z.enum(HALL_TYPES), address: z.string() })),
  hours: z.string(),
  consultPhone: z.string(),
  complaintPhone: z.string(),
  faq: z.array(FaqSchema),
  keywords: z.array(z.string()),
  status: z.enum(['active', 'archived']),
  ratingSummary: RatingSummarySchema,
  demo: z.boolean(),
})
export type ServiceDetail = z.infer<typeof ServiceDetailSchema>

export const ServiceQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  audience: z.enum(AUDIENCES).optional(),
  theme: z.enum(THEMES).optional(),
  departmentId: ObjectIdSchema.optional(),
  regionCode: z.string().regex(/^\d{6,12}$/).optional(),
  offHours: QueryBoolSchema.optional(),
})
export type ServiceQuery = z.infer<typeof ServiceQuerySchema>

// ---------------------------------------------------------------------------------------------
// Bundles (一件事一次办)
// ---------------------------------------------------------------------------------------------
export const BundleInputSchema = z.strictObject({
  name: z.string().trim().min(2).max(40),
  description: z.string().max(500),
  serviceIds: z.array(ObjectIdSchema).min(2).max(15),
  themes: z.array(z.enum(THEMES)).min(1),
  steps: z.array(ProcessStepSchema).min(1).max(12),
  promisedLimitDays: z.number().int().min(0).max(365).optional(),
})
export type BundleInput = z.input<typeof BundleInputSchema>
export const BundleUpdateSchema = BundleInputSchema.partial()

export const MergedMaterialSchema = MaterialSchema.extend({
  serviceIds: z.array(z.string()),
  serviceNames: z.array(z.string()),
})
export type MergedMaterial = z.infer<typeof MergedMaterialSchema>

// ---------------------------------------------------------------------------------------------
// Service points (服务网点)
// ---------------------------------------------------------------------------------------------
export const TimeRangeSchema = z
  .strictObject({ start: TimeSchema, end: TimeSchema })
  .refine((r) => r.start < r.end, { message: '结束时间应晚于开始时间', path: ['end'] })
export type TimeRange = z.infer<typeof TimeRangeSchema>

export const WindowSchema = z.strictObject({
  number: z.string().trim().min(1).max(10),
  name: z.string().trim().min(2).max(40),
  serviceIds: z.array(ObjectIdSchema).default([]),
  staffed: z.boolean().default(true),
})

export const LocationSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
})

export const HallInputSchema = z.strictObject({
  name: z.string().trim().min(2).max(60),
  type: z.enum(HALL_TYPES),
  regionCode: z.string().regex(/^\d{6,12}$/),
  address: z.string().trim().min(4).max(120),
  location: LocationSchema,
  phone: PhoneSchema,
  /** Opening hours on working days (workday and 调休 workday). */
  regularHours: z.array(TimeRangeSchema).max(4).default([
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ]),
  /** Regular opening on weekends (e.g. bank branches); off-hours sessions come from session rules. */
  weekendHours: z.array(TimeRangeSchema).max(4).default([]),
  /** Regular opening on public holidays. */
  holidayHours: z.array(TimeRangeSchema).max(4).default([]),
  open24h: z.boolean().default(false),
  serviceIds: z.array(ObjectIdSchema).default([]),
  windows: z.array(WindowSchema).max(60).default([]),
  /** Working days allowed for a 差评 rectification reply (SPEC §2.7, per point). */
  rectifyDays: z.number().int().min(1).max(30).default(5),
  description: z.string().max(500).optional(),
})
export type HallInput = z.input<typeof HallInputSchema>
export const HallUpdateSchema = HallInputSchema.partial()

export const HallSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(HALL_TYPES),
  regionCode: z.string(),
  regionName: z.string().optional(),
  address: z.string(),
  location: LocationSchema,
  phone: z.string(),
  open24h: z.boolean(),
  openNow: z.boolean(),
  distanceKm: z.number().optional(),
  hasOffHours: z.boolean(),
})
export type HallSummary = z.infer<typeof HallSummarySchema>

export const HallQuerySchema = z.object({
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  radiusKm: z.coerce.number().positive().max(500).optional(),
  type: z.enum(HALL_TYPES).optional(),
  regionCode: z.string().regex(/^\d{6,12}$/).optional(),
  serviceId: ObjectIdSchema.optional(),
  openNow: QueryBoolSchema.optional(),
})
export type HallQuery = z.infer<typeof HallQuerySchema>

// ---------------------------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------------------------
export const CalendarDaySchema = z.object({
  date: z.string(),
  type: z.enum(DAY_TYPES),
  name: z.string().optional(),
  official: z.boolean(),
  override: z.boolean().optional(),
})
export type CalendarDay = z.infer<typeof CalendarDaySchema>

export const CalendarQuerySchema = z.object({ from: DateSchema, to: DateSchema })

export const CalendarOverrideInputSchema = z.strictObject({
  date: DateSchema,
  type: z.enum(DAY_TYPES),
  name: z.string().trim().min(2).max(30),
  reason: z.string().trim().max(200).optional(),
})
export type CalendarOverrideInput = z.infer<typeof CalendarOverrideInputSchema>

export { MobileSchema }
