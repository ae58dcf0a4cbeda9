import { EnterpriseProfileInputSchema, EnterpriseProfileSchema } from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import * as enterprises from './enterprises.service'

/** 企业画像 of the signed-in enterprise user. */
export const myEnterpriseRoutes = new ApiRouter('/me/enterprise', 'policies')
  .get('/', { summary: 'My enterprise profile (null before I claim a credit code)', auth: ['citizen'], response: EnterpriseProfileSchema.nullable() }, ({ auth }) =>
    enterprises.getMine(auth),
  )
  .put(
    '/',
    {
      summary: 'Create or update my enterprise profile; the first save claims the 统一社会信用代码 (one account per code)',
      auth: ['citizen'],
      body: EnterpriseProfileInputSchema,
      response: EnterpriseProfileSchema,
    },
    ({ auth, body }) => enterprises.putMine(auth, body),
  )
