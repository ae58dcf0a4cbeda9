import mongoose, { Schema, type InferSchemaType } from 'mongoose'
import { AUDIENCES, ITEM_TYPES, ONLINE_DEPTHS, REGION_LEVELS, THEMES } from '@xz/shared'
import { afterEveryWrite, trackWrites, writeNewVersion } from '../../lib/versioned-cache'

const regionSchema = new Schema({
  _id: { type: String }, // the administrative code
  name: { type: String, required: true },
  level: { type: String, enum: REGION_LEVELS, required: true },
  parentCode: String,
  seat: String,
  demo: { type: Boolean, default: false },
})
trackWrites(regionSchema, 'regions')
export const Region = mongoose.model('Region', regionSchema)

const departmentSchema = new Schema(
  {
    name: { type: String, required: true },
    shortName: String,
    regionCode: { type: String, required: true },
    phone: String,
    /** 统一社会信用代码 of the agency. */
    creditCode: String,
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
)
departmentSchema.index({ name: 1, regionCode: 1 }, { unique: true })
export const Department = mongoose.model('Department', departmentSchema)
export type DepartmentDoc = InferSchemaType<typeof departmentSchema> & { _id: mongoose.Types.ObjectId }

const materialSchema = new Schema(
  {
    name: { type: String, required: true },
    form: { type: String, required: true },
    copies: { type: Number, default: 1 },
    medium: String,
    required: { type: Boolean, default: true },
    source: String,
    blankFormUrl: String,
    sampleUrl: String,
    exempt: { type: Boolean, default: false },
    promise: { type: Boolean, default: false },
    eLicense: { type: Boolean, default: false },
    note: String,
  },
  { _id: false },
)

const stepSchema = new Schema(
  { name: { type: String, required: true }, role: { type: String, required: true }, limitDays: Number, description: String },
  { _id: false },
)

/**
 * Versions of catalogue collections, one document per collection (`_id: 'services'`): `version` is set to a new random
 * value after every write to that collection, so that each server process can tell when its in-memory search index
 * is stale by reading one document by `_id`.
 */
const catalogueVersionSchema = new Schema({ _id: { type: String }, version: { type: String, required: true } }, { collection: 'catalogue_meta', versionKey: false })
export const CatalogueVersion = mongoose.model('CatalogueVersion', catalogueVersionSchema)

export const SERVICES_VERSION_ID = 'services'

let localServiceWrites = 0
/** How many times this process has marked the services as changed (a cache loaded before a local write is stale). */
export const servicesWrittenHere = (): number => localServiceWrites

/** Marks the services collection as changed. Call it AFTER a write that bypasses the Service model's middleware. */
export async function bumpServicesVersion(): Promise<void> {
  localServiceWrites++
  await writeNewVersion(CatalogueVersion, SERVICES_VERSION_ID)
}

/** A service item (办事指南). Search fields (`searchText`, `pinyin`, `initials`) are derived when it is written. */
const serviceSchema = new Schema(
  {
    code: { type: String, required: true },
    name: { type: String, required: true },
    itemType: { type: String, enum: ITEM_TYPES, required: true },
    departmentId: { type: Schema.Types.ObjectId, ref: 'Department', required: true },
    implementer: String,
    legalBasis: [String],
    audiences: [{ type: String, enum: AUDIENCES }],
    themes: [{ type: String, enum: THEMES }],
    levels: [String],
    regionCode: { type: String, required: true },
    conditions: [String],
    materials: [materialSchema],
    steps: [stepSchema],
    legalLimitDays: Number,
    promisedLimitDays: Number,
    /** Fee: free, or an amount in integer fen with its legal basis. */
    fee: { free: { type: Boolean, required: true }, amountFen: Number, basis: String },
    visits: Number,
    onlineDepth: { type: String, enum: ONLINE_DEPTHS },
    instantApproval: { type: Boolean, default: false },
    commitment: { type: Boolean, default: false },
    proxy: { type: Boolean, default: false },
    bookable: { type: Boolean, default: true },
    hallIds: [{ type: Schema.Types.ObjectId, ref: 'Hall' }],
    hours: String,
    consultPhone: String,
    complaintPhone: String,
    faq: [{ _id: false, q: String, a: String }],
    keywords: [String],
    status: { type: String, enum: ['active', 'archived'], default: 'active' },
    /** Derived: bookable at a point that has off-hours session rules offering it. Maintained by the sessions module. */
    offHours: { type: Boolean, default: false },
    /** Derived: some rule offers it on a weekend or public holiday within the booking horizon (双休日/节假日). */
    offHoursWeekend: { type: Boolean, default: false },
    /** Derived: some rule offers it on a working day at lunchtime or in the evening (午间/延时). */
    offHoursExtended: { type: Boolean, default: false },
    searchText: String,
    pinyin: String,
    initials: String,
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
)
serviceSchema.index({ code: 1 }, { unique: true })
serviceSchema.index({ status: 1, name: 1 })
// Every write through the model bumps the services version (raw `Service.collection` writes must call it themselves).
afterEveryWrite(serviceSchema, bumpServicesVersion)
export const Service = mongoose.model('Service', serviceSchema)
export type ServiceDoc = InferSchemaType<typeof serviceSchema> & { _id: mongoose.Types.ObjectId }

const bundleSchema = new Schema(
  {
    name: { type: String, required: true },
    description: String,
    serviceIds: [{ type: Schema.Types.ObjectId, ref: 'Service' }],
    themes: [String],
    steps: [stepSchema],
    promisedLimitDays: Number,
    /** Region whose administrators maintain the bundle. */
    regionCode: { type: String, required: true },
    status: { type: String, enum: ['active', 'archived'], default: 'active' },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
)
bundleSchema.index({ name: 1 }, { unique: true })
export const Bundle = mongoose.model('Bundle', bundleSchema)
export type BundleDoc = InferSchemaType<typeof bundleSchema> & { _id: mongoose.Types.ObjectId }
