import mongoose, { Schema, type InferSchemaType } from 'mongoose'
import { HALL_TYPES } from '@xz/shared'
import { trackWrites } from '../../lib/versioned-cache'

const rangeSchema = new Schema({ start: String, end: String }, { _id: false })

/** A service point (服务网点): hall, township centre, village station, bank branch or 24h self-service area. */
const hallSchema = new Schema(
  {
    name: { type: String, required: true },
    type: { type: String, enum: HALL_TYPES, required: true },
    regionCode: { type: String, required: true },
    address: { type: String, required: true },
    /** GCJ-02 coordinates; distances are computed in the application (no geo index on the embedded database). */
    location: { lat: { type: Number, required: true }, lng: { type: Number, required: true } },
    phone: String,
    regularHours: { type: [rangeSchema], default: [] },
    weekendHours: { type: [rangeSchema], default: [] },
    holidayHours: { type: [rangeSchema], default: [] },
    open24h: { type: Boolean, default: false },
    serviceIds: [{ type: Schema.Types.ObjectId, ref: 'Service' }],
    windows: [
      {
        _id: false,
        number: String,
        name: String,
        serviceIds: [{ type: Schema.Types.ObjectId, ref: 'Service' }],
        staffed: { type: Boolean, default: true },
      },
    ],
    rectifyDays: { type: Number, default: 5 },
    description: String,
    status: { type: String, enum: ['active', 'archived'], default: 'active' },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
)
hallSchema.index({ name: 1 }, { unique: true })
hallSchema.index({ regionCode: 1 })
// points are read from an in-process cache (hall-cache.ts): every write through the model bumps its version
trackWrites(hallSchema, 'halls')
export const Hall = mongoose.model('Hall', hallSchema)
export type HallDoc = InferSchemaType<typeof hallSchema> & { _id: mongoose.Types.ObjectId }
