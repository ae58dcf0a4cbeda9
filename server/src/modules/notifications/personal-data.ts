import type mongoose from 'mongoose'
import { Notification } from './notification.model'

/** 注销账号: the person's notices go. */
export async function deleteNoticesOf(userId: mongoose.Types.ObjectId | string): Promise<void> {
  await Notification.deleteMany({ userId })
}

/** A notice whose text quoted what a deleted person wrote: the text is replaced, its data dropped (reached by `_id`). */
export async function rewriteNotice(id: string, body: string): Promise<void> {
  await Notification.updateOne({ _id: id }, { $set: { body }, $unset: { data: 1 } })
}
