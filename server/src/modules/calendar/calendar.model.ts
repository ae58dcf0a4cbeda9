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

/**
 * A published holiday schedule of one year (SPEC §2.12), entered or imported by an administrator. `_id` is the
 * year ("2027"): at most one per year, a few hundred at the very most, read whole like the overrides.
 */
const holidayYearSchema = new Schema(
  {
    _id: { type: String },
    holidays: [{ _id: false, name: { type: String, required: true }, from: { type: String, required: true }, to: { type: String, required: true } }],
    workdays: [{ _id: false, date: { type: String, required: true }, name: String }],
    source: String,
    updatedBy: String,
  },
  { timestamps: true },
)
trackWrites(holidayYearSchema, 'calendar')
export const HolidayYear = mongoose.model('HolidayYear', holidayYearSchema)
