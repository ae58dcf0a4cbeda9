import { defineContract } from '../contract'
import { IdParamsSchema } from '../schemas/common'
import { AccountCreateSchema, AccountsQuerySchema, AccountUpdateSchema, AccountWithPasswordSchema, StaffAccountPageSchema, StaffAccountSchema } from '../schemas/staff'

/** Staff accounts, managed by the administrators of the region their points lie in. */
export const accountContract = /* @__PURE__ */ defineContract('admin', {
  list: { method: 'get', path: '/admin/accounts', summary: 'Staff accounts of my region', auth: ['admin'], query: AccountsQuerySchema, responses: { 200: StaffAccountPageSchema } },
  create: {
    method: 'post',
    path: '/admin/accounts',
    summary: 'Create a staff account (the generated password is returned once)',
    auth: ['admin'],
    body: AccountCreateSchema,
    responses: { 201: AccountWithPasswordSchema },
  },
  update: {
    method: 'patch',
    path: '/admin/accounts/:id',
    summary: 'Rename, reassign points or disable a staff account',
    auth: ['admin'],
    params: IdParamsSchema,
    body: AccountUpdateSchema,
    responses: { 200: StaffAccountSchema },
  },
  resetPassword: {
    method: 'post',
    path: '/admin/accounts/:id/reset-password',
    summary: 'Reset a staff password (the generated password is returned once)',
    auth: ['admin'],
    params: IdParamsSchema,
    responses: { 200: AccountWithPasswordSchema },
  },
})
