import { regionContains } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { AppError, forbidden } from '../../lib/errors'

/** An administrator may only touch records whose region lies within their own region. */
export function assertRegionScope(auth: AuthContext, regionCode: string): void {
  if (auth.role !== 'admin' || !auth.regionCode || !regionContains(auth.regionCode, regionCode)) {
    throw forbidden('该记录不在您管理的区域内')
  }
}

/** A 400 that names the offending field, shaped like the schema validation errors. */
export function invalidField(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path, message, code: 'custom' }] })
}
