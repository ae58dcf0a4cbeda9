import { regionContains } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { AppError, notFound } from '../../lib/errors'
import { Hall } from '../halls/hall.model'

interface Scoped {
  hallId: { toString(): string }
  regionCode: string
}

/** Staff act on their own points; administrators on the points of their region. */
export function canActOn(auth: AuthContext, target: Scoped): boolean {
  if (auth.role === 'staff') return auth.hallIds.includes(target.hallId.toString())
  if (auth.role === 'admin') return Boolean(auth.regionCode && regionContains(auth.regionCode, target.regionCode))
  return false
}

export function assertCanActOn(auth: AuthContext, target: Scoped): void {
  if (!canActOn(auth, target)) throw new AppError('FORBIDDEN', '无权处理其他网点的业务')
}

/** Loads a point the caller may act on: 403 for staff of other points (without a lookup), 404 when it does not exist. */
export async function hallInScope(auth: AuthContext, hallId: string) {
  if (auth.role === 'staff' && !auth.hallIds.includes(hallId)) throw new AppError('FORBIDDEN', '无权处理其他网点的业务')
  const hall = await Hall.findById(hallId).select('name regionCode serviceIds').lean()
  if (!hall) throw notFound('服务网点')
  assertCanActOn(auth, { hallId: hall._id, regionCode: hall.regionCode })
  return hall
}
