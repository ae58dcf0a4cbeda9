import type mongoose from 'mongoose'
import { ERASED_MOBILE, ERASED_NAME } from '@xz/shared'
import { Booking } from './booking.model'
import { WaitlistEntry } from './waitlist.model'

/** 注销账号: the person's bookings and waitlist entries stay (statistics, queue numbers) without who they were. */
export async function eraseApplicantsOf(userId: mongoose.Types.ObjectId | string): Promise<void> {
  const erasedApplicant = { name: ERASED_NAME, mobile: ERASED_MOBILE }
  await Booking.updateMany({ userId }, { $set: { applicant: erasedApplicant }, $unset: { enterprise: 1, note: 1 } })
  await WaitlistEntry.updateMany({ userId }, { $set: { applicant: erasedApplicant }, $unset: { enterprise: 1 } })
}
