import type mongoose from 'mongoose'
import { ERASED_NAME } from '@xz/shared'
import { Rating } from './rating.model'

/** 注销账号: the person's ratings keep their levels (statistics) without a name, comment or 追评. */
export async function eraseRaterOf(userId: mongoose.Types.ObjectId | string): Promise<void> {
  await Rating.updateMany({ userId }, { $set: { raterName: ERASED_NAME }, $unset: { comment: 1, append: 1 } })
}
