import mongoose from 'mongoose'
import { invalidField } from '../../lib/errors'
import type { ItemPoint, ItemPoints } from '../catalogue'
import { mirrorPointOnItems, mirrorPointsOfItem, Service } from '../catalogue'
import { hallCache } from './hall-cache'
import { Hall } from './hall.model'
import type { Id } from '../../lib/db'


/**
 * The item ↔ point link ("this point handles this item"): `Hall.serviceIds`, mirrored on `Service.hallIds` for the
 * item's guide. This module decides every change of the link, whichever side an administrator edits (a point's items
 * in halls.service, an item's points through the catalogue's port), and writes the mirror through the catalogue's
 * functions: no transactions, so one owner keeps both sides in step.
 */

/** The first id that names no item is refused (400 naming `${path}.${i}`). */
export async function requireServices(ids: Id[], path: string): Promise<void> {
  if (ids.length === 0) return
  const found = new Set((await Service.find({ _id: { $in: ids } }, '_id').lean()).map((s) => s._id.toString()))
  const missing = ids.findIndex((id) => !found.has(String(id)))
  if (missing >= 0) throw invalidField(`${path}.${missing}`, '事项不存在')
}

/** A point's items changed (its `serviceIds` were written with it): the items' mirror follows. */
export async function pointItemsChanged(hallId: Id, added: Id[], removed: Id[]): Promise<void> {
  await mirrorPointOnItems(hallId, added, removed)
}

/** The item is handled at exactly these points: its mirror is set and the points on either side updated. */
async function setPointsOfItem(serviceId: Id, hallIds: Id[]): Promise<void> {
  const current = await Service.findById(serviceId).select('hallIds').lean<{ hallIds?: mongoose.Types.ObjectId[] }>()
  const before = new Set((current?.hallIds ?? []).map(String))
  const after = new Set(hallIds.map(String))
  await mirrorPointsOfItem(serviceId, hallIds)
  const added = [...after].filter((h) => !before.has(h))
  const removed = [...before].filter((h) => !after.has(h))
  if (added.length) await Hall.updateMany({ _id: { $in: added } }, { $addToSet: { serviceIds: serviceId } })
  if (removed.length) await Hall.updateMany({ _id: { $in: removed } }, { $pull: { serviceIds: serviceId } })
}

/** The first id that names no point is refused (400 naming `${path}.${i}`). */
async function requirePoints(ids: Id[], path: string): Promise<void> {
  if (ids.length === 0) return
  const found = new Set((await Hall.find({ _id: { $in: ids } }, '_id').lean()).map((h) => h._id.toString()))
  const missing = ids.findIndex((id) => !found.has(String(id)))
  if (missing >= 0) throw invalidField(`${path}.${missing}`, '服务网点不存在')
}

/** The active points among these ids, by name, from the in-process cache (an `$in` would read the whole collection on the embedded database). */
async function pointsOf(hallIds: string[]): Promise<ItemPoint[]> {
  const { byId } = await hallCache.get()
  return hallIds
    .flatMap((id) => byId.get(id) ?? [])
    .filter((h) => (h.status ?? 'active') === 'active')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/** What the catalogue's item pages and administration use of the link (plugged in by modules/wiring.ts). */
export const itemPoints: ItemPoints = { pointsOf, requirePoints, setPointsOfItem }
