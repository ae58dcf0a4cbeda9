import { regionContains, type TicketAccount, type TicketAccountCreate } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { notFound } from '../../lib/errors'
import { adminRegionOf } from '../../lib/scope'
import { Account, type AccountDoc } from '../auth'
import { Department } from '../catalogue'
import { createRegionAccount } from '../accounts'

function toView(a: AccountDoc): TicketAccount {
  return {
    id: a._id.toString(),
    username: a.username,
    name: a.name,
    role: a.role as 'dispatcher' | 'handler',
    regionCode: a.role === 'dispatcher' ? (a.regionCode ?? undefined) : undefined,
    departmentId: a.departmentId?.toString(),
    disabled: Boolean(a.disabled),
  }
}

/** The region an account works in: a dispatcher's own, a handler's department's. */
async function regionOf(body: TicketAccountCreate): Promise<string> {
  if (body.role === 'dispatcher') return body.regionCode
  const dept = await Department.findById(body.departmentId).select('regionCode').lean()
  if (!dept) throw notFound('部门')
  return dept.regionCode
}

/** Creates a dispatcher or a handler inside the administrator's region; the generated password is shown once. */
export async function createTicketAccount(auth: AuthContext, body: TicketAccountCreate): Promise<{ account: TicketAccount; password: string }> {
  const region = await regionOf(body)
  const { account, password } = await createRegionAccount(auth, region, {
    username: body.username,
    name: body.name,
    role: body.role,
    ...(body.role === 'dispatcher' ? { regionCode: body.regionCode } : { departmentId: body.departmentId, regionCode: region }),
  })
  return { account: toView(account), password }
}

/** Dispatchers and handlers of the administrator's region (accounts are few: read whole). */
export async function listTicketAccounts(auth: AuthContext): Promise<{ items: TicketAccount[] }> {
  const region = adminRegionOf(auth)
  const rows = await Account.find({ role: { $in: ['dispatcher', 'handler'] } }).lean<AccountDoc[]>()
  return { items: rows.filter((a) => a.regionCode && regionContains(region, a.regionCode)).map(toView).sort((a, b) => a.username.localeCompare(b.username)) }
}
