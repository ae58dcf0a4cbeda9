import { AgreementInputSchema, AgreementStatusSchema, DeleteAccountResultSchema, DeleteAccountSchema, MyDataExportSchema } from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import * as privacy from './privacy.service'

/** Personal data under the person's control (SPEC §2.10): agreement, export, deletion. Citizens only. */
export const privacyRoutes = new ApiRouter('/me', 'privacy')
  .get('/agreement', { summary: 'Which 用户协议/隐私政策 version I agreed to', auth: ['citizen'], response: AgreementStatusSchema }, ({ auth }) =>
    privacy.getAgreement(auth),
  )
  .post(
    '/agreement',
    { summary: 'Agree to the current 用户协议 and 隐私政策 (before giving any personal data)', auth: ['citizen'], body: AgreementInputSchema, response: AgreementStatusSchema },
    ({ auth }) => privacy.agree(auth),
  )
  .get('/export', { summary: '导出我的数据: everything held about me, as JSON', auth: ['citizen'], response: MyDataExportSchema }, async ({ auth, res }) => {
    res.setHeader('Content-Disposition', 'attachment; filename="my-data.json"')
    return privacy.exportMyData(auth)
  })
  .post(
    '/delete',
    { summary: '注销账号: erase my personal data, keep anonymous records, sign out everywhere', auth: ['citizen'], body: DeleteAccountSchema, response: DeleteAccountResultSchema },
    ({ auth }) => privacy.deleteMyAccount(auth),
  )
