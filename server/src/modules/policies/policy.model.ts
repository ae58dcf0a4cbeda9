import mongoose, { Schema, type InferSchemaType } from 'mongoose'
import { BENEFIT_KINDS, POLICY_APPLICATION_STATUSES, POLICY_MODES, POLICY_STATUSES } from '@xz/shared'

/** 惠企政策: bounded (hundreds per city), kept whole in each process's memory (see policy-cache.ts). */
const policySchema = new Schema(
  {
    title: { type: String, required: true },
    departmentId: { type: Schema.Types.ObjectId, ref: 'Department', required: true },
    docNumber: { type: String, required: true },
    regionCode: { type: String, required: true },
    validFrom: { type: String, required: true },
    validTo: String,
    summary: { type: String, required: true },
    fullText: { type: String, default: '' },
    benefit: {
      type: new Schema({ kind: { type: String, enum: BENEFIT_KINDS, required: true }, description: String, amountFen: Number }, { _id: false }),
      required: true,
    },
    guide: {
      type: new Schema({ beneficiaries: String, requirements: String, promiseDays: Number, address: String, phone: String }, { _id: false }),
      required: true,
    },
    mode: { type: String, enum: POLICY_MODES, required: true },
    topics: { type: [String], default: [] },
    /** The condition tree (validated by the shared schema before it is stored). */
    conditions: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: POLICY_STATUSES, default: 'draft' },
    publishedAt: Date,
    searchText: String,
    pinyin: String,
    initials: String,
    createdBy: String,
    demo: { type: Boolean, default: false },
  },
  { timestamps: true, minimize: false },
)
export const Policy = mongoose.model('Policy', policySchema)
export type PolicyDoc = InferSchemaType<typeof policySchema> & { _id: mongoose.Types.ObjectId; updatedAt: Date }

/**
 * 申报 / 兑现 record: one per enterprise × policy, `_id` = "<policyId>:<creditCode>", so a 免申即享 grant or an application
 * is created once whatever the number of requests or processes. 免申即享 records are created already granted.
 * Lists reach them by `policyId`, `creditCode` or `departmentId` (equality on scalar fields, marked for pushdown).
 */
const stepAt = { at: Date, date: String, by: String }
const applicationSchema = new Schema(
  {
    _id: { type: String },
    policyId: { type: Schema.Types.ObjectId, ref: 'Policy', required: true },
    departmentId: { type: Schema.Types.ObjectId, ref: 'Department', required: true },
    regionCode: { type: String, required: true },
    creditCode: { type: String, required: true },
    enterpriseName: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User' },
    mode: { type: String, enum: POLICY_MODES, required: true },
    status: { type: String, enum: POLICY_APPLICATION_STATUSES, required: true },
    note: String,
    appliedAt: { type: Date, required: true },
    appliedDate: { type: String, required: true },
    /** 兑现时限: the last working day for 兑现 (快申快享 only). */
    dueDate: String,
    accepted: { type: new Schema(stepAt, { _id: false }), default: undefined },
    reviewed: { type: new Schema(stepAt, { _id: false }), default: undefined },
    granted: { type: new Schema({ ...stepAt, amountFen: Number }, { _id: false }), default: undefined },
    rejected: { type: new Schema({ ...stepAt, reason: String }, { _id: false }), default: undefined },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
)
applicationSchema.index({ policyId: 1 }, { name: 'policyId_1_pushdown' })
applicationSchema.index({ creditCode: 1 }, { name: 'creditCode_1_pushdown' })
applicationSchema.index({ departmentId: 1 }, { name: 'departmentId_1_pushdown' })
// 导出我的数据 / 注销账号 reach the applications a person filed by `userId`
applicationSchema.index({ userId: 1 }, { name: 'userId_1_pushdown' })
export const PolicyApplication = mongoose.model('PolicyApplication', applicationSchema)
export type PolicyApplicationDoc = InferSchemaType<typeof applicationSchema> & { _id: string; createdAt: Date }

/**
 * A policy notice sent to an enterprise: `_id` = "<policyId>:<creditCode>", one per enterprise × policy (the outbox
 * message has the same key). Kept for the 月通报 ("notified"), reached by `departmentId`.
 */
const policyNoticeSchema = new Schema({
  _id: { type: String },
  policyId: { type: Schema.Types.ObjectId, required: true },
  departmentId: { type: Schema.Types.ObjectId, required: true },
  creditCode: { type: String, required: true },
  at: { type: Date, required: true },
  month: { type: String, required: true },
})
policyNoticeSchema.index({ departmentId: 1 }, { name: 'departmentId_1_pushdown' })
export const PolicyNotice = mongoose.model('PolicyNotice', policyNoticeSchema)

/** One-shot claims: `publish:<policyId>` (the first publication time), `app:<id>:<step>` (each transition once). */
const policyClaimSchema = new Schema({ _id: { type: String }, at: { type: Date, required: true }, by: String })
export const PolicyClaim = mongoose.model('PolicyClaim', policyClaimSchema)
