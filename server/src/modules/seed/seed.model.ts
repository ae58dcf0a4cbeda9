import mongoose, { Schema } from 'mongoose'

/**
 * The demo-data seed claim: one document `_id: 'seed'` in the `meta` collection. Inserting it is the claim (the
 * unique `_id` gives exactly one winner when several processes start on an empty database at once).
 */
const seedStateSchema = new Schema(
  {
    _id: { type: String },
    status: { type: String, enum: ['running', 'done', 'failed'], required: true },
    startedAt: { type: Date, required: true },
    finishedAt: Date,
    pid: Number,
    counts: { type: Schema.Types.Mixed },
    error: String,
  },
  { collection: 'meta' },
)
export const SeedState = mongoose.model('SeedState', seedStateSchema)
