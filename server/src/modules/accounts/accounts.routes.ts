import {
  AccountCreateSchema,
  AccountsQuerySchema,
  AccountUpdateSchema,
  AccountWithPasswordSchema,
  IdParamsSchema,
  StaffAccountPageSchema,
  StaffAccountSchema,
} from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import * as accounts from './accounts.service'

/** Staff accounts, managed by the administrators of the region their points lie in. */
export const accountRoutes = new ApiRouter('/admin/accounts', 'admin')
  .get(
    '/',
    { summary: 'Staff accounts of my region', auth: ['admin'], query: AccountsQuerySchema, response: StaffAccountPageSchema },
    ({ auth, query }) => accounts.listAccounts(auth, query),
  )
  .post(
    '/',
    { summary: 'Create a staff account (the generated password is returned once)', auth: ['admin'], body: AccountCreateSchema, response: AccountWithPasswordSchema, status: 201 },
    ({ auth, body }) => accounts.createAccount(auth, body),
  )
  .patch(
    '/:id',
    { summary: 'Rename, reassign points or disable a staff account', auth: ['admin'], params: IdParamsSchema, body: AccountUpdateSchema, response: StaffAccountSchema },
    ({ auth, params, body }) => accounts.updateAccount(auth, params.id, body),
  )
  .post(
    '/:id/reset-password',
    { summary: 'Reset a staff password (the generated password is returned once)', auth: ['admin'], params: IdParamsSchema, response: AccountWithPasswordSchema },
    ({ auth, params }) => accounts.resetPassword(auth, params.id),
  )
