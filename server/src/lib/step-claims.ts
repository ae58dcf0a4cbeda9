import mongoose, { Schema } from 'mongoose'
import { now } from './clock'
import { isDuplicateKey } from './errors'

/**
 * One-shot claims (`_id` deterministic, insert-only): a 追评 (`append:<ratingId>`) or a work-order step
 * (`wo:<orderId>:verify`). The claim carries the change it stands for, so that a step whose process died between
 * the claim and the write can be completed by the next caller. (The model keeps its first name, RatingClaim:
 * the 好差评 flow's claims already stored stay valid.)
 */
const stepClaimSchema = new Schema({
  _id: { type: String },
  at: { type: Date, required: true },
  by: String,
  /** The fields the step sets (flat keys only: the embedded database stores no dotted keys). */
  changes: { type: Schema.Types.Mixed, required: true },
})
export const StepClaim = mongoose.model('RatingClaim', stepClaimSchema)

export interface ClaimedStep<C> {
  /** The claim's id, e.g. `append:<ratingId>`. */
  key: string
  by: string
  changes: C
  at?: Date
  /** Writes the change (idempotently: it may run twice, for this claim and when completing it). */
  write: (changes: C) => Promise<unknown>
  /** The error for a caller who lost the claim. */
  taken: () => Error
}

/**
 * Performs a step once: claims it, then writes it. A caller who finds the step claimed completes the recorded change
 * (its claimer may have died before writing) and is refused with `taken()`.
 */
export async function claimStep<C extends object>(step: ClaimedStep<C>): Promise<void> {
  try {
    await StepClaim.create({ _id: step.key, at: step.at ?? now(), by: step.by, changes: step.changes })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    const claim = await StepClaim.findById(step.key).lean()
    if (claim) await step.write(claim.changes as C)
    throw step.taken()
  }
  await step.write(step.changes)
}
