import mongoose, { Schema, type InferSchemaType } from 'mongoose'
import { KNOWLEDGE_TYPES } from '@xz/shared'

/**
 * A knowledge entry (知识库). The collection is curated (hundreds to a few thousand entries), not one that grows with
 * every use, so search filters it with `$regex` over the precomputed `searchText`/`pinyin`/`initials` (as the catalogue
 * does) and review lists read the owner's entries.
 */
const knowledgeSchema = new Schema(
  {
    title: { type: String, required: true },
    categoryPath: { type: [String], default: [] },
    content: { type: String, required: true },
    keywords: { type: [String], default: [] },
    departmentId: { type: Schema.Types.ObjectId, ref: 'Department', required: true },
    type: { type: String, enum: KNOWLEDGE_TYPES, required: true },
    validFrom: String,
    validTo: String,
    status: { type: String, enum: ['active', 'retired'], default: 'active' },
    reviewedAt: { type: Date, required: true },
    reviewedBy: String,
    createdBy: String,
    sourceTicketId: String,
    searchText: String,
    pinyin: String,
    initials: String,
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
)
knowledgeSchema.index({ title: 1 }, { unique: true })
knowledgeSchema.index({ departmentId: 1 }, { name: 'departmentId_1_pushdown' })
export const Knowledge = mongoose.model('Knowledge', knowledgeSchema)
export type KnowledgeDoc = InferSchemaType<typeof knowledgeSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date }

/**
 * "This answered my question": one per requester, entry and day (`_id` `kr:<user>:<entry>:<date>`, insert-only), so
 * that 知识库解决率 counts people, not taps. `month` is kept for the monthly report.
 */
const resolutionSchema = new Schema({
  _id: { type: String },
  knowledgeId: { type: Schema.Types.ObjectId, ref: 'Knowledge', required: true },
  /** The requester (also in `_id`): 导出我的数据 reaches a person's resolutions by it (pushdown index). */
  userId: { type: Schema.Types.ObjectId, ref: 'User' },
  month: { type: String, required: true },
  /** The region the requester's question concerns (the region chosen on the 诉求 form; the city when none). */
  regionCode: { type: String },
  at: { type: Date, required: true },
})
resolutionSchema.index({ month: 1 }, { name: 'month_1_pushdown' })
resolutionSchema.index({ userId: 1 }, { name: 'userId_1_pushdown' })
export const KnowledgeResolution = mongoose.model('KnowledgeResolution', resolutionSchema)
