import type mongoose from 'mongoose'
import { ERASED_NAME } from '@xz/shared'
import { WorkOrder } from './work-order.model'

/** 注销账号: the work orders of the person's 差评 keep their course without the rater's name, comment or appeal. */
export async function eraseRaterOf(userId: mongoose.Types.ObjectId | string): Promise<void> {
  await WorkOrder.updateMany({ userId }, { $set: { raterName: ERASED_NAME }, $unset: { comment: 1, appeal: 1 } })
}
