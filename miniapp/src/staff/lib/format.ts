import { normalizeBookingCode, type BookingStatus } from '@xz/shared'
import { ApiError } from '@/api/request'
import { errorMessage } from '@/api/errors'

export { BOOKING_STATUS_LABELS } from '@/api/bookings'

/** Order of the per-state counters on the desk. */
export const DESK_STATUSES: BookingStatus[] = ['booked', 'checked_in', 'served', 'no_show', 'cancelled']

/**
 * The server's own Chinese message for rule and validation failures (it says exactly what is wrong, e.g. which
 * field), the shared table for the rest (network, server errors).
 */
export function actionError(err: unknown): string {
  const sessionProblem = err instanceof ApiError && (err.code === 'UNAUTHENTICATED' || err.code === 'TOKEN_EXPIRED')
  if (err instanceof ApiError && err.status >= 400 && err.status < 500 && !sessionProblem && !/^HTTP \d+/.test(err.message)) {
    return err.message
  }
  return errorMessage(err)
}

/** Field → message from a 400 VALIDATION_FAILED answer ({details: {issues: [{path, message}]}}). */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(err instanceof ApiError)) return out
  const issues = (err.details as { issues?: { path?: unknown; message?: unknown }[] } | undefined)?.issues
  if (!Array.isArray(issues)) return out
  for (const issue of issues) {
    const path = Array.isArray(issue.path) ? issue.path.join('.') : typeof issue.path === 'string' ? issue.path : ''
    const field = path.split('.')[0] || '_'
    if (typeof issue.message === 'string' && !out[field]) out[field] = issue.message
  }
  return out
}

/** '2026-11-28T09:30:00.000Z' → '11-28 17:30' (Asia/Shanghai) */
export function shortDateTime(iso?: string): string {
  if (!iso) return ''
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return iso
  const local = new Date(t.getTime() + 8 * 3600_000).toISOString()
  return `${local.slice(5, 10)} ${local.slice(11, 16)}`
}

export function levelStars(level: number): string {
  return '★'.repeat(Math.max(0, Math.min(5, level))) + '☆'.repeat(Math.max(0, 5 - level))
}

/** A scanned QR code holds the booking code, possibly inside a URL (…?code=XXXXXXXX). */
export function codeFromScan(result: string): string {
  const fromUrl = /[?&]code=([0-9A-Za-z-]+)/.exec(result)
  return normalizeBookingCode(fromUrl ? fromUrl[1] : result.trim())
}
