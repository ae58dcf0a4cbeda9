import mongoose, { Schema, type InferSchemaType } from 'mongoose'
import { ENTERPRISE_SCALES, REVENUE_BANDS } from '@xz/shared'

/**
 * 企业画像: one per 统一社会信用代码. `_id` IS the credit code, so claiming a code is a unique insert: of two accounts
 * claiming the same code at once exactly one wins (the embedded database offers no other atomic primitive).
 */
const enterpriseSchema = new Schema(
  {
    _id: { type: String },
    /** The account that verified the credit code (absent for demo enterprises). */
    userId: { type: Schema.Types.ObjectId, ref: 'User' },
    name: { type: String, required: true },
    registeredRegion: String,
    industry: String,
    scale: { type: String, enum: ENTERPRISE_SCALES },
    employees: Number,
    revenueBand: { type: String, enum: REVENUE_BANDS },
    establishedOn: String,
    qualifications: { type: [String], default: undefined },
    tags: { type: [String], default: undefined },
    subscription: {
      type: new Schema({ matching: { type: Boolean, default: true }, topics: { type: [String], default: [] } }, { _id: false }),
      default: () => ({ matching: true, topics: [] }),
    },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
)
export const Enterprise = mongoose.model('Enterprise', enterpriseSchema)
export type EnterpriseDoc = InferSchemaType<typeof enterpriseSchema> & { _id: string; updatedAt: Date }

/** Which enterprise an account owns: `_id` is the user id (one enterprise per account), reached by `_id` only. */
const enterpriseOwnerSchema = new Schema(
  {
    _id: { type: String },
    creditCode: { type: String, required: true },
  },
  { timestamps: true },
)
export const EnterpriseOwner = mongoose.model('EnterpriseOwner', enterpriseOwnerSchema)
