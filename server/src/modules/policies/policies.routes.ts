import * as z from 'zod'
import {
  AdminPolicyQuerySchema,
  ApplicationQuerySchema,
  ApplyPolicySchema,
  ConditionCountsInputSchema,
  ConditionCountsSchema,
  EnterpriseProfileSchema,
  GrantApplicationSchema,
  pageOf,
  PolicyApplicationIdParamsSchema,
  PolicyApplicationSchema,
  PolicyDetailSchema,
  PolicyIdParamsSchema,
  PolicyInputSchema,
  PolicyPatchSchema,
  PolicyQuerySchema,
  PolicyReportQuerySchema,
  PolicyReportSchema,
  PolicySubscriptionSchema,
  PolicySummarySchema,
  PublishResultSchema,
  RejectApplicationSchema,
} from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import * as enterprises from '../enterprises/enterprises.service'
import * as applications from './applications.service'
import * as policies from './policies.service'
import { monthlyReport, monthlyReportXlsx } from './policy-report.service'

/** 惠企政策 for enterprises (public list and page; matching, subscriptions and 申报 for signed-in enterprise users). */
export const policyRoutes = new ApiRouter('/policies', 'policies')
  .get(
    '/',
    { summary: 'Published policies: search (Chinese or pinyin), topic, department; with my match when I have a profile', query: PolicyQuerySchema, response: pageOf(PolicySummarySchema) },
    ({ maybeAuth, query }) => policies.listPolicies(maybeAuth, query),
  )
  .get(
    '/recommended',
    { summary: '为你推荐: policies my enterprise is or may be eligible for, newest first', auth: ['citizen'], response: z.array(PolicySummarySchema) },
    ({ auth }) => policies.recommended(auth),
  )
  .get('/applications', { summary: 'My enterprise’s applications and 兑现 records', auth: ['citizen'], response: z.array(PolicyApplicationSchema) }, ({ auth }) =>
    applications.listMine(auth),
  )
  .post(
    '/subscriptions',
    { summary: 'Subscribe to topics and/or every new policy I match', auth: ['citizen'], body: PolicySubscriptionSchema, response: EnterpriseProfileSchema },
    ({ auth, body }) => enterprises.subscribe(auth, body),
  )
  .get(
    '/:id',
    { summary: 'One policy with the match explanation for my profile (你符合 / 还差 / 需补充)', params: PolicyIdParamsSchema, response: PolicyDetailSchema },
    ({ maybeAuth, params }) => policies.getPolicy(maybeAuth, params.id),
  )
  .post(
    '/:id/applications',
    { summary: '申报 a 快申快享 policy my enterprise is eligible for (once per enterprise × policy)', auth: ['citizen'], params: PolicyIdParamsSchema, body: ApplyPolicySchema, response: PolicyApplicationSchema, status: 201 },
    ({ auth, params, body }) => applications.apply(auth, params.id, body.note),
  )

/** Policy administration by the administrators of the policy's region (on behalf of the issuing departments). */
export const adminPolicyRoutes = new ApiRouter('/admin/policies', 'admin')
  .get('/', { summary: 'Policies of my region, any status', auth: ['admin'], query: AdminPolicyQuerySchema, response: pageOf(PolicySummarySchema) }, ({ auth, query }) =>
    policies.adminList(auth, query),
  )
  .post('/', { summary: 'Create a policy (draft)', auth: ['admin'], body: PolicyInputSchema, response: PolicyDetailSchema, status: 201 }, ({ auth, body }) =>
    policies.createPolicy(auth, body),
  )
  .post(
    '/condition-counts',
    { summary: 'Live counts for the condition editor: how many enterprises each condition keeps', auth: ['admin'], body: ConditionCountsInputSchema, response: ConditionCountsSchema },
    ({ auth, body }) => policies.conditionCounts(auth, body),
  )
  .patch('/:id', { summary: 'Edit a policy', auth: ['admin'], params: PolicyIdParamsSchema, body: PolicyPatchSchema, response: PolicyDetailSchema }, ({ auth, params, body }) =>
    policies.patchPolicy(auth, params.id, body),
  )
  .post(
    '/:id/publish',
    { summary: 'Publish: 免申即享 grants and notices to matching enterprises, each once', auth: ['admin'], params: PolicyIdParamsSchema, response: PublishResultSchema },
    ({ auth, params }) => policies.publishPolicy(auth, params.id),
  )
  .post('/:id/withdraw', { summary: 'Withdraw a policy', auth: ['admin'], params: PolicyIdParamsSchema, response: PolicySummarySchema }, ({ auth, params }) =>
    policies.withdrawPolicy(auth, params.id),
  )

export const adminPolicyApplicationRoutes = new ApiRouter('/admin/policy-applications', 'admin')
  .get(
    '/',
    { summary: 'Applications and 兑现 records of my region’s policies, open first', auth: ['admin'], query: ApplicationQuerySchema, response: pageOf(PolicyApplicationSchema) },
    ({ auth, query }) => applications.adminList(auth, query),
  )
  .post('/:id/accept', { summary: '受理', auth: ['admin'], params: PolicyApplicationIdParamsSchema, response: PolicyApplicationSchema }, ({ auth, params }) =>
    applications.transition(auth, params.id, 'accept', {}),
  )
  .post('/:id/review', { summary: '审核通过', auth: ['admin'], params: PolicyApplicationIdParamsSchema, response: PolicyApplicationSchema }, ({ auth, params }) =>
    applications.transition(auth, params.id, 'review', {}),
  )
  .post(
    '/:id/grant',
    { summary: '兑现 (amount in integer fen)', auth: ['admin'], params: PolicyApplicationIdParamsSchema, body: GrantApplicationSchema, response: PolicyApplicationSchema },
    ({ auth, params, body }) => applications.transition(auth, params.id, 'grant', body),
  )
  .post(
    '/:id/reject',
    { summary: '不予兑现 (with the reason)', auth: ['admin'], params: PolicyApplicationIdParamsSchema, body: RejectApplicationSchema, response: PolicyApplicationSchema },
    ({ auth, params, body }) => applications.transition(auth, params.id, 'reject', body),
  )

export const adminPolicyReportRoutes = new ApiRouter('/admin/policy-report', 'admin')
  .get('/', { summary: '月通报 per department of my region', auth: ['admin'], query: PolicyReportQuerySchema, response: PolicyReportSchema }, ({ auth, query }) =>
    monthlyReport(auth, query.month),
  )
  .get('/xlsx', { summary: '月通报 as an XLSX workbook', auth: ['admin'], query: PolicyReportQuerySchema }, async ({ auth, query, res }) => {
    const buf = await monthlyReportXlsx(auth, query.month)
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    res.setHeader('Content-Disposition', `attachment; filename="policy-report-${query.month}.xlsx"`)
    res.send(buf)
  })
