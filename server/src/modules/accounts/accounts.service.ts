import crypto from 'node:crypto'
import mongoose from 'mongoose'
import { regionContains, type AccountCreate, type AccountsQuery, type AccountUpdate, type AccountWithPassword, type Page, type StaffAccount } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { AppError, forbidden, notFound } from '../../lib/errors'
import { adminRegionOf } from '../../lib/scope'
import { slicePage } from '../../lib/paging'
import { recordAudit } from '../audit'
import { Account, type AccountDoc, createAccountRecord, type NewAccount, revokeAccountSessions, setAccountPassword, unlockUsername, updateAccountRecord } from '../auth'
import { Hall } from '../halls'
import { generatePassword } from './accounts.rules'

interface HallRef {
  id: string
  name: string
  regionCode: string
}


/** The points of the administrator's region, by id. */
async function hallsOfRegion(regionCode: string): Promise<Map<string, HallRef>> {
  const halls = await Hall.find({}).select('name regionCode').lean()
  return new Map(
    halls
      .filter((h) => regionContains(regionCode, h.regionCode))
      .map((h) => [h._id.toString(), { id: h._id.toString(), name: h.name, regionCode: h.regionCode }]),
  )
}

/** The given points, each of which must exist (404) and lie in the administrator's region (403). */
async function hallsInRegion(regionCode: string, ids: string[]): Promise<HallRef[]> {
  const found = await Hall.find({ _id: { $in: ids } }).select('name regionCode').lean()
  if (found.length !== ids.length) throw notFound('服务网点')
  const outside = found.filter((h) => !regionContains(regionCode, h.regionCode))
  if (outside.length > 0) {
    throw new AppError('FORBIDDEN', '只能分配本辖区的服务网点', { hallIds: outside.map((h) => h._id.toString()) })
  }
  return found.map((h) => ({ id: h._id.toString(), name: h.name, regionCode: h.regionCode }))
}

function toView(a: AccountDoc, halls: Map<string, HallRef>): StaffAccount {
  const hallIds = a.hallIds.map(String)
  return {
    id: a._id.toString(),
    username: a.username,
    name: a.name,
    role: 'staff',
    hallIds,
    halls: hallIds.map((id) => ({ id, name: halls.get(id)?.name ?? '' })),
    disabled: a.disabled,
    createdAt: (a as AccountDoc & { createdAt: Date }).createdAt.toISOString(),
  }
}

/** A staff account the administrator may manage: every point of it lies in their region. */
async function manageable(auth: AuthContext, id: string): Promise<{ account: AccountDoc; halls: Map<string, HallRef> }> {
  const regionCode = adminRegionOf(auth)
  const account = await Account.findById(id).lean<AccountDoc>()
  if (!account) throw notFound('账号')
  if (account.role !== 'staff') throw new AppError('FORBIDDEN', '只能管理窗口工作人员账号')
  const halls = await hallsOfRegion(regionCode)
  if (!account.hallIds.every((h) => halls.has(h.toString()))) throw new AppError('FORBIDDEN', '该账号不属于本辖区')
  return { account, halls }
}

/** Signs the account out everywhere: its refresh tokens stop working (access tokens expire within minutes). */
async function revokeSessions(accountId: string): Promise<void> {
  await revokeAccountSessions(accountId)
}

function newPassword(): string {
  return generatePassword((n) => crypto.randomInt(n))
}

/** Staff accounts whose points all lie in the administrator's region. */
export async function listAccounts(auth: AuthContext, q: AccountsQuery): Promise<Page<StaffAccount>> {
  const halls = await hallsOfRegion(adminRegionOf(auth))
  if (q.hallId && !halls.has(q.hallId)) throw new AppError('FORBIDDEN', '该服务网点不属于本辖区')
  const candidates = await Account.find({ role: 'staff', hallIds: { $in: [...halls.keys()] } }).lean<AccountDoc[]>()
  const needle = q.q?.toLowerCase()
  const matching = candidates
    .filter((a) => a.hallIds.every((h) => halls.has(h.toString())))
    .filter((a) => !q.hallId || a.hallIds.some((h) => h.toString() === q.hallId))
    .filter((a) => !needle || a.username.toLowerCase().includes(needle) || a.name.toLowerCase().includes(needle))
    .sort((a, b) => a.username.localeCompare(b.username))
  const read = slicePage(matching, q)
  return read.page(read.rows.map((a) => toView(a, halls)))
}

/** Creates a staff account for points of the region; the generated password is shown this once. */
export async function createAccount(auth: AuthContext, body: AccountCreate): Promise<AccountWithPassword> {
  const halls = await hallsInRegion(adminRegionOf(auth), body.hallIds)
  const password = newPassword()
  const created = await createAccountRecord({
    username: body.username,
    password,
    name: body.name,
    role: 'staff',
    hallIds: body.hallIds.map((id) => new mongoose.Types.ObjectId(id)),
  })
  const account = (await Account.findById(created._id).lean<AccountDoc>())!
  await recordAudit({
    actor: auth,
    action: 'account.create',
    accountId: account._id,
    regionCodes: halls.map((h) => h.regionCode),
    details: { username: account.username, name: account.name, hallIds: body.hallIds },
  })
  return { account: toView(account, new Map(halls.map((h) => [h.id, h]))), password }
}

/**
 * Creates an account of another role (项目长/代办员, dispatcher, handler) that works in `regionCode`, which must lie in
 * the administrator's region; the generated password is returned this once, and the creation is audited.
 */
export async function createRegionAccount(
  auth: AuthContext,
  regionCode: string,
  fields: Omit<NewAccount, 'password' | 'hallIds'>,
): Promise<{ account: AccountDoc; password: string }> {
  if (!regionContains(adminRegionOf(auth), regionCode)) throw forbidden('只能为本辖区创建账号')
  const password = newPassword()
  const created = await createAccountRecord({ ...fields, password, hallIds: [] })
  await recordAudit({ actor: auth, action: 'account.create', accountId: created._id, regionCodes: [regionCode], details: { username: fields.username, role: fields.role } })
  return { account: created.toObject() as AccountDoc, password }
}

/** Renames, reassigns (within the region) or disables/enables a staff account. */
export async function updateAccount(auth: AuthContext, id: string, body: AccountUpdate): Promise<StaffAccount> {
  const { account, halls } = await manageable(auth, id)
  const newHalls = body.hallIds ? await hallsInRegion(adminRegionOf(auth), body.hallIds) : undefined
  const $set: { name?: string; hallIds?: mongoose.Types.ObjectId[]; disabled?: boolean } = {}
  const changes: Record<string, unknown> = {}
  if (body.name !== undefined && body.name !== account.name) {
    $set.name = body.name
    changes.name = { from: account.name, to: body.name }
  }
  const oldHallIds = account.hallIds.map(String)
  if (body.hallIds && [...body.hallIds].sort().join() !== [...oldHallIds].sort().join()) {
    $set.hallIds = body.hallIds.map((h) => new mongoose.Types.ObjectId(h))
    changes.hallIds = { from: oldHallIds, to: body.hallIds }
  }
  if (body.disabled !== undefined && body.disabled !== account.disabled) {
    $set.disabled = body.disabled
    changes.disabled = { from: account.disabled, to: body.disabled }
  }
  if (Object.keys($set).length > 0) {
    await updateAccountRecord(account._id, $set)
    if (body.disabled === true || $set.hallIds) await revokeSessions(id)
    await recordAudit({
      actor: auth,
      action: 'account.update',
      accountId: account._id,
      regionCodes: [...oldHallIds.map((h) => halls.get(h)?.regionCode), ...(newHalls ?? []).map((h) => h.regionCode)].filter(
        (c): c is string => Boolean(c),
      ),
      details: { username: account.username, changes },
    })
  }
  const updated = (await Account.findById(id).lean<AccountDoc>())!
  return toView(updated, halls)
}

/** Sets a new generated password (shown this once), signs the account out and lifts a login lock. */
export async function resetPassword(auth: AuthContext, id: string): Promise<AccountWithPassword> {
  const { account, halls } = await manageable(auth, id)
  const password = newPassword()
  await setAccountPassword(account._id, password)
  await revokeSessions(id)
  await unlockUsername(account.username)
  await recordAudit({
    actor: auth,
    action: 'account.reset_password',
    accountId: account._id,
    regionCodes: account.hallIds.map((h) => halls.get(h.toString())?.regionCode).filter((c): c is string => Boolean(c)),
    details: { username: account.username },
  })
  return { account: toView(account, halls), password }
}
