import type { AuditAction, AuditEntry, AuditQuery, Page } from '@xz/shared'
import { instantOf, addDays, regionScopesOf } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { readPage } from '../../lib/paging'
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

const idOf = (v: unknown) => (v === undefined || v === null ? undefined : String(v))

/**
 * Appends one entry to the audit log. Call it for every view of a person's full data and every change
 * staff or administrators make to a booking or an account. Exported for other modules.
 */
export async function recordAudit(input: AuditInput): Promise<void> {
  await AuditLog.create({
    at: now(),
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

/** The audit log of the administrator's region, newest first. */
export async function queryAudit(auth: AuthContext, q: AuditQuery): Promise<Page<AuditEntry>> {
  const filter: Record<string, unknown> = { regionScopes: adminRegionOf(auth) }
  if (q.bookingId) filter.bookingId = q.bookingId
  if (q.actorId) filter.actorId = q.actorId
  if (q.action) filter.action = q.action
  if (q.from || q.to) {
    filter.at = {
      ...(q.from ? { $gte: instantOf(q.from) } : {}),
      ...(q.to ? { $lt: instantOf(addDays(q.to, 1)) } : {}),
    }
  }
  const read = await readPage<AuditLogDoc>(AuditLog, filter, { at: -1, _id: -1 }, q)
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
