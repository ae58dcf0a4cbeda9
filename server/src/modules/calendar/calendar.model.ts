import mongoose, { Schema } from 'mongoose'
import { DAY_TYPES } from '@xz/shared'
import { trackWrites } from '../../lib/versioned-cache'

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
// the calendar is read from an in-process cache (calendar.service): every write through the model bumps its version
trackWrites(calendarOverrideSchema, 'calendar')
export const CalendarOverride = mongoose.model('CalendarOverride', calendarOverrideSchema)
