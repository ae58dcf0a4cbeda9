import '../zod'
import * as z from 'zod'
import { AUDIENCES, DAY_TYPES, HALL_TYPES, ITEM_TYPES, REGION_LEVELS, THEMES } from '../enums'
import { CreditCodeSchema, DateSchema, MobileSchema, ObjectIdSchema, pageOf, PageQuerySchema, QueryBoolSchema, TimeSchema } from './common'

/** Landline or mobile, as printed on a guide: "0350-3336789", "12345", "13812345678". */
export const PhoneSchema = z.string().trim().regex(/^(\d{3,4}-?\d{7,8}|1[3-9]\d{9}|\d{5})$/, '电话号码格式不正确')

// ---------------------------------------------------------------------------------------------
// Regions, departments
// ---------------------------------------------------------------------------------------------
/** 忻州市: the city the product serves; its administrators manage what is city-wide (e.g. the calendar). */
export const CITY_REGION_CODE = '140900'

/** Administrative code: 6 digits (city, county), 9 (township), 12 (village/community). */
export const RegionCodeSchema = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, '行政区划代码格式不正确')

export const RegionSchema = z.object({
  code: z.string().regex(/^\d{6,12}$/),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  parentCode: z.string().optional(),
  seat: z.string().optional(),
})
export type Region = z.infer<typeof RegionSchema>

export const RegionQuerySchema = z.object({
  parentCode: RegionCodeSchema.optional(),
  level: z.enum(REGION_LEVELS).optional(),
})
export const RegionListSchema = z.array(RegionSchema)

export const DepartmentInputSchema = z.strictObject({
  name: z.string().trim().min(2).max(50),
  shortName: z.string().trim().max(20).optional(),
  regionCode: RegionCodeSchema,
  phone: PhoneSchema.optional(),
  /** 统一社会信用代码 of the agency (机关: 11xxxxxx…). */
  creditCode: CreditCodeSchema.optional(),
})
export type DepartmentInput = z.infer<typeof DepartmentInputSchema>
export const DepartmentUpdateSchema = DepartmentInputSchema.partial()
export type DepartmentUpdate = z.infer<typeof DepartmentUpdateSchema>
export const DepartmentSchema = DepartmentInputSchema.extend({ id: z.string(), demo: z.boolean() })
export type Department = z.infer<typeof DepartmentSchema>
export const DepartmentQuerySchema = z.object({ regionCode: RegionCodeSchema.optional() })
export const DepartmentListSchema = z.array(DepartmentSchema)

export const ThemeCountSchema = z.object({ name: z.enum(THEMES), count: z.number().int() })
export const ThemeListSchema = z.array(ThemeCountSchema)

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
  regionCode: RegionCodeSchema,
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
export type ServiceData = z.output<typeof ServiceInputSchema>

/**
 * PATCH body: every field optional and none defaulted (a `.partial()` of the input schema would fill the defaults
 * in and overwrite stored values). The code (事项编码) identifies the item and cannot change.
 */
export const ServiceUpdateSchema = ServiceInputSchema.omit({
  code: true,
  instantApproval: true,
  commitment: true,
  proxy: true,
  bookable: true,
  hallIds: true,
  hours: true,
  complaintPhone: true,
  faq: true,
  keywords: true,
})
  .partial()
  .extend({
    instantApproval: z.boolean().optional(),
    commitment: z.boolean().optional(),
    proxy: z.boolean().optional(),
    bookable: z.boolean().optional(),
    hallIds: z.array(ObjectIdSchema).optional(),
    hours: z.string().max(200).optional(),
    complaintPhone: PhoneSchema.optional(),
    faq: z.array(FaqSchema).max(20).optional(),
    keywords: z.array(z.string().min(1).max(20)).max(20).optional(),
  })
export type ServiceUpdate = z.infer<typeof ServiceUpdateSchema>

export const RatingSummarySchema = z.object({
  count: z.number().int(),
  goodRate: z.number().nullable(),
  average: z.number().nullable(),
  levels: z.record(z.string(), z.number().int()),
})
export type RatingSummary = z.infer<typeof RatingSummarySchema>

/** Kinds of off-hours sessions an item can be booked in. */
export const OFF_HOURS_KINDS = ['weekend', 'extended'] as const
export type OffHoursKind = (typeof OFF_HOURS_KINDS)[number]

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
  /** Some session offers it on a weekend or public holiday within the booking horizon (周末/节假日可约). */
  offHoursWeekend: z.boolean(),
  /** Some session offers it on a working day at lunchtime or in the evening (午间/延时可约). */
  offHoursExtended: z.boolean(),
  instantApproval: z.boolean(),
  commitment: z.boolean(),
  status: z.enum(['active', 'archived']),
  /** 示例数据: shown as such in the UI. */
  demo: z.boolean(),
})
export type ServiceSummary = z.infer<typeof ServiceSummarySchema>
export const ServicePageSchema = pageOf(ServiceSummarySchema)

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
  halls: z.array(
    z.object({ id: z.string(), name: z.string(), type: z.enum(HALL_TYPES), regionCode: z.string(), address: z.string(), phone: z.string() }),
  ),
  hours: z.string(),
  consultPhone: z.string(),
  complaintPhone: z.string(),
  faq: z.array(FaqSchema),
  keywords: z.array(z.string()),
  ratingSummary: RatingSummarySchema,
})
export type ServiceDetail = z.infer<typeof ServiceDetailSchema>

export const ServiceQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  audience: z.enum(AUDIENCES).optional(),
  theme: z.enum(THEMES).optional(),
  departmentId: ObjectIdSchema.optional(),
  /** Items that apply in the region: those of the region itself, of the regions above it and below it. */
  regionCode: RegionCodeSchema.optional(),
  offHours: QueryBoolSchema.optional(),
  /** Only items with sessions of this kind: `weekend` (周末/节假日) or `extended` (午间/延时). */
  offHoursKind: z.enum(OFF_HOURS_KINDS).optional(),
})
export type ServiceQuery = z.infer<typeof ServiceQuerySchema>

/** Administrators also list archived items of their region. */
export const AdminServiceQuerySchema = ServiceQuerySchema.extend({ status: z.enum(['active', 'archived']).optional() })
export type AdminServiceQuery = z.infer<typeof AdminServiceQuerySchema>

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
  /** Region whose administrators maintain the bundle (default: the creator's region). */
  regionCode: RegionCodeSchema.optional(),
})
export type BundleInput = z.input<typeof BundleInputSchema>
export type BundleData = z.output<typeof BundleInputSchema>
export const BundleUpdateSchema = BundleInputSchema.partial()
export type BundleUpdate = z.infer<typeof BundleUpdateSchema>

export const MergedMaterialSchema = MaterialSchema.extend({
  serviceIds: z.array(z.string()),
  serviceNames: z.array(z.string()),
})
export type MergedMaterial = z.infer<typeof MergedMaterialSchema>

export const BundleSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  themes: z.array(z.string()),
  serviceIds: z.array(z.string()),
  serviceCount: z.number().int(),
  regionCode: z.string(),
  /** The bundle's own promise, or else the sum of its items' promises. */
  promisedLimitDays: z.number().int(),
  status: z.enum(['active', 'archived']),
  demo: z.boolean(),
})
export type BundleSummary = z.infer<typeof BundleSummarySchema>
export const BundleListSchema = z.array(BundleSummarySchema)

export const BundleDetailSchema = BundleSummarySchema.extend({
  services: z.array(ServiceSummarySchema),
  /** Merged, de-duplicated materials: a material several items require appears once, naming each of them. */
  mergedMaterials: z.array(MergedMaterialSchema),
  steps: z.array(ProcessStepSchema),
  /** What the items would take one after another (sum of their promised working days). */
  separateLimitDays: z.number().int(),
  /** Window visits when the items are handled separately, and in the bundle (the most any one item needs). */
  separateVisits: z.number().int(),
  visits: z.number().int(),
})
export type BundleDetail = z.infer<typeof BundleDetailSchema>

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

/** Xinzhou's extent (38°09′–39°40′ N, 110°53′–113°58′ E) with a margin: a service point outside is a typo. */
export const XINZHOU_BOX = { minLat: 37.9, maxLat: 39.9, minLng: 110.6, maxLng: 114.3 } as const
export const PointLocationSchema = z.strictObject({
  lat: z.number().min(XINZHOU_BOX.minLat, '网点纬度不在忻州市范围内').max(XINZHOU_BOX.maxLat, '网点纬度不在忻州市范围内'),
  lng: z.number().min(XINZHOU_BOX.minLng, '网点经度不在忻州市范围内').max(XINZHOU_BOX.maxLng, '网点经度不在忻州市范围内'),
})

export const HallInputSchema = z.strictObject({
  name: z.string().trim().min(2).max(60),
  type: z.enum(HALL_TYPES),
  regionCode: RegionCodeSchema,
  address: z.string().trim().min(4).max(120),
  location: PointLocationSchema,
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
export type HallData = z.output<typeof HallInputSchema>

/** PATCH body: every field optional and none defaulted (see ServiceUpdateSchema). */
export const HallUpdateSchema = HallInputSchema.omit({
  regularHours: true,
  weekendHours: true,
  holidayHours: true,
  open24h: true,
  serviceIds: true,
  windows: true,
  rectifyDays: true,
})
  .partial()
  .extend({
    regularHours: z.array(TimeRangeSchema).max(4).optional(),
    weekendHours: z.array(TimeRangeSchema).max(4).optional(),
    holidayHours: z.array(TimeRangeSchema).max(4).optional(),
    open24h: z.boolean().optional(),
    serviceIds: z.array(ObjectIdSchema).optional(),
    windows: z.array(WindowSchema).max(60).optional(),
    rectifyDays: z.number().int().min(1).max(30).optional(),
  })
export type HallUpdate = z.infer<typeof HallUpdateSchema>

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
  /** Why it is open now: 7×24, regular hours, or an off-hours session (双休日值班 …). */
  openBy: z.enum(['always', 'regular', 'offHours']).optional(),
  distanceKm: z.number().optional(),
  hasOffHours: z.boolean(),
  status: z.enum(['active', 'archived']),
  demo: z.boolean(),
})
export type HallSummary = z.infer<typeof HallSummarySchema>
export const HallPageSchema = pageOf(HallSummarySchema)

const NamedRefSchema = z.object({ id: z.string(), name: z.string() })

export const HallDetailSchema = HallSummarySchema.extend({
  regularHours: z.array(TimeRangeSchema),
  weekendHours: z.array(TimeRangeSchema),
  holidayHours: z.array(TimeRangeSchema),
  services: z.array(NamedRefSchema.extend({ code: z.string() })),
  windows: z.array(
    z.object({ number: z.string(), name: z.string(), staffed: z.boolean(), services: z.array(NamedRefSchema) }),
  ),
  rectifyDays: z.number().int(),
  description: z.string().optional(),
  /** Today (local) at the point: its regular hours and off-hours sessions. */
  today: z.object({
    date: z.string(),
    dayType: z.enum(DAY_TYPES),
    regularHours: z.array(TimeRangeSchema),
    sessions: z.array(z.object({ label: z.string(), start: z.string(), end: z.string() })),
  }),
  /** Items of the point that some active off-hours session rule offers (bookable here). */
  bookableServiceIds: z.array(z.string()),
})
export type HallDetail = z.infer<typeof HallDetailSchema>

export const HallQuerySchema = PageQuerySchema.extend({
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  radiusKm: z.coerce.number().positive().max(500).optional(),
  type: z.enum(HALL_TYPES).optional(),
  /** Points within the region (a county contains its townships and villages). */
  regionCode: RegionCodeSchema.optional(),
  serviceId: ObjectIdSchema.optional(),
  openNow: QueryBoolSchema.optional(),
}).superRefine((q, ctx) => {
  if ((q.lat === undefined) !== (q.lng === undefined)) {
    ctx.addIssue({ code: 'custom', path: [q.lat === undefined ? 'lat' : 'lng'], message: '经纬度需同时提供' })
  }
  if (q.radiusKm !== undefined && q.lat === undefined) {
    ctx.addIssue({ code: 'custom', path: ['radiusKm'], message: '按距离筛选需提供经纬度' })
  }
})
export type HallQuery = z.infer<typeof HallQuerySchema>

export const AdminHallQuerySchema = PageQuerySchema.extend({
  status: z.enum(['active', 'archived']).optional(),
  type: z.enum(HALL_TYPES).optional(),
  regionCode: RegionCodeSchema.optional(),
})
export type AdminHallQuery = z.infer<typeof AdminHallQuerySchema>

// ---------------------------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------------------------
export const CalendarDaySchema = z.object({
  date: z.string(),
  type: z.enum(DAY_TYPES),
  name: z.string().optional(),
  official: z.boolean(),
  /** A statutory holiday computed by rule in a year without a published schedule (SPEC §2.12). */
  provisional: z.boolean().optional(),
  override: z.boolean().optional(),
})
export type CalendarDay = z.infer<typeof CalendarDaySchema>

export const CalendarListSchema = z.array(CalendarDaySchema)

export const CalendarQuerySchema = z.object({ from: DateSchema, to: DateSchema })

export const CalendarOverrideInputSchema = z.strictObject({
  date: DateSchema,
  type: z.enum(DAY_TYPES),
  name: z.string().trim().min(2).max(30),
  reason: z.string().trim().max(200).optional(),
})
export type CalendarOverrideInput = z.infer<typeof CalendarOverrideInputSchema>
/** `PUT /admin/calendar/overrides/:date` body (the date is in the path). */
export const CalendarOverrideBodySchema = CalendarOverrideInputSchema.omit({ date: true })
export const CalendarOverrideSchema = z.object({
  date: z.string(),
  type: z.enum(DAY_TYPES),
  name: z.string(),
  reason: z.string().optional(),
})
export const CalendarOverrideListSchema = z.array(CalendarOverrideSchema)
export const DateParamsSchema = z.object({ date: DateSchema })

export { MobileSchema }
