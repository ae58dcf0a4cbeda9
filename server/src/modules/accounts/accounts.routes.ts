import { accountContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import * as accounts from './accounts.service'

/** Staff accounts, managed by the administrators of the region their points lie in. */
export const accountRoutes = implement(accountContract, {
  list: ({ auth, query }) => accounts.listAccounts(auth, query),
  create: ({ auth, body }) => accounts.createAccount(auth, body),
  update: ({ auth, params, body }) => accounts.updateAccount(auth, params.id, body),
  resetPassword: ({ auth, params }) => accounts.resetPassword(auth, params.id),
})
