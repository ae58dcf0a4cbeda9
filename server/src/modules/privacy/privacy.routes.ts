import { privacyContract } from '@xz/shared'
import { implement, reply } from '../../lib/routes'
import * as privacy from './privacy.service'

/** Personal data under the person's control (SPEC §2.10): agreement, export, deletion. Citizens only. */
export const privacyRoutes = implement(privacyContract, {
  agreement: ({ auth }) => privacy.getAgreement(auth),
  agree: ({ auth }) => privacy.agree(auth),
  exportMyData: async ({ auth }) => reply(200, await privacy.exportMyData(auth), { 'Content-Disposition': 'attachment; filename="my-data.json"' }),
  deleteAccount: ({ auth }) => privacy.deleteMyAccount(auth),
})
