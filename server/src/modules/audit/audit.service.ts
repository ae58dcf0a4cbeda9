import type { AuditAction, AuditEntry, AuditQuery, Page } from '@xz/shared'
import { addDays, dateRange, localDate, regionScopesOf } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { invalidField } from '../../lib/errors'
import { readPage, readPageByDays } from '../../lib/paging'
import { adminRegionOf } from '../../lib/scope'
import { AuditLog, type AuditLogDoc } from './audit.model'

export interface AuditInput {
  actor: AuthContext
  action: AuditAction
  bookingId?: unknown
  walkinId?: unknown
  accountId?: unknown
  hallId?: unknown
  /** Region codes of the points concerned (their administrators may read the entry). */
  regionCodes: string[]
  details?: Record<string, unknown>
}

/** Days the region's log covers when no period is given, and the longest period it may ask for. */
const AUDIT_REGION_DAYS = 30
const MAX_AUDIT_REGION_DAYS = 92

const idOf = (v: unknown) => (v === undefined || v === null ? undefined : String(v))

/**
 * Appends one entry to the audit log. Call it for every view of a person's full data and every change
 * staff or administrators make to a booking or an account. Exported for other modules.
 */
export async function recordAudit(input: AuditInput): Promise<void> {
  const at = now()
  await AuditLog.create({
    at,
    date: localDate(at),
    actorId: input.actor.sub,
    actorRole: input.actor.role,
    actorName: input.actor.name,
    action: input.action,
    bookingId: idOf(input.bookingId),
    walkinId: idOf(input.walkinId),
    accountId: idOf(input.accountId),
    hallId: idOf(input.hallId),
    regionScopes: [...new Set(input.regionCodes.flatMap(regionScopesOf))],
    details: input.details,
  })
}

/**
 * The audit log of the administrator's region, newest first. A booking's entries are one equality on `bookingId`; the
 * region's log (`regionScopes` is an array, which the embedded database cannot search in SQL) is read day by day
 * through `date` over the asked period: by default the last AUDIT_REGION_DAYS days, at most MAX_AUDIT_REGION_DAYS.
 */
export async function queryAudit(auth: AuthContext, q: AuditQuery): Promise<Page<AuditEntry>> {
  const filter: Record<string, unknown> = { regionScopes: adminRegionOf(auth) }
  if (q.actorId) filter.actorId = q.actorId
  if (q.action) filter.action = q.action
  const newestFirst = { at: -1, _id: -1 } as const
  let read
  if (q.bookingId) {
    filter.bookingId = q.bookingId
    if (q.from || q.to) filter.date = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) }
    read = await readPage<AuditLogDoc>(AuditLog, filter, newestFirst, q)
  } else {
    const today = localDate(now())
    const to = q.to ?? today
    const from = q.from ?? addDays(to, -(AUDIT_REGION_DAYS - 1))
    if (addDays(from, MAX_AUDIT_REGION_DAYS) <= to) throw invalidField('to', `不指定预约时，查询范围不能超过 ${MAX_AUDIT_REGION_DAYS} 天`)
    read = await readPageByDays<AuditLogDoc>(AuditLog, 'date', dateRange(from, to).reverse(), today, filter, newestFirst, q)
  }
  return read.page(
    read.rows.map((e) => ({
      id: e._id.toString(),
      at: e.at.toISOString(),
      actorId: e.actorId,
      actorRole: e.actorRole,
      actorName: e.actorName ?? undefined,
      action: e.action,
      bookingId: e.bookingId ?? undefined,
      walkinId: e.walkinId ?? undefined,
      accountId: e.accountId ?? undefined,
      hallId: e.hallId ?? undefined,
      details: (e.details as Record<string, unknown> | undefined) ?? undefined,
    })),
  )
}
