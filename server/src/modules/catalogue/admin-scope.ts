import { AppError } from '../../lib/errors'

/** A 400 that names the offending field, shaped like the schema validation errors. */
export function invalidField(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path, message, code: 'custom' }] })
}
