import { regionContains, type ProjectAccount, type ProjectAccountCreateSchema } from '@xz/shared'
import type * as z from 'zod'
import type { AuthContext } from '../../lib/auth'
import { adminRegionOf } from '../../lib/scope'
import { createRegionAccount } from '../accounts'
import { Account, type AccountDoc } from '../auth'

type Create = z.output<typeof ProjectAccountCreateSchema>

function toView(a: AccountDoc): ProjectAccount {
  return {
    id: a._id.toString(),
    username: a.username,
    name: a.name,
    title: a.title ?? undefined,
    mobile: a.mobile ?? undefined,
    regionCode: a.regionCode ?? '',
    disabled: Boolean(a.disabled),
  }
}

/**
 * Creates a 项目长/代办员 account (role agent) in the administrator's region; the generated password is shown once.
 * Which projects it leads or works on is set per project (PUT /admin/projects/:id/team).
 */
export async function createProjectAccount(auth: AuthContext, body: Create): Promise<{ account: ProjectAccount; password: string }> {
  const { account, password } = await createRegionAccount(auth, body.regionCode, {
    username: body.username,
    name: body.name,
    title: body.title,
    mobile: body.mobile,
    role: 'agent',
    regionCode: body.regionCode,
  })
  return { account: toView(account), password }
}

/** 项目长/代办员 accounts of the administrator's region (accounts are few: read whole). */
export async function listProjectAccounts(auth: AuthContext): Promise<{ items: ProjectAccount[] }> {
  const region = adminRegionOf(auth)
  const rows = await Account.find({ role: 'agent' }).lean<AccountDoc[]>()
  return { items: rows.filter((a) => a.regionCode && regionContains(region, a.regionCode)).map(toView).sort((a, b) => a.username.localeCompare(b.username)) }
}
