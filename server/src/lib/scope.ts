/**
 * Who may act on what: staff on the points they work at, administrators on every point and record of their
 * region. The one place for these checks; modules load their records and ask here.
 */
import { regionContains } from '@xz/shared'
import type { AuthContext } from './auth'
import type { Model } from 'mongoose'
import { AppError, forbidden, notFound } from './errors'

/** A record that belongs to a point (or, for guides without a point, only to a region). */
export interface Scoped {
  hallId?: { toString(): string } | null
  regionCode: string
}

/** Staff act on their own points' records; administrators on the records of their region. */
export function canActOn(auth: AuthContext, target: Scoped): boolean {
  if (auth.role === 'staff') return Boolean(target.hallId) && auth.hallIds.includes(target.hallId!.toString())
  if (auth.role === 'admin') return Boolean(auth.regionCode) && regionContains(auth.regionCode!, target.regionCode)
  return false
}

export function assertCanActOn(auth: AuthContext, target: Scoped, message = '无权处理其他网点的业务'): void {
  if (!canActOn(auth, target)) throw new AppError('FORBIDDEN', message)
}

/** An administrator may only touch records whose region lies within their own region. */
export function assertRegionScope(auth: AuthContext, regionCode: string): void {
  if (auth.role !== 'admin' || !auth.regionCode || !regionContains(auth.regionCode, regionCode)) {
    throw forbidden('该记录不在您管理的区域内')
  }
}

/** The region an administrator oversees; 403 for an account without one. */
export function adminRegionOf(auth: AuthContext): string {
  if (!auth.regionCode) throw new AppError('FORBIDDEN', '账号未设置管辖区域')
  return auth.regionCode
}

/** Whose records a caller lists: staff their points (or one of them), administrators their region (optionally one point). */
type ListScope = { hallIds: string[] } | { region: string; hallId?: string }

function listScopeOf(auth: AuthContext, hallId: string | undefined, otherHallMessage: string): ListScope {
  if (auth.role === 'staff') {
    if (hallId && !auth.hallIds.includes(hallId)) throw forbidden(otherHallMessage)
    return { hallIds: hallId ? [hallId] : auth.hallIds }
  }
  if (auth.role === 'admin' && auth.regionCode) return { region: auth.regionCode, hallId }
  throw forbidden()
}

/**
 * The list filters for records that store `hallId` and `regionScopes` (see `regionScopesOf`), whose union is the list:
 * staff see their points (one filter per point, each a plain equality that the embedded database searches through a
 * `hallId…_pushdown` index, where a `$in` would read the whole collection), administrators their region (optionally
 * one point of it).
 */
export function hallOrRegionFilters(auth: AuthContext, hallId: string | undefined, otherHallMessage: string): Record<string, unknown>[] {
  const scope = listScopeOf(auth, hallId, otherHallMessage)
  if ('hallIds' in scope) return scope.hallIds.map((h) => ({ hallId: h }))
  return [{ regionScopes: scope.region, ...(scope.hallId ? { hallId: scope.hallId } : {}) }]
}

/** The same scope as `hallOrRegionFilters`, as a test on records held in memory. */
export function hallOrRegionTest(
  auth: AuthContext,
  hallId: string | undefined,
  otherHallMessage: string,
): (r: { hallId?: string; regionScopes: readonly string[] }) => boolean {
  const scope = listScopeOf(auth, hallId, otherHallMessage)
  if ('hallIds' in scope) {
    const ids = new Set(scope.hallIds)
    return (r) => r.hallId !== undefined && ids.has(r.hallId)
  }
  return (r) => r.regionScopes.includes(scope.region) && (!scope.hallId || r.hallId === scope.hallId)
}

/** A record an administrator manages by id: 404 naming `what` when there is none, 403 outside their region. */
export async function loadInRegion<T extends { regionCode: string }>(model: Model<any>, id: string, what: string, auth: AuthContext): Promise<T> {
  const doc = await model.findById(id).lean<T>()
  if (!doc) throw notFound(what)
  assertRegionScope(auth, doc.regionCode)
  return doc
}
