import { Service } from './catalogue.model'
import type { Id } from '../../lib/db'


// `Service.hallIds` mirrors the item ↔ point link, which the halls feature owns (halls/service-links.ts): these are
// its writes of the mirror, and nothing else writes it.

/** A point now handles (or no longer handles) these items. */
export async function mirrorPointOnItems(hallId: Id, added: Id[], removed: Id[]): Promise<void> {
  if (added.length) await Service.updateMany({ _id: { $in: added } }, { $addToSet: { hallIds: hallId } })
  if (removed.length) await Service.updateMany({ _id: { $in: removed } }, { $pull: { hallIds: hallId } })
}

/** An item is handled at exactly these points. */
export async function mirrorPointsOfItem(serviceId: Id, hallIds: Id[]): Promise<void> {
  await Service.updateOne({ _id: serviceId }, { $set: { hallIds } })
}

/** The off-hours flags of items, derived from the session rules by the sessions feature. */
export async function setOffHoursFlags(changes: { _id: Id; flags: { offHours: boolean; offHoursWeekend: boolean; offHoursExtended: boolean } }[]): Promise<void> {
  await Promise.all(changes.map((c) => Service.updateOne({ _id: c._id }, { $set: c.flags })))
}
