import { defineContract } from '../contract'
import { EnterpriseProfileInputSchema, EnterpriseProfileSchema } from '../schemas/policies'

/** 企业画像 of the signed-in enterprise user. */
export const enterpriseContract = /* @__PURE__ */ defineContract('policies', {
  mine: {
    method: 'get',
    path: '/me/enterprise',
    summary: 'My enterprise profile (null before I claim a credit code)',
    auth: ['citizen'],
    responses: { 200: EnterpriseProfileSchema.nullable() },
  },
  putMine: {
    method: 'put',
    path: '/me/enterprise',
    summary: 'Create or update my enterprise profile; the first save claims the 统一社会信用代码 (one account per code)',
    auth: ['citizen'],
    body: EnterpriseProfileInputSchema,
    responses: { 200: EnterpriseProfileSchema },
  },
})
