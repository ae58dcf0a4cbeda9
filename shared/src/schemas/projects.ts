import '../zod'
import * as z from 'zod'
import { checklistIssues } from '../project-checklist'
import { regionContains } from '../regions'
import { DateSchema, EnterpriseSchema, MobileSchema, ObjectIdSchema, PageQuerySchema, PersonNameSchema, QueryBoolSchema, pageOf } from './common'

// =============================================================================================
// 全代办 / 项目长 for investment projects (SPEC §2.11; plan clauses 14, 16, 19, 34)
//
// Routes (all under /api/v1). Roles: citizen = the enterprise user who owns the project's enterprise profile
// (claimed by 统一社会信用代码, see /me/enterprise); agent = 项目长 or 代办员 account (which one is per project:
// the project's leaderId or one of its agentIds); admin = administrators of the project's region (templates and
// project accounts: city-wide, edited by the city's administrators, read by every administrator).
//
// | method | path                                              | role                      | body / query                  | response                       |
// |--------|---------------------------------------------------|---------------------------|-------------------------------|--------------------------------|
// | GET    | /projects/mine                                    | citizen                   | q: ProjectListQuerySchema     | ProjectSummaryPageSchema       |
// | GET    | /projects/:id                                     | citizen, agent, admin     | —                             | ProjectDetailSchema            |
// | POST   | /projects/:id/agency                              | citizen, agent            | ProjectAgencyStepSchema       | ProjectDetailSchema            |
// | POST   | /projects/:id/items/:key/commitment               | citizen (owner)           | ProjectCommitmentSignSchema   | ProjectDetailSchema            |
// | GET    | /projects/:id/forms/:form                         | citizen, agent, admin     | — (form: entrustment|completion|termination) | ProjectAgencyFormSchema |
// | GET    | /agent/projects                                   | agent                     | q: ProjectListQuerySchema     | ProjectSummaryPageSchema       |
// | PATCH  | /agent/projects/:id/items/:key                    | agent (leader or agent)   | ProjectItemUpdateSchema       | ProjectDetailSchema            |
// | POST   | /agent/projects/:id/items/:key/commitment-check   | agent (leader or agent)   | ProjectCommitmentCheckSchema  | ProjectDetailSchema            |
// | POST   | /agent/projects/:id/checklist                     | agent (leader only)       | ProjectChecklistChangeSchema  | ProjectDetailSchema            |
// | GET    | /admin/project-templates                          | admin                     | —                             | ProjectTemplateListSchema      |
// | POST   | /admin/project-templates                          | admin (city)              | ProjectTemplateInputSchema    | ProjectTemplateSchema (201)    |
// | GET    | /admin/project-templates/:id                      | admin                     | —                             | ProjectTemplateSchema          |
// | PUT    | /admin/project-templates/:id                      | admin (city)              | ProjectTemplateInputSchema    | ProjectTemplateSchema          |
// | DELETE | /admin/project-templates/:id                      | admin (city)              | — (archives: active=false)    | ProjectTemplateSchema          |
// | GET    | /admin/projects                                   | admin                     | q: AdminProjectListQuerySchema| ProjectSummaryPageSchema       |
// | POST   | /admin/projects                                   | admin (project's region)  | ProjectCreateSchema           | ProjectDetailSchema (201)      |
// | PUT    | /admin/projects/:id/team                          | admin (project's region)  | ProjectTeamSchema             | ProjectDetailSchema            |
// | GET    | /admin/projects/overview                          | admin                     | q: ProjectOverviewQuerySchema | ProjectOverviewSchema          |
// | GET    | /admin/project-accounts                           | admin                     | —                             | ProjectAccountListSchema       |
// | POST   | /admin/project-accounts                           | admin (account's region)  | ProjectAccountCreateSchema    | ProjectAccountWithPasswordSchema (201) |
//
// Params: `:id` ObjectId (ProjectIdParamsSchema), `:key` an item key (ProjectItemParamsSchema), `:form`
// (ProjectFormParamsSchema). Errors: 403 FORBIDDEN (not your project / not the 项目长 / wrong actor for a step),
// 404 NOT_FOUND, 409 CONFLICT (someone else made the same change first), 422 INVALID_STATE (step not allowed from
// the current state), DEPENDENCY_PENDING (item started before its 前置事项 are done), DEPENDENCY_CYCLE (checklist
// change creates a cycle), RULE_VIOLATION (other rules, message says which), 400 VALIDATION_FAILED.
// =============================================================================================

/** Project types with a checklist template each. */
export const PROJECT_TYPES = ['一般工业项目', '标准地工业项目', '房地产开发', '市政基础设施', '其他'] as const
export type ProjectType = (typeof PROJECT_TYPES)[number]

export const PROJECT_LEVELS = ['省级重点', '市级重点', '一般'] as const
export type ProjectLevel = (typeof PROJECT_LEVELS)[number]

/** The approval stages, in order (工程建设项目审批制度改革's four stages plus 不动产登记, clause 34). */
export const PROJECT_STAGES = ['land_planning', 'engineering', 'construction', 'acceptance', 'registration'] as const
export type ProjectStage = (typeof PROJECT_STAGES)[number]
export const PROJECT_STAGE_LABELS: Record<ProjectStage, string> = {
  land_planning: '立项用地规划许可',
  engineering: '工程建设许可',
  construction: '施工许可',
  acceptance: '竣工验收',
  registration: '不动产登记',
}

/** Status of a checklist item. */
export const PROJECT_ITEM_STATUSES = ['not_started', 'in_progress', 'paused', 'done'] as const
export type ProjectItemStatus = (typeof PROJECT_ITEM_STATUSES)[number]
export const PROJECT_ITEM_STATUS_LABELS: Record<ProjectItemStatus, string> = {
  not_started: '未开始',
  in_progress: '办理中',
  paused: '暂停',
  done: '已办结',
}

/** The 代办 life cycle of DB14/T 2233—2020 政务服务帮(代)办服务规范, per project. */
export const AGENCY_STATUSES = ['none', 'entrusted', 'accepted', 'handling', 'suspended', 'completed', 'terminated'] as const
export type AgencyStatus = (typeof AGENCY_STATUSES)[number]
export const AGENCY_STATUS_LABELS: Record<AgencyStatus, string> = {
  none: '未委托',
  entrusted: '已委托',
  accepted: '已受理',
  handling: '办理中',
  suspended: '已中止',
  completed: '已办结',
  terminated: '已终止',
}
export const AGENCY_ACTIONS = ['entrust', 'accept', 'start', 'suspend', 'resume', 'complete', 'terminate'] as const
export type AgencyAction = (typeof AGENCY_ACTIONS)[number]
export const AGENCY_ACTION_LABELS: Record<AgencyAction, string> = {
  entrust: '委托',
  accept: '受理',
  start: '办理',
  suspend: '中止',
  resume: '续办',
  complete: '办结',
  terminate: '终止',
}

/** Who a caller is for one project. */
export const PROJECT_VIEWER_ROLES = ['enterprise', 'leader', 'agent', 'admin'] as const
export type ProjectViewerRole = (typeof PROJECT_VIEWER_ROLES)[number]

/** Working days an enterprise has, by default, before a 告知承诺制 commitment is verified by the department. */
export const DEFAULT_COMMITMENT_VERIFY_DAYS = 20
/** The national target for a general industrial project's approvals (plan clause 20), working days. */
export const INDUSTRIAL_TARGET_WORKING_DAYS = 45

const Text = (max: number, what: string) => z.string().trim().min(2, `请填写${what}`).max(max, `${what}不能超过 ${max} 字`)
const Days = (what: string) => z.number().int(`${what}应为整数`).min(0, `${what}不能为负数`).max(365, `${what}不能超过 365 个工作日`)

export const PROJECT_ITEM_KEY_RE = /^[a-z][a-z0-9_-]{1,31}$/
export const ProjectItemKeySchema = z.string().regex(PROJECT_ITEM_KEY_RE, '事项编号应为 2–32 位小写字母、数字、_ 或 -，以字母开头')

// ---------------------------------------------------------------------------------------------
// Templates (一项目一方案一清单 per project type)
// ---------------------------------------------------------------------------------------------
export const ProjectTemplateItemSchema = z
  .strictObject({
    key: ProjectItemKeySchema,
    name: Text(60, '事项名称'),
    stage: z.enum(PROJECT_STAGES),
    /** 承办部门, e.g. 市发改委 / 市自然资源局. */
    departmentName: Text(40, '承办部门'),
    /** 法定时限 (working days; 0 = 即办). */
    legalDays: Days('法定时限'),
    /** 承诺时限 (working days), never longer than the legal limit. */
    promisedDays: Days('承诺时限'),
    /** 前置事项: keys of earlier items that must be 办结 first (none: runs in parallel from the project start). */
    dependsOn: z.array(ProjectItemKeySchema).max(20).default([]),
    /** 告知承诺制 applies: the item may be granted on the enterprise's signed commitment and verified later. */
    commitmentAllowed: z.boolean().default(false),
    /** Working days after signing by which the department verifies the commitment. */
    commitmentVerifyDays: z.number().int().min(1).max(180).default(DEFAULT_COMMITMENT_VERIFY_DAYS),
    /**
     * 拿地即开工: with the project option on, the item depends only on these (e.g. 基坑支护和土方开挖施工许可 right after
     * the land is granted) and is granted under 承诺制.
     */
    earlyStartDependsOn: z.array(ProjectItemKeySchema).max(20).optional(),
    /** The document it produces (证照/批文), e.g. 建设用地规划许可证. */
    documentName: z.string().trim().max(60).optional(),
    /**
     * 非审批环节: the enterprise's own work between approvals (施工建设), on the timeline and in the completion date,
     * but left out of the approval working days per stage.
     */
    milestone: z.boolean().default(false),
  })
  .refine((it) => it.promisedDays <= it.legalDays, { path: ['promisedDays'], message: '承诺时限不能长于法定时限' })
export type ProjectTemplateItem = z.output<typeof ProjectTemplateItemSchema>
export type ProjectTemplateItemInput = z.input<typeof ProjectTemplateItemSchema>

/** Adds the checklist's structural issues (duplicate keys, unknown or cyclic dependencies) under `items.<i>.<field>`. */
function refineChecklist(items: { key: string; dependsOn: string[]; earlyStartDependsOn?: string[] }[], ctx: z.RefinementCtx) {
  for (const issue of checklistIssues(items)) ctx.addIssue({ code: 'custom', path: ['items', ...issue.path], message: issue.message })
}

export const ProjectTemplateInputSchema = z
  .strictObject({
    name: Text(60, '模板名称'),
    type: z.enum(PROJECT_TYPES),
    description: z.string().trim().max(500).optional(),
    items: z.array(ProjectTemplateItemSchema).min(1, '清单至少需要 1 个事项').max(60, '清单最多 60 个事项'),
    active: z.boolean().default(true),
  })
  .superRefine((t, ctx) => refineChecklist(t.items, ctx))
export type ProjectTemplateInput = z.input<typeof ProjectTemplateInputSchema>

export const ProjectTemplateItemViewSchema = z.object({
  key: z.string(),
  name: z.string(),
  stage: z.enum(PROJECT_STAGES),
  departmentName: z.string(),
  legalDays: z.number().int(),
  promisedDays: z.number().int(),
  dependsOn: z.array(z.string()),
  commitmentAllowed: z.boolean(),
  commitmentVerifyDays: z.number().int(),
  earlyStartDependsOn: z.array(z.string()).optional(),
  documentName: z.string().optional(),
  milestone: z.boolean(),
})
export const ProjectTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(PROJECT_TYPES),
  description: z.string().optional(),
  items: z.array(ProjectTemplateItemViewSchema),
  active: z.boolean(),
  /** Working days from start to the last approval along the critical path, with the promised / the legal limits. */
  promisedWorkingDays: z.number().int(),
  legalWorkingDays: z.number().int(),
  /** The same with 拿地即开工 (when an item of the template moves ahead under it). */
  landStartWorkingDays: z.number().int().optional(),
  demo: z.boolean(),
  updatedAt: z.iso.datetime(),
})
export type ProjectTemplate = z.infer<typeof ProjectTemplateSchema>
export const ProjectTemplateListSchema = z.object({ items: z.array(ProjectTemplateSchema) })
export type ProjectTemplateList = z.infer<typeof ProjectTemplateListSchema>

// ---------------------------------------------------------------------------------------------
// Params and queries
// ---------------------------------------------------------------------------------------------
export const ProjectIdParamsSchema = z.object({ id: ObjectIdSchema })
export const ProjectItemParamsSchema = z.object({ id: ObjectIdSchema, key: ProjectItemKeySchema })
export const PROJECT_FORMS = ['entrustment', 'completion', 'termination'] as const
export type ProjectForm = (typeof PROJECT_FORMS)[number]
export const PROJECT_FORM_LABELS: Record<ProjectForm, string> = { entrustment: '帮(代)办委托书', completion: '帮(代)办办结单', termination: '帮(代)办终止单' }
export const ProjectFormParamsSchema = z.object({ id: ObjectIdSchema, form: z.enum(PROJECT_FORMS) })

/** The enterprise's and the 项目长/代办员's lists: at-risk first, then by promised completion. */
export const ProjectListQuerySchema = PageQuerySchema
export type ProjectListQuery = z.infer<typeof ProjectListQuerySchema>
export const AdminProjectListQuerySchema = PageQuerySchema.extend({
  type: z.enum(PROJECT_TYPES).optional(),
  level: z.enum(PROJECT_LEVELS).optional(),
  /** Only the projects at risk (any item past its promised date). */
  atRisk: QueryBoolSchema.optional(),
  /** A county (6 digits) inside the administrator's region. */
  regionCode: z.string().regex(/^\d{6}$/, '区域编码应为 6 位数字').optional(),
})
export type AdminProjectListQuery = z.infer<typeof AdminProjectListQuerySchema>
export const ProjectOverviewQuerySchema = z.object({ type: z.enum(PROJECT_TYPES).optional() })
export type ProjectOverviewQuery = z.infer<typeof ProjectOverviewQuerySchema>

// ---------------------------------------------------------------------------------------------
// Creating a project, its team, accounts
// ---------------------------------------------------------------------------------------------
const CountySchema = z
  .string()
  .regex(/^\d{6}$/, '区域编码应为 6 位数字')
  .refine((c) => regionContains('140900', c), '项目须位于忻州市范围内')

export const ProjectCreateSchema = z.strictObject({
  templateId: ObjectIdSchema,
  name: Text(80, '项目名称'),
  /** 项目代码 (投资项目在线审批监管平台), optional. */
  code: z.string().trim().max(40).optional(),
  enterprise: EnterpriseSchema,
  /** County-level division (or 开发区) where it is built. */
  regionCode: CountySchema,
  location: Text(120, '建设地点'),
  /** 所属行业 as text, e.g. 新能源装备制造. */
  industry: Text(40, '所属行业'),
  /** 总投资 in 万元. */
  investmentWan: z.number().int('投资额应为整数（万元）').min(1, '投资额应大于 0').max(100_000_000),
  level: z.enum(PROJECT_LEVELS),
  /** 标准地: land granted with its standards set in advance (区域评估, 标准地出让). */
  standardLand: z.boolean().default(false),
  /** 拿地即开工 (clause 16): the items of the template marked for it move ahead under 承诺制. */
  landStart: z.boolean().default(false),
  /** When the approvals start (planned start of the items without 前置事项). */
  startDate: DateSchema,
  leaderId: ObjectIdSchema.optional(),
  agentIds: z.array(ObjectIdSchema).max(10).default([]),
  contactName: PersonNameSchema.optional(),
  contactMobile: MobileSchema.optional(),
})
export type ProjectCreate = z.input<typeof ProjectCreateSchema>

export const ProjectTeamSchema = z.strictObject({
  leaderId: ObjectIdSchema,
  agentIds: z.array(ObjectIdSchema).max(10).default([]),
})
export type ProjectTeam = z.input<typeof ProjectTeamSchema>

const UsernameSchema = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_.-]{3,31}$/, '用户名应为 4–32 位字母、数字或 _ . -，以字母开头')
export const ProjectAccountCreateSchema = z.strictObject({
  username: UsernameSchema,
  name: PersonNameSchema,
  /** 职务, e.g. 市发改委副主任 (shown to the enterprise next to the 项目长's name). */
  title: z.string().trim().max(40).optional(),
  mobile: MobileSchema.optional(),
  /** The region the account works in (city or a county). */
  regionCode: z.string().regex(/^\d{6}$/, '区域编码应为 6 位数字'),
})
export type ProjectAccountCreate = z.input<typeof ProjectAccountCreateSchema>
export const ProjectAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  title: z.string().optional(),
  mobile: z.string().optional(),
  regionCode: z.string(),
  disabled: z.boolean(),
})
export type ProjectAccount = z.infer<typeof ProjectAccountSchema>
export const ProjectAccountListSchema = z.object({ items: z.array(ProjectAccountSchema) })
export const ProjectAccountWithPasswordSchema = z.object({ account: ProjectAccountSchema, password: z.string() })

// ---------------------------------------------------------------------------------------------
// Work on a project: items, the checklist, commitments, the 代办 steps
// ---------------------------------------------------------------------------------------------
export const ProjectDocumentInputSchema = z.strictObject({
  name: Text(60, '文件名称'),
  /** 文号/证号. */
  number: z.string().trim().max(60).optional(),
  url: z.string().trim().url('文件地址无效').max(300).optional(),
})

/**
 * An update of one item by its 项目长 or 代办员. `status` moves it: 未开始 → 办理中 (its 前置事项 done), 办理中 ⇄ 暂停
 * (pausing needs a reason; the clock stops), 办理中 → 已办结. Dates default to today; they may not lie in the future.
 */
export const ProjectItemUpdateSchema = z
  .strictObject({
    status: z.enum(['in_progress', 'paused', 'done']).optional(),
    /** Pause reason (required for 暂停). */
    reason: z.string().trim().min(2, '请填写暂停原因').max(200).optional(),
    /** When it actually started / was 办结 (default: today). */
    on: DateSchema.optional(),
    /** Documents produced (appended). */
    documents: z.array(ProjectDocumentInputSchema).max(5).optional(),
    /** Who or what is blocking it now (shown to the enterprise); null clears it. */
    blocker: z.string().trim().max(100).nullable().optional(),
    note: z.string().trim().max(500).optional(),
    /** The item's `rev` the caller saw: a stale one gives 409 instead of overwriting someone's change. */
    rev: z.number().int().min(0).optional(),
  })
  .refine((b) => b.status !== 'paused' || b.reason, { path: ['reason'], message: '请填写暂停原因' })
  .refine((b) => b.status !== undefined || b.documents !== undefined || b.blocker !== undefined || b.note !== undefined, { message: '没有要更新的内容' })
export type ProjectItemUpdate = z.input<typeof ProjectItemUpdateSchema>

/** A new item the 项目长 adds to a project's checklist. */
export const ProjectItemInputSchema = z
  .strictObject({
    key: ProjectItemKeySchema,
    name: Text(60, '事项名称'),
    stage: z.enum(PROJECT_STAGES),
    departmentName: Text(40, '承办部门'),
    legalDays: Days('法定时限'),
    promisedDays: Days('承诺时限'),
    dependsOn: z.array(ProjectItemKeySchema).max(20).default([]),
    commitmentAllowed: z.boolean().default(false),
    commitmentVerifyDays: z.number().int().min(1).max(180).default(DEFAULT_COMMITMENT_VERIFY_DAYS),
    documentName: z.string().trim().max(60).optional(),
    milestone: z.boolean().default(false),
  })
  .refine((it) => it.promisedDays <= it.legalDays, { path: ['promisedDays'], message: '承诺时限不能长于法定时限' })

/** The 项目长's adjustment of the checklist, always with the reason recorded. */
export const ProjectChecklistChangeSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add'), item: ProjectItemInputSchema, reason: Text(200, '调整原因') }),
  z.strictObject({ op: z.literal('remove'), key: ProjectItemKeySchema, reason: Text(200, '调整原因') }),
  z.strictObject({
    op: z.literal('update'),
    key: ProjectItemKeySchema,
    changes: z
      .strictObject({
        name: Text(60, '事项名称').optional(),
        departmentName: Text(40, '承办部门').optional(),
        legalDays: Days('法定时限').optional(),
        promisedDays: Days('承诺时限').optional(),
        dependsOn: z.array(ProjectItemKeySchema).max(20).optional(),
        commitmentAllowed: z.boolean().optional(),
      })
      .refine((c) => Object.keys(c).length > 0, '没有要调整的内容'),
    reason: Text(200, '调整原因'),
  }),
])
export type ProjectChecklistChange = z.input<typeof ProjectChecklistChangeSchema>

/** The enterprise signs the 告知承诺书 of an item where 告知承诺制 applies. */
export const ProjectCommitmentSignSchema = z.strictObject({
  signerName: PersonNameSchema,
  /** The enterprise confirms it meets the conditions and accepts the consequences of a false commitment. */
  agree: z.literal(true, '请确认承诺内容'),
  /** Extra text of the commitment (conditions met, materials to be provided later). */
  text: z.string().trim().max(500).optional(),
})
export type ProjectCommitmentSign = z.input<typeof ProjectCommitmentSignSchema>

/** The department's verification of a commitment, recorded by the 项目长/代办员. */
export const ProjectCommitmentCheckSchema = z.strictObject({
  result: z.enum(['verified', 'failed']),
  note: z.string().trim().max(300).optional(),
})
export type ProjectCommitmentCheck = z.input<typeof ProjectCommitmentCheckSchema>

/**
 * One step of the 代办 life cycle. 委托 and 终止 by the enterprise; 受理, 办理, 中止 (reason), 续办, 办结 and 终止
 * (reason) by the 项目长/代办员. 中止 pauses the clocks of the entrusted items in progress; 续办 resumes them.
 */
export const ProjectAgencyStepSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('entrust'),
    /** The items entrusted (委托事项), at least one. */
    itemKeys: z.array(ProjectItemKeySchema).min(1, '请选择委托代办的事项').max(60),
    signerName: PersonNameSchema,
    signerMobile: MobileSchema,
    note: z.string().trim().max(300).optional(),
  }),
  z.strictObject({ action: z.literal('accept'), note: z.string().trim().max(300).optional() }),
  z.strictObject({ action: z.literal('start'), note: z.string().trim().max(300).optional() }),
  z.strictObject({ action: z.literal('suspend'), reason: Text(200, '中止原因') }),
  z.strictObject({ action: z.literal('resume'), note: z.string().trim().max(300).optional() }),
  z.strictObject({ action: z.literal('complete'), note: z.string().trim().max(300).optional() }),
  z.strictObject({ action: z.literal('terminate'), reason: Text(200, '终止原因') }),
])
export type ProjectAgencyStep = z.input<typeof ProjectAgencyStepSchema>

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------
export const ProjectPersonSchema = z.object({ id: z.string(), name: z.string(), title: z.string().optional(), mobile: z.string().optional() })
export type ProjectPerson = z.infer<typeof ProjectPersonSchema>

export const ProjectCommitmentViewSchema = z.object({
  signerName: z.string(),
  signedAt: z.iso.datetime(),
  text: z.string().optional(),
  /** The department verifies by the end of this date. */
  verifyDeadline: DateSchema,
  result: z.enum(['pending', 'verified', 'failed']),
  checkedAt: z.iso.datetime().optional(),
  note: z.string().optional(),
  /** Unverified and past its deadline: flagged for the department. */
  overdue: z.boolean(),
})
export type ProjectCommitmentView = z.infer<typeof ProjectCommitmentViewSchema>

export const ProjectDocumentSchema = z.object({ name: z.string(), number: z.string().optional(), url: z.string().optional(), addedAt: z.iso.datetime() })

export const PROJECT_ITEM_ACTIONS = ['start', 'pause', 'resume', 'done', 'update', 'commitment_signed', 'commitment_checked', 'agency_pause', 'agency_resume'] as const
export type ProjectItemAction = (typeof PROJECT_ITEM_ACTIONS)[number]
export const PROJECT_ITEM_ACTION_LABELS: Record<ProjectItemAction, string> = {
  start: '开始办理',
  pause: '暂停',
  resume: '恢复办理',
  done: '办结',
  update: '更新进度',
  commitment_signed: '签署告知承诺书',
  commitment_checked: '承诺核查',
  agency_pause: '代办中止（暂停计时）',
  agency_resume: '续办（恢复计时）',
}
/** One recorded change of an item: who, when, why. */
export const ProjectItemEventSchema = z.object({
  at: z.iso.datetime(),
  action: z.enum(PROJECT_ITEM_ACTIONS),
  actionLabel: z.string(),
  byRole: z.enum(PROJECT_VIEWER_ROLES),
  byName: z.string().optional(),
  /** The date the change took effect (start / 办结 / pause date). */
  on: DateSchema.optional(),
  reason: z.string().optional(),
  note: z.string().optional(),
})
export type ProjectItemEvent = z.infer<typeof ProjectItemEventSchema>

export const ProjectItemViewSchema = z.object({
  key: z.string(),
  name: z.string(),
  stage: z.enum(PROJECT_STAGES),
  departmentName: z.string(),
  legalDays: z.number().int(),
  promisedDays: z.number().int(),
  /** The dependencies in force (拿地即开工 replaces them for the items it moves ahead). */
  dependsOn: z.array(z.string()),
  commitmentAllowed: z.boolean(),
  /** Moved ahead by 拿地即开工 (granted under 承诺制). */
  earlyStart: z.boolean(),
  /** 非审批环节 (e.g. 施工建设 by the enterprise). */
  milestone: z.boolean(),
  status: z.enum(PROJECT_ITEM_STATUSES),
  statusLabel: z.string(),
  pauseReason: z.string().optional(),
  blocker: z.string().optional(),
  note: z.string().optional(),
  startedOn: DateSchema.optional(),
  doneOn: DateSchema.optional(),
  /** The plan: start, and the promised end (start + promised working days, plus the working days paused). */
  plannedStart: DateSchema,
  plannedEnd: DateSchema,
  /** Working days paused so far (中止/暂停 excluded from the clock). */
  pausedWorkingDays: z.number().int(),
  /** Not 办结 and today past its promised end. */
  late: z.boolean(),
  /** Working days past the promised end (0 when not late). */
  lateWorkingDays: z.number().int(),
  /** 办结 after its promised end. */
  doneLate: z.boolean(),
  /** On the critical path (it drives the expected completion). */
  critical: z.boolean(),
  /** Next to do: not started, every 前置事项 done. */
  ready: z.boolean(),
  entrusted: z.boolean(),
  documentName: z.string().optional(),
  documents: z.array(ProjectDocumentSchema),
  commitment: ProjectCommitmentViewSchema.optional(),
  history: z.array(ProjectItemEventSchema),
  /** Bumped at every change: send it back with an update. */
  rev: z.number().int(),
})
export type ProjectItemView = z.infer<typeof ProjectItemViewSchema>

export const ProjectStageViewSchema = z.object({
  stage: z.enum(PROJECT_STAGES),
  label: z.string(),
  itemCount: z.number().int(),
  doneCount: z.number().int(),
  lateCount: z.number().int(),
  status: z.enum(['not_started', 'in_progress', 'done', 'empty']),
  plannedStart: DateSchema.optional(),
  plannedEnd: DateSchema.optional(),
  /** Working days of the stage by the promised limits (baseline plan). */
  promisedWorkingDays: z.number().int(),
  /** The same with the legal limits. */
  legalWorkingDays: z.number().int(),
  /** Working days the stage took (first start to last 办结), once done. */
  actualWorkingDays: z.number().int().optional(),
})
export type ProjectStageView = z.infer<typeof ProjectStageViewSchema>

export const AgencyEventSchema = z.object({
  seq: z.number().int(),
  action: z.enum(AGENCY_ACTIONS),
  actionLabel: z.string(),
  from: z.enum(AGENCY_STATUSES),
  to: z.enum(AGENCY_STATUSES),
  at: z.iso.datetime(),
  byRole: z.enum(PROJECT_VIEWER_ROLES),
  byName: z.string().optional(),
  reason: z.string().optional(),
  note: z.string().optional(),
  itemKeys: z.array(z.string()).optional(),
})
export type AgencyEvent = z.infer<typeof AgencyEventSchema>

export const AgencyViewSchema = z.object({
  status: z.enum(AGENCY_STATUSES),
  statusLabel: z.string(),
  itemKeys: z.array(z.string()),
  signerName: z.string().optional(),
  signerMobile: z.string().optional(),
  entrustedAt: z.iso.datetime().optional(),
  closedAt: z.iso.datetime().optional(),
  /** The steps the caller may take now. */
  allowedActions: z.array(z.enum(AGENCY_ACTIONS)),
  history: z.array(AgencyEventSchema),
})
export type AgencyView = z.infer<typeof AgencyViewSchema>

export const ChecklistAdjustmentSchema = z.object({
  at: z.iso.datetime(),
  byName: z.string(),
  op: z.enum(['add', 'remove', 'update']),
  key: z.string(),
  itemName: z.string(),
  /** What changed, in words (e.g. 承诺时限 10 → 7 个工作日). */
  summary: z.string(),
  reason: z.string(),
})
export type ChecklistAdjustment = z.infer<typeof ChecklistAdjustmentSchema>

export const ProjectStatusSchema = z.enum(['not_started', 'in_progress', 'done'])
export const PROJECT_STATUS_LABELS: Record<z.infer<typeof ProjectStatusSchema>, string> = { not_started: '未开工审批', in_progress: '审批中', done: '审批完成' }

/** Fields of the summary rows (lists) and the detail. */
export const ProjectSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string().optional(),
  type: z.enum(PROJECT_TYPES),
  level: z.enum(PROJECT_LEVELS),
  enterpriseName: z.string(),
  regionCode: z.string(),
  regionName: z.string().optional(),
  investmentWan: z.number().int(),
  status: ProjectStatusSchema,
  statusLabel: z.string(),
  /** The first stage not done yet. */
  currentStage: z.enum(PROJECT_STAGES).optional(),
  itemCount: z.number().int(),
  doneCount: z.number().int(),
  startDate: DateSchema,
  /** Baseline: start + promised limits along the critical path (what was promised to the enterprise). */
  promisedCompletion: DateSchema,
  /** Forecast with the actual progress. */
  expectedCompletion: DateSchema,
  atRisk: z.boolean(),
  lateCount: z.number().int(),
  overdueCommitments: z.number().int(),
  /** What is next (ready or in progress, earliest promised end first). */
  nextItem: z.object({ key: z.string(), name: z.string(), plannedEnd: DateSchema, late: z.boolean() }).optional(),
  leader: ProjectPersonSchema.optional(),
  agencyStatus: z.enum(AGENCY_STATUSES),
  /** The caller's part in it. */
  viewerRole: z.enum(PROJECT_VIEWER_ROLES),
  demo: z.boolean(),
})
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>
export const ProjectSummaryPageSchema = pageOf(ProjectSummarySchema)

export const ProjectDetailSchema = ProjectSummarySchema.extend({
  templateId: z.string(),
  templateName: z.string(),
  location: z.string(),
  industry: z.string(),
  creditCode: z.string(),
  standardLand: z.boolean(),
  landStart: z.boolean(),
  contactName: z.string().optional(),
  contactMobile: z.string().optional(),
  /** Working days start → promised completion, with the promised and with the legal limits (critical path). */
  promisedWorkingDays: z.number().int(),
  legalWorkingDays: z.number().int(),
  /** Item keys of the critical path, first to last. */
  criticalPath: z.array(z.string()),
  agents: z.array(ProjectPersonSchema),
  stages: z.array(ProjectStageViewSchema),
  items: z.array(ProjectItemViewSchema),
  agency: AgencyViewSchema,
  adjustments: z.array(ChecklistAdjustmentSchema),
  /** The caller may update items / adjust the checklist / sign commitments. */
  canUpdateItems: z.boolean(),
  canEditChecklist: z.boolean(),
  canSignCommitments: z.boolean(),
  /** "Today" of the computation (Asia/Shanghai). */
  asOf: DateSchema,
})
export type ProjectDetail = z.infer<typeof ProjectDetailSchema>

/** A printable 委托书 / 办结单 / 终止单 (DB14/T 2233—2020 forms), rendered by the mini-program. */
export const ProjectAgencyFormSchema = z.object({
  form: z.enum(PROJECT_FORMS),
  title: z.string(),
  /** Form number, e.g. 忻代办〔2026〕委字第 0001 号. */
  number: z.string(),
  projectName: z.string(),
  projectCode: z.string().optional(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  signerName: z.string().optional(),
  signerMobile: z.string().optional(),
  leader: ProjectPersonSchema.optional(),
  agents: z.array(ProjectPersonSchema),
  items: z.array(z.object({ key: z.string(), name: z.string(), departmentName: z.string(), promisedDays: z.number().int(), status: z.string(), doneOn: DateSchema.optional() })),
  /** Dates of the form (委托日期 / 办结日期 / 终止日期). */
  date: DateSchema,
  reason: z.string().optional(),
  /** The standard clauses printed on the form. */
  clauses: z.array(z.string()),
  issuer: z.string(),
  demo: z.boolean(),
})
export type ProjectAgencyForm = z.infer<typeof ProjectAgencyFormSchema>

// ---------------------------------------------------------------------------------------------
// Administrators' overview
// ---------------------------------------------------------------------------------------------
export const ProjectStageStatSchema = z.object({
  stage: z.enum(PROJECT_STAGES),
  label: z.string(),
  /** Projects that finished the stage (the averages are over these). */
  completed: z.number().int(),
  /** Average working days the stage took, one decimal; null when none finished it. */
  avgActualWorkingDays: z.number().nullable(),
  /** Average working days the stage was promised (baseline), same projects. */
  avgPromisedWorkingDays: z.number().nullable(),
  avgLegalWorkingDays: z.number().nullable(),
  /** Of the completed: finished within the promise. */
  onTime: z.number().int(),
  /** Projects in the stage now. */
  inProgress: z.number().int(),
})
export type ProjectStageStat = z.infer<typeof ProjectStageStatSchema>

export const OverdueCommitmentSchema = z.object({
  projectId: z.string(),
  projectName: z.string(),
  itemKey: z.string(),
  itemName: z.string(),
  departmentName: z.string(),
  verifyDeadline: DateSchema,
  overdueWorkingDays: z.number().int(),
})
export type OverdueCommitment = z.infer<typeof OverdueCommitmentSchema>

export const ProjectDepartmentStatSchema = z.object({ departmentName: z.string(), openItems: z.number().int(), lateItems: z.number().int(), overdueCommitments: z.number().int() })

export const ProjectOverviewSchema = z.object({
  asOf: DateSchema,
  totals: z.object({
    projects: z.number().int(),
    inProgress: z.number().int(),
    done: z.number().int(),
    atRisk: z.number().int(),
    lateItems: z.number().int(),
    overdueCommitments: z.number().int(),
    investmentWan: z.number().int(),
  }),
  stages: z.array(ProjectStageStatSchema),
  /** Projects at risk, most late items first (at most 50). */
  atRisk: z.array(ProjectSummarySchema),
  overdueCommitments: z.array(OverdueCommitmentSchema),
  /** Per department: open, late items and overdue commitments (most late first). */
  departments: z.array(ProjectDepartmentStatSchema),
})
export type ProjectOverview = z.infer<typeof ProjectOverviewSchema>
