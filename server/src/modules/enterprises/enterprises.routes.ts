import { enterpriseContract } from '@xz/shared'
import { implement } from '../../lib/routes'
import * as enterprises from './enterprises.service'

/** 企业画像 of the signed-in enterprise user. */
export const enterpriseRoutes = implement(enterpriseContract, {
  mine: ({ auth }) => enterprises.getMine(auth),
  putMine: ({ auth, body }) => enterprises.putMine(auth, body),
})
