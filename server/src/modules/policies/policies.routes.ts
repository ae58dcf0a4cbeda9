import { CONTENT_TYPES, policyContract } from '@xz/shared'
import { fileReply, implement } from '../../lib/routes'
import * as applications from './applications.service'
import * as policies from './policies.service'
import { subscribe } from './policy-notices'
import { monthlyReport, monthlyReportXlsx } from './policy-report.service'

/** 惠企政策 for enterprises (public list and page; matching, subscriptions and 申报 for signed-in enterprise users). */
export const policyRoutes = implement(policyContract, {
  list: ({ auth, query }) => policies.listPolicies(auth, query),
  recommended: ({ auth }) => policies.recommended(auth),
  myApplications: ({ auth }) => applications.listMine(auth),
  subscribe: ({ auth, body }) => subscribe(auth, body),
  get: ({ auth, params }) => policies.getPolicy(auth, params.id),
  apply: ({ auth, params, body }) => applications.apply(auth, params.id, body.note),
  adminList: ({ auth, query }) => policies.adminList(auth, query),
  create: ({ auth, body }) => policies.createPolicy(auth, body),
  conditionCounts: ({ auth, body }) => policies.conditionCounts(auth, body),
  patch: ({ auth, params, body }) => policies.patchPolicy(auth, params.id, body),
  publish: ({ auth, params }) => policies.publishPolicy(auth, params.id),
  withdraw: ({ auth, params }) => policies.withdrawPolicy(auth, params.id),
  adminApplications: ({ auth, query }) => applications.adminList(auth, query),
  acceptApplication: ({ auth, params }) => applications.transition(auth, params.id, 'accept', {}),
  reviewApplication: ({ auth, params }) => applications.transition(auth, params.id, 'review', {}),
  grantApplication: ({ auth, params, body }) => applications.transition(auth, params.id, 'grant', body),
  rejectApplication: ({ auth, params, body }) => applications.transition(auth, params.id, 'reject', body),
  report: ({ auth, query }) => monthlyReport(auth, query.month),
  reportXlsx: async ({ auth, query }) =>
    fileReply(200, { filename: `policy-report-${query.month}.xlsx`, contentType: CONTENT_TYPES.xlsx, data: await monthlyReportXlsx(auth, query.month) }),
})
