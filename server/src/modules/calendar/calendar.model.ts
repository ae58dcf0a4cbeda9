import mongoose, { Schema } from 'mongoose'
import { DAY_TYPES } from '@xz/shared'

/** An administrator's override of one date (a closure, an extra duty day, next year's schedule). `_id` is the date. */
const calendarOverrideSchema = new Schema(
  {
    _id: { type: String },
    type: { type: String, enum: DAY_TYPES, required: true },
    name: { type: String, required: true },
    reason: String,
    createdBy: String,
  },
  { timestamps: true },
)
export const CalendarOverride = mongoose.model('CalendarOverride', calendarOverrideSchema)
