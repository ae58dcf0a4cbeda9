import type { AuthContext } from '../../lib/auth'
import { AppError, notFound } from '../../lib/errors'
import { assertCanActOn } from '../../lib/scope'
import { Hall } from '../halls'

/** Loads a point the caller may act on: 403 for staff of other points (without a lookup), 404 when it does not exist. */
export async function hallInScope(auth: AuthContext, hallId: string) {
  if (auth.role === 'staff' && !auth.hallIds.includes(hallId)) throw new AppError('FORBIDDEN', '无权处理其他网点的业务')
  const hall = await Hall.findById(hallId).select('name regionCode serviceIds').lean()
  if (!hall) throw notFound('服务网点')
  assertCanActOn(auth, { hallId: hall._id, regionCode: hall.regionCode })
  return hall
}
