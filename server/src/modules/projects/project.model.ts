import mongoose, { Schema } from 'mongoose'
import {
  PROJECT_LEVELS,
  PROJECT_TYPES,
  type AgencyAction,
  type AgencyStatus,
  type ProjectItemAction,
  type ProjectItemStatus,
  type ProjectLevel,
  type ProjectStage,
  type ProjectType,
  type ProjectViewerRole,
} from '@xz/shared'

type Id = mongoose.Types.ObjectId

// ---------------------------------------------------------------------------------------------
// Templates: a handful per city, read whole.
// ---------------------------------------------------------------------------------------------
export interface TemplateItem {
  key: string
  name: string
  stage: ProjectStage
  departmentName: string
  legalDays: number
  promisedDays: number
  dependsOn: string[]
  commitmentAllowed: boolean
  commitmentVerifyDays: number
  earlyStartDependsOn?: string[]
  documentName?: string
  milestone?: boolean
}

const templateSchema = new Schema(
  {
    name: { type: String, required: true },
    type: { type: String, enum: PROJECT_TYPES, required: true },
    description: String,
    /** The items (validated by the shared schema before they are stored). */
    items: { type: Schema.Types.Mixed, default: [] },
    active: { type: Boolean, default: true },
    createdBy: String,
    demo: { type: Boolean, default: false },
  },
  { timestamps: true, minimize: false },
)
templateSchema.index({ name: 1 }, { unique: true })
export const ProjectTemplate = mongoose.model('ProjectTemplate', templateSchema)
export interface TemplateDoc {
  _id: Id
  name: string
  type: ProjectType
  description?: string
  items: TemplateItem[]
  active: boolean
  demo?: boolean
  updatedAt: Date
}

// ---------------------------------------------------------------------------------------------
// Projects: the checklist, the 代办 record and every recorded step live in the one document, which every change
// rewrites after claiming its step `<id>#<seq>` (ProjectClaim): one winner per step, whatever the concurrency.
// Lists reach projects by `enterpriseCode` or `regionCode` equality (scalar fields, `_pushdown` indexes) or by `_id`
// from the per-account assignments.
// ---------------------------------------------------------------------------------------------
export interface ItemEvent {
  at: Date
  action: ProjectItemAction
  by: string
  byRole: ProjectViewerRole
  byName?: string
  on?: string
  reason?: string
  note?: string
}

export interface Commitment {
  signerName: string
  signedAt: Date
  signedOn: string
  text?: string
  verifyDeadline: string
  result: 'pending' | 'verified' | 'failed'
  checkedAt?: Date
  checkedBy?: string
  note?: string
}

export interface ProjectItem extends TemplateItem {
  status: ProjectItemStatus
  startedOn?: string
  doneOn?: string
  pausedWorkingDays: number
  pausedSince?: string
  pauseReason?: string
  /** Paused by the 代办's 中止 (resumed by 续办), not by the item's own 暂停. */
  pausedByAgency?: boolean
  blocker?: string
  note?: string
  documents: { name: string; number?: string; url?: string; addedAt: Date }[]
  commitment?: Commitment
  history: ItemEvent[]
  rev: number
}

export interface AgencyEventDoc {
  seq: number
  action: AgencyAction
  from: AgencyStatus
  to: AgencyStatus
  at: Date
  by: string
  byRole: ProjectViewerRole
  byName?: string
  reason?: string
  note?: string
  itemKeys?: string[]
}

export interface Agency {
  status: AgencyStatus
  itemKeys: string[]
  signerName?: string
  signerMobile?: string
  entrustedAt?: Date
  closedAt?: Date
  reason?: string
  /** The date the 代办 was 中止 (its clock stopped). */
  suspendedOn?: string
}

export interface Adjustment {
  at: Date
  by: string
  byName: string
  op: 'add' | 'remove' | 'update'
  key: string
  itemName: string
  summary: string
  reason: string
}

export interface Person {
  id: string
  name: string
  title?: string
  mobile?: string
}

const projectSchema = new Schema(
  {
    seq: { type: Number, default: 0 },
    name: { type: String, required: true },
    code: String,
    type: { type: String, enum: PROJECT_TYPES, required: true },
    level: { type: String, enum: PROJECT_LEVELS, required: true },
    templateId: { type: Schema.Types.ObjectId, ref: 'ProjectTemplate', required: true },
    templateName: { type: String, required: true },
    /** 统一社会信用代码 of the enterprise (its owner account sees the project). */
    enterpriseCode: { type: String, required: true },
    enterpriseName: { type: String, required: true },
    regionCode: { type: String, required: true },
    regionName: String,
    location: { type: String, required: true },
    industry: { type: String, required: true },
    investmentWan: { type: Number, required: true },
    standardLand: { type: Boolean, default: false },
    landStart: { type: Boolean, default: false },
    startDate: { type: String, required: true },
    contactName: String,
    contactMobile: String,
    leaderId: { type: Schema.Types.ObjectId, ref: 'Account' },
    agentIds: { type: [Schema.Types.ObjectId], default: [] },
    leader: { type: Schema.Types.Mixed },
    agents: { type: Schema.Types.Mixed, default: [] },
    items: { type: Schema.Types.Mixed, default: [] },
    agency: { type: Schema.Types.Mixed, default: () => ({ status: 'none', itemKeys: [] }) },
    agencyHistory: { type: Schema.Types.Mixed, default: [] },
    adjustments: { type: Schema.Types.Mixed, default: [] },
    createdBy: String,
    demo: { type: Boolean, default: false },
  },
  { timestamps: true, minimize: false },
)
projectSchema.index({ enterpriseCode: 1 }, { name: 'enterpriseCode_1_pushdown' })
projectSchema.index({ regionCode: 1 }, { name: 'regionCode_1_pushdown' })
export const Project = mongoose.model('Project', projectSchema)

export interface ProjectDoc {
  _id: Id
  seq: number
  name: string
  code?: string
  type: ProjectType
  level: ProjectLevel
  templateId: Id
  templateName: string
  enterpriseCode: string
  enterpriseName: string
  regionCode: string
  regionName?: string
  location: string
  industry: string
  investmentWan: number
  standardLand: boolean
  landStart: boolean
  startDate: string
  contactName?: string
  contactMobile?: string
  leaderId?: Id | null
  agentIds: Id[]
  leader?: Person | null
  agents: Person[]
  items: ProjectItem[]
  agency: Agency
  agencyHistory: AgencyEventDoc[]
  adjustments: Adjustment[]
  demo?: boolean
  createdAt?: Date
  updatedAt?: Date
}

/** The claim of one step of a project: `_id` = `<projectId>#<seq>`, holding the state it writes. */
const claimSchema = new Schema({
  _id: { type: String },
  at: { type: Date, required: true },
  by: { type: String, required: true },
  changes: { type: Schema.Types.Mixed, required: true },
})
export const ProjectClaim = mongoose.model('ProjectClaim', claimSchema)

/**
 * Who works on which project: `_id` = `<projectId>:<accountId>`, one per account and project, reached by
 * `accountId` equality (a scalar, `_pushdown` index) for the 项目长/代办员's list.
 */
const assignmentSchema = new Schema(
  {
    _id: { type: String },
    projectId: { type: Schema.Types.ObjectId, ref: 'Project', required: true },
    accountId: { type: String, required: true },
    role: { type: String, enum: ['leader', 'agent'], required: true },
  },
  { timestamps: true },
)
assignmentSchema.index({ accountId: 1 }, { name: 'accountId_1_pushdown' })
export const ProjectAssignment = mongoose.model('ProjectAssignment', assignmentSchema)
