import { defineContract } from '../contract'
import { AgreementInputSchema, AgreementStatusSchema, DeleteAccountResultSchema, DeleteAccountSchema, MyDataExportSchema } from '../schemas/privacy'

/** Personal data under the person's control (SPEC §2.10): agreement, export, deletion. Citizens only. */
export const privacyContract = /* @__PURE__ */ defineContract('privacy', {
  agreement: {
    method: 'get',
    path: '/me/agreement',
    summary: 'Which 用户协议/隐私政策 version I agreed to',
    auth: ['citizen'],
    responses: { 200: AgreementStatusSchema },
  },
  agree: {
    method: 'post',
    path: '/me/agreement',
    summary: 'Agree to the current 用户协议 and 隐私政策 (before giving any personal data)',
    auth: ['citizen'],
    body: AgreementInputSchema,
    responses: { 200: AgreementStatusSchema },
  },
  exportMyData: {
    method: 'get',
    path: '/me/export',
    summary: '导出我的数据: everything held about me, as JSON',
    auth: ['citizen'],
    responses: { 200: MyDataExportSchema },
    responseHeaders: { 'Content-Disposition': 'attachment; filename="my-data.json"' },
  },
  deleteAccount: {
    method: 'post',
    path: '/me/delete',
    summary: '注销账号: erase my personal data, keep anonymous records, sign out everywhere',
    auth: ['citizen'],
    body: DeleteAccountSchema,
    responses: { 200: DeleteAccountResultSchema },
  },
})
