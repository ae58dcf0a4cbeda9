import type mongoose from 'mongoose'
import { Notification } from './notification.model'

/** 注销账号: the person's notices go. */
export async function deleteNoticesOf(userId: mongoose.Types.ObjectId | string): Promise<void> {
  await Notification.deleteMany({ userId })
}
