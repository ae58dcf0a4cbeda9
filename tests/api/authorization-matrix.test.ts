/**
 * Authorization matrix: every /staff and /admin route of the app, called by six kinds of caller.
 * The table below lists each route (method + path) with how its scope is determined; the test fails
 * when the app registers a /staff or /admin route the table does not list (or the table lists one the
 * app no longer has), so a new route cannot ship without its row.
 */
import crypto from 'node:crypto'
import mongoose from 'mongoose'
import { addDays, localDate } from '@xz/shared'
import { routeRegistry } from '../../server/src/lib/routes'
import { Bundle, Department } from '../../server/src/modules/catalogue/catalogue.model'
import { SessionRule } from '../../server/src/modules/sessions/session.model'
import { Walkin } from '../../server/src/modules/staff/walkin.model'
import { WorkOrder } from '../../server/src/modules/work-orders/work-order.model'
import { Policy, PolicyApplication } from '../../server/src/modules/policies/policy.model'
import { creditCode, policyBody } from '../helpers/policy-fixtures'
import { api, testApp } from '../helpers/app'
import { account, type Session } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { serviceInput } from '../helpers/factories'
import { CITY, COUNTY, deskWorld, makeBooking, makeHall, makeService, makeUser, type DeskWorld } from '../helpers/desk-fixtures'
import { Knowledge } from '../../server/src/modules/knowledge/knowledge.model'
import { TicketPhoto } from '../../server/src/modules/tickets/ticket-photos'
import { insertTicket, ticketAccount, ticketWorld, type TicketWorld } from '../helpers/ticket-fixtures'
import { makeProject, makeTemplate, projectBody, projectWorld, templateInput, type ProjectWorld } from '../helpers/project-fixtures'

useTestDb()

const ACTORS = ['anonymous', 'citizen', 'staffHere', 'staffOther', 'adminHere', 'adminOther', 'dispatcher', 'handler', 'agent'] as const
type Actor = (typeof ACTORS)[number]

/**
 * How a route decides who may act (the target is always at "our" point, in the county 忻府区):
 * - hall:        staff of the point, administrators whose region contains it (bookings, check-in, queue, work orders)
 * - hall-list:   a list filtered by ?hallId: staff of another point are refused; administrators get only
 *                their region's rows, so an administrator of another region gets an (empty) list
 * - region:      administrators whose region contains the record (or the region named in the body)
 * - region-list: any administrator; the list holds only their region's records
 * - city:        city-wide data (the holiday calendar): only the city's administrators. For these rows
 *                "adminHere" is the city administrator and "adminOther" a county administrator.
 */
type Scope = 'hall' | 'hall-list' | 'region' | 'region-list' | 'city'

const ALLOWED: Record<Scope, readonly Actor[]> = {
  hall: ['staffHere', 'adminHere'],
  'hall-list': ['staffHere', 'adminHere', 'adminOther'],
  region: ['adminHere'],
  'region-list': ['adminHere', 'adminOther'],
  city: ['adminHere'],
}

interface Req {
  path: string
  query?: Record<string, string>
  body?: Record<string, unknown>
}

interface Row {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** As registered (Express syntax, without /api/v1). */
  route: string
  scope: Scope
  /** Builds the request against records of our point/region (may create records a row alone uses). */
  request: (f: Fixtures) => Req | Promise<Req>
}

interface Fixtures extends DeskWorld {
  booking: Awaited<ReturnType<typeof makeBooking>>
  countyService: Awaited<ReturnType<typeof makeService>>
  department: { _id: mongoose.Types.ObjectId }
  bundle: { _id: mongoose.Types.ObjectId }
  rule: { _id: mongoose.Types.ObjectId }
  workOrder: { _id: mongoose.Types.ObjectId }
  tickets: TicketWorld
  projects: ProjectWorld
}

const uid = () => crypto.randomBytes(4).toString('hex')
const id = (doc: { _id: unknown }) => String(doc._id)
const futureDate = () => addDays(localDate(new Date()), 30)

async function freshStaff(f: Fixtures): Promise<string> {
  const s = await account({ role: 'staff', hallIds: [f.hall._id] })
  return s.id
}
const freshRule = (f: Pick<Fixtures, 'hall'>) =>
  SessionRule.create({ hallId: f.hall._id, regionCode: f.hall.regionCode, label: '双休日值班', dayTypes: ['weekend'], start: '09:00', end: '12:00', slotMinutes: 30 })
const freshBundle = (f: Pick<Fixtures, 'countyService' | 'service'>) =>
  Bundle.create({
    name: `企业开办一件事-${uid()}`,
    description: '设立登记、印章刻制、申领发票一次办',
    serviceIds: [f.countyService._id, f.service._id],
    themes: ['企业开办'],
    steps: [{ name: '一窗受理', role: '综合窗口' }],
    regionCode: COUNTY,
  })

/** A draft policy of our county (stored directly: the matrix tests the routes, not the create path). */
async function freshPolicy(f: Pick<Fixtures, 'department'>): Promise<string> {
  const body = policyBody(id(f.department))
  const p = await Policy.create({ ...body, regionCode: COUNTY, status: 'draft' })
  return id(p)
}

/** An application of our county's policy in the given state. */
async function freshApplication(f: Pick<Fixtures, 'department'>, status: 'submitted' | 'accepted' | 'reviewed'): Promise<string> {
  const policyId = await freshPolicy(f)
  const code = creditCode()
  const a = await PolicyApplication.create({
    _id: `${policyId}:${code}`,
    policyId,
    departmentId: f.department._id,
    regionCode: COUNTY,
    creditCode: code,
    enterpriseName: '忻州矩阵测试有限公司',
    mode: 'apply',
    status,
    appliedAt: new Date(),
    appliedDate: localDate(new Date()),
    dueDate: addDays(localDate(new Date()), 14),
  })
  return encodeURIComponent(String(a._id))
}

/** A valid new item in our county (the shared factory's input, scoped to COUNTY). */
function serviceBody(f: Fixtures) {
  return serviceInput(id(f.department), { name: '食品经营许可', regionCode: COUNTY, levels: ['县级'] })
}

/** Every /staff and /admin route, with its scope and a request against our point. */
const TABLE: Row[] = [
  // ---- staff desk (issue 5) ----
  { method: 'get', route: '/staff/bookings', scope: 'hall', request: (f) => ({ path: '/staff/bookings', query: { hallId: id(f.hall) } }) },
  { method: 'get', route: '/staff/bookings/:id', scope: 'hall', request: (f) => ({ path: `/staff/bookings/${id(f.booking)}` }) },
  { method: 'post', route: '/staff/checkins', scope: 'hall', request: (f) => ({ path: '/staff/checkins', body: { code: f.booking.code } }) },
  { method: 'post', route: '/staff/bookings/:id/checkin', scope: 'hall', request: (f) => ({ path: `/staff/bookings/${id(f.booking)}/checkin` }) },
  { method: 'post', route: '/staff/queue/next', scope: 'hall', request: (f) => ({ path: '/staff/queue/next', body: { hallId: id(f.hall), windowNumber: '1' } }) },
  { method: 'get', route: '/staff/queue', scope: 'hall', request: (f) => ({ path: '/staff/queue', query: { hallId: id(f.hall) } }) },
  { method: 'post', route: '/staff/bookings/:id/serve', scope: 'hall', request: (f) => ({ path: `/staff/bookings/${id(f.booking)}/serve` }) },
  { method: 'post', route: '/staff/bookings/:id/no-show', scope: 'hall', request: (f) => ({ path: `/staff/bookings/${id(f.booking)}/no-show` }) },
  {
    method: 'post',
    route: '/staff/walkins',
    scope: 'hall',
    request: (f) => ({ path: '/staff/walkins', body: { hallId: id(f.hall), serviceId: id(f.service), name: '现场办事人' } }),
  },
  {
    method: 'post',
    route: '/staff/walkins/:id/serve',
    scope: 'hall',
    request: async (f) => {
      const w = await Walkin.create({
        hallId: f.hall._id,
        regionCode: f.hall.regionCode,
        serviceId: f.service._id,
        date: localDate(new Date()),
        queueNumber: 'W901',
        arrivedAt: new Date(),
        registeredBy: 'matrix',
      })
      return { path: `/staff/walkins/${id(w)}/serve` }
    },
  },
  // ---- ratings and work orders (ratings engineer) ----
  { method: 'get', route: '/staff/ratings', scope: 'hall-list', request: (f) => ({ path: '/staff/ratings', query: { hallId: id(f.hall) } }) },
  { method: 'get', route: '/staff/work-orders', scope: 'hall-list', request: (f) => ({ path: '/staff/work-orders', query: { hallId: id(f.hall) } }) },
  { method: 'get', route: '/staff/work-orders/:id', scope: 'hall', request: (f) => ({ path: `/staff/work-orders/${id(f.workOrder)}` }) },
  {
    method: 'post',
    route: '/staff/work-orders/:id/verify',
    scope: 'hall',
    request: (f) => ({ path: `/staff/work-orders/${id(f.workOrder)}/verify`, body: { valid: true } }),
  },
  {
    method: 'post',
    route: '/staff/work-orders/:id/reply',
    scope: 'hall',
    request: (f) => ({ path: `/staff/work-orders/${id(f.workOrder)}/reply`, body: { text: '已加强窗口服务规范培训并当面致歉' } }),
  },
  {
    method: 'post',
    route: '/admin/work-orders/:id/appeal-decision',
    scope: 'region',
    request: (f) => ({ path: `/admin/work-orders/${id(f.workOrder)}/appeal-decision`, body: { uphold: true, reason: '经复核维持原驳回结论' } }),
  },
  // ---- staff accounts and audit log (issue 5) ----
  { method: 'get', route: '/admin/accounts', scope: 'region-list', request: () => ({ path: '/admin/accounts' }) },
  {
    method: 'post',
    route: '/admin/accounts',
    scope: 'region',
    request: (f) => ({ path: '/admin/accounts', body: { username: `matrix_${uid()}`, name: '新窗口人员', hallIds: [id(f.hall)] } }),
  },
  {
    method: 'patch',
    route: '/admin/accounts/:id',
    scope: 'region',
    request: async (f) => ({ path: `/admin/accounts/${await freshStaff(f)}`, body: { name: '改名后的窗口人员' } }),
  },
  {
    method: 'post',
    route: '/admin/accounts/:id/reset-password',
    scope: 'region',
    request: async (f) => ({ path: `/admin/accounts/${await freshStaff(f)}/reset-password` }),
  },
  { method: 'get', route: '/admin/audit', scope: 'region-list', request: () => ({ path: '/admin/audit' }) },
  // ---- holiday calendar (catalogue engineer) ----
  { method: 'get', route: '/admin/calendar/overrides', scope: 'region-list', request: () => ({ path: '/admin/calendar/overrides' }) },
  {
    method: 'put',
    route: '/admin/calendar/overrides/:date',
    scope: 'city',
    request: () => ({ path: `/admin/calendar/overrides/${futureDate()}`, body: { type: 'holiday', name: '临时闭馆' } }),
  },
  { method: 'delete', route: '/admin/calendar/overrides/:date', scope: 'city', request: () => ({ path: `/admin/calendar/overrides/${futureDate()}` }) },
  // ---- holiday schedules per year (issue 18) ----
  { method: 'get', route: '/admin/calendar/years', scope: 'region-list', request: () => ({ path: '/admin/calendar/years' }) },
  {
    method: 'put',
    route: '/admin/calendar/years/:year',
    scope: 'city',
    request: () => ({ path: '/admin/calendar/years/2099', body: { holidays: [{ name: '元旦', from: '2099-01-01', to: '2099-01-03' }] } }),
  },
  { method: 'post', route: '/admin/calendar/years/:year/import', scope: 'city', request: () => ({ path: '/admin/calendar/years/2099/import', body: { text: '假期,元旦,2099-01-01' } }) },
  { method: 'delete', route: '/admin/calendar/years/:year', scope: 'city', request: () => ({ path: '/admin/calendar/years/2099' }) },
  // ---- 好差评 exchange with the provincial platform (issue 18) ----
  { method: 'get', route: '/admin/exchange', scope: 'city', request: () => ({ path: '/admin/exchange' }) },
  { method: 'post', route: '/admin/exchange/dead/:id/repush', scope: 'city', request: () => ({ path: '/admin/exchange/dead/rating-0123456789abcdef01234567/repush' }) },
  { method: 'get', route: '/admin/exchange/export', scope: 'city', request: () => ({ path: '/admin/exchange/export', query: { from: futureDate(), to: futureDate() } }) },
  // ---- catalogue (catalogue engineer) ----
  { method: 'get', route: '/admin/services', scope: 'region-list', request: () => ({ path: '/admin/services' }) },
  { method: 'post', route: '/admin/services', scope: 'region', request: (f) => ({ path: '/admin/services', body: serviceBody(f) }) },
  {
    method: 'patch',
    route: '/admin/services/:id',
    scope: 'region',
    request: (f) => ({ path: `/admin/services/${id(f.countyService)}`, body: { name: '食品经营许可（新办）' } }),
  },
  {
    method: 'post',
    route: '/admin/services/:id/archive',
    scope: 'region',
    request: async () => ({ path: `/admin/services/${id(await makeService({ regionCode: COUNTY, name: '待归档事项' }))}/archive` }),
  },
  {
    method: 'post',
    route: '/admin/bundles',
    scope: 'region',
    request: (f) => ({
      path: '/admin/bundles',
      body: {
        name: `开餐馆一件事-${uid()}`,
        description: '营业执照与食品经营许可一次办',
        serviceIds: [id(f.countyService), id(f.service)],
        themes: ['企业开办'],
        steps: [{ name: '一窗受理', role: '综合窗口' }],
        regionCode: COUNTY,
      },
    }),
  },
  { method: 'patch', route: '/admin/bundles/:id', scope: 'region', request: (f) => ({ path: `/admin/bundles/${id(f.bundle)}`, body: { description: '更新后的说明' } }) },
  { method: 'post', route: '/admin/bundles/:id/archive', scope: 'region', request: async (f) => ({ path: `/admin/bundles/${id(await freshBundle(f))}/archive` }) },
  {
    method: 'post',
    route: '/admin/departments',
    scope: 'region',
    request: () => ({ path: '/admin/departments', body: { name: `忻府区市场监管局${uid()}`, regionCode: COUNTY } }),
  },
  { method: 'patch', route: '/admin/departments/:id', scope: 'region', request: (f) => ({ path: `/admin/departments/${id(f.department)}`, body: { shortName: '区监管局' } }) },
  // ---- service points (catalogue engineer) ----
  { method: 'get', route: '/admin/halls', scope: 'region-list', request: () => ({ path: '/admin/halls' }) },
  {
    method: 'post',
    route: '/admin/halls',
    scope: 'region',
    request: () => ({
      path: '/admin/halls',
      body: {
        name: `忻府区长征街街道便民服务中心-${uid()}`,
        type: 'township',
        regionCode: COUNTY,
        address: '忻州市忻府区长征街 18 号',
        location: { lat: 38.4201, lng: 112.7399 },
        phone: '0350-3031234',
      },
    }),
  },
  {
    method: 'patch',
    route: '/admin/halls/:id',
    scope: 'region',
    request: async () => ({ path: `/admin/halls/${id(await makeHall({ regionCode: COUNTY }))}`, body: { address: '忻州市忻府区新建路 8 号' } }),
  },
  { method: 'post', route: '/admin/halls/:id/archive', scope: 'region', request: async () => ({ path: `/admin/halls/${id(await makeHall({ regionCode: COUNTY }))}/archive` }) },
  // ---- session rules and session cancellation (booking engineer) ----
  { method: 'get', route: '/admin/session-rules', scope: 'region', request: (f) => ({ path: '/admin/session-rules', query: { hallId: id(f.hall) } }) },
  { method: 'get', route: '/admin/session-rules/:id', scope: 'region', request: (f) => ({ path: `/admin/session-rules/${id(f.rule)}` }) },
  {
    method: 'post',
    route: '/admin/session-rules',
    scope: 'region',
    request: (f) => ({ path: '/admin/session-rules', body: { hallId: id(f.hall), label: '双休日值班', dayTypes: ['weekend'], start: '14:00', end: '17:00' } }),
  },
  { method: 'patch', route: '/admin/session-rules/:id', scope: 'region', request: (f) => ({ path: `/admin/session-rules/${id(f.rule)}`, body: { capacity: 6 } }) },
  { method: 'delete', route: '/admin/session-rules/:id', scope: 'region', request: async (f) => ({ path: `/admin/session-rules/${id(await freshRule(f))}` }) },
  {
    method: 'post',
    route: '/admin/sessions/:hallId/:date/cancel',
    scope: 'region',
    request: async () => ({ path: `/admin/sessions/${id(await makeHall({ regionCode: COUNTY }))}/${futureDate()}/cancel`, body: { reason: '设备检修，暂停服务' } }),
  },
  // ---- 12345 (issue 15): administrators' side ----
  { method: 'get', route: '/admin/tickets/extensions', scope: 'region-list', request: () => ({ path: '/admin/tickets/extensions' }) },
  {
    method: 'post',
    route: '/admin/tickets/:id/extension-decision',
    scope: 'region',
    request: async (f) => ({
      path: `/admin/tickets/${await insertTicket({ status: 'handling', userId: f.tickets.actors.requester.id, categoryId: f.tickets.category._id, departmentId: f.tickets.dept._id, regionCode: COUNTY, extension: { days: 3, reason: '需要会商', status: 'pending', by: 'matrix', at: new Date() } })}/extension-decision`,
      body: { approve: true, reason: '同意' },
    }),
  },
  {
    method: 'post',
    route: '/admin/tickets/:id/archive',
    scope: 'region',
    request: async (f) => ({ path: `/admin/tickets/${await insertTicket({ status: 'closed', userId: f.tickets.actors.requester.id, categoryId: f.tickets.category._id, departmentId: f.tickets.dept._id, regionCode: COUNTY })}/archive` }),
  },
  { method: 'get', route: '/admin/ticket-categories', scope: 'region-list', request: () => ({ path: '/admin/ticket-categories' }) },
  {
    method: 'post',
    route: '/admin/ticket-categories',
    scope: 'city',
    request: (f) => ({ path: '/admin/ticket-categories', body: { name: `供暖不热-${uid()}`, parent: '城市管理', departmentId: id(f.tickets.dept), limitClass: '一般' } }),
  },
  { method: 'patch', route: '/admin/ticket-categories/:id', scope: 'city', request: (f) => ({ path: `/admin/ticket-categories/${id(f.tickets.category)}`, body: { replyDays: 4 } }) },
  { method: 'get', route: '/admin/ticket-stats', scope: 'region-list', request: () => ({ path: '/admin/ticket-stats', query: { from: '2026-01-01', to: '2026-12-31' } }) },
  { method: 'get', route: '/admin/ticket-stats/monthly-report', scope: 'region-list', request: () => ({ path: '/admin/ticket-stats/monthly-report', query: { month: '2026-10', format: 'xlsx' } }) },
  { method: 'get', route: '/admin/ticket-accounts', scope: 'region-list', request: () => ({ path: '/admin/ticket-accounts' }) },
  {
    method: 'post',
    route: '/admin/ticket-accounts',
    scope: 'region',
    request: () => ({ path: '/admin/ticket-accounts', body: { role: 'dispatcher', username: `disp_${uid()}`, name: '忻府区派单员', regionCode: COUNTY } }),
  },
  // ---- policies for enterprises (issue 16): administrators of the policy's region ----
  { method: 'get', route: '/admin/policies', scope: 'region-list', request: () => ({ path: '/admin/policies' }) },
  {
    method: 'post',
    route: '/admin/policies',
    scope: 'region',
    request: (f) => ({ path: '/admin/policies', body: { ...policyBody(id(f.department)), regionCode: COUNTY } }),
  },
  {
    method: 'post',
    route: '/admin/policies/condition-counts',
    scope: 'region-list',
    request: () => ({ path: '/admin/policies/condition-counts', body: { conditions: { allOf: [{ field: 'employees', op: 'lte', value: 100 }] } } }),
  },
  { method: 'patch', route: '/admin/policies/:id', scope: 'region', request: async (f) => ({ path: `/admin/policies/${await freshPolicy(f)}`, body: { summary: '修改后的政策摘要' } }) },
  { method: 'post', route: '/admin/policies/:id/publish', scope: 'region', request: async (f) => ({ path: `/admin/policies/${await freshPolicy(f)}/publish` }) },
  { method: 'post', route: '/admin/policies/:id/withdraw', scope: 'region', request: async (f) => ({ path: `/admin/policies/${await freshPolicy(f)}/withdraw` }) },
  { method: 'get', route: '/admin/policy-applications', scope: 'region-list', request: () => ({ path: '/admin/policy-applications' }) },
  { method: 'post', route: '/admin/policy-applications/:id/accept', scope: 'region', request: async (f) => ({ path: `/admin/policy-applications/${await freshApplication(f, 'submitted')}/accept` }) },
  { method: 'post', route: '/admin/policy-applications/:id/review', scope: 'region', request: async (f) => ({ path: `/admin/policy-applications/${await freshApplication(f, 'accepted')}/review` }) },
  {
    method: 'post',
    route: '/admin/policy-applications/:id/grant',
    scope: 'region',
    request: async (f) => ({ path: `/admin/policy-applications/${await freshApplication(f, 'reviewed')}/grant`, body: { amountFen: 500_000 } }),
  },
  {
    method: 'post',
    route: '/admin/policy-applications/:id/reject',
    scope: 'region',
    request: async (f) => ({ path: `/admin/policy-applications/${await freshApplication(f, 'submitted')}/reject`, body: { reason: '不符合从业人数条件' } }),
  },
  { method: 'get', route: '/admin/policy-report', scope: 'region-list', request: () => ({ path: '/admin/policy-report', query: { month: '2026-06' } }) },
  { method: 'get', route: '/admin/policy-report/xlsx', scope: 'region-list', request: () => ({ path: '/admin/policy-report/xlsx', query: { month: '2026-06' } }) },
  // ---- 全代办 / 项目长 (issue 17): templates are city-wide, projects and accounts of the region ----
  { method: 'get', route: '/admin/project-templates', scope: 'region-list', request: () => ({ path: '/admin/project-templates' }) },
  { method: 'post', route: '/admin/project-templates', scope: 'city', request: () => ({ path: '/admin/project-templates', body: { ...templateInput() } }) },
  { method: 'get', route: '/admin/project-templates/:id', scope: 'region-list', request: (f) => ({ path: `/admin/project-templates/${f.projects.templateId}` }) },
  { method: 'put', route: '/admin/project-templates/:id', scope: 'city', request: async () => ({ path: `/admin/project-templates/${await makeTemplate()}`, body: { ...templateInput() } }) },
  { method: 'delete', route: '/admin/project-templates/:id', scope: 'city', request: async () => ({ path: `/admin/project-templates/${await makeTemplate()}` }) },
  { method: 'get', route: '/admin/projects', scope: 'region-list', request: () => ({ path: '/admin/projects' }) },
  { method: 'get', route: '/admin/projects/overview', scope: 'region-list', request: () => ({ path: '/admin/projects/overview' }) },
  { method: 'post', route: '/admin/projects', scope: 'region', request: (f) => ({ path: '/admin/projects', body: projectBody(f.projects.templateId, f.projects.owner, { regionCode: COUNTY }) }) },
  {
    method: 'put',
    route: '/admin/projects/:id/team',
    scope: 'region',
    request: async (f) => ({ path: `/admin/projects/${await makeProject(f.projects)}/team`, body: { leaderId: f.projects.leader.id, agentIds: [f.projects.agent.id] } }),
  },
  { method: 'get', route: '/admin/project-accounts', scope: 'region-list', request: () => ({ path: '/admin/project-accounts' }) },
  {
    method: 'post',
    route: '/admin/project-accounts',
    scope: 'region',
    request: () => ({ path: '/admin/project-accounts', body: { username: `lead_${uid()}`, name: '忻府区项目长', title: '副区长', regionCode: COUNTY } }),
  },
]

let f: Fixtures
let sessions: Record<Actor, Session | undefined>
let cityWide: Record<Actor, Session | undefined>

beforeAll(async () => {
  const w = await deskWorld()
  const countyService = await makeService({ regionCode: COUNTY, name: '食品经营许可' })
  const department = await Department.create({ name: `忻府区行政审批服务管理局-${uid()}`, regionCode: COUNTY })
  const booking = await makeBooking({ hall: w.hall, service: w.service, start: '10:00', date: addDays(localDate(new Date()), 3) })
  const user = await makeUser()
  const workOrder = await WorkOrder.create({
    ratingId: new mongoose.Types.ObjectId(),
    kind: 'window',
    userId: user._id,
    raterName: '王*',
    hallId: w.hall._id,
    serviceId: w.service._id,
    regionCode: COUNTY,
    regionScopes: [CITY, COUNTY],
    level: 1,
    tags: ['态度差'],
    comment: '窗口人员态度不好，解释不清楚',
    ratedAt: new Date(),
    ratedDate: localDate(new Date()),
    status: 'pending_verification',
    verifyDeadline: new Date(Date.now() + 86_400_000),
    dueAt: new Date(Date.now() + 86_400_000),
    rectifyDays: 5,
  })
  const [bundle, rule] = await Promise.all([freshBundle({ countyService, service: w.service }), freshRule(w)])
  const tickets = await ticketWorld()
  const projects = await projectWorld()
  f = { ...w, booking, countyService, department, bundle, rule, workOrder, tickets, projects }
  const a = w.actors
  const [dispatcher, handler] = await Promise.all([ticketAccount('dispatcher', { regionCode: COUNTY }), ticketAccount('handler', { departmentId: tickets.dept._id })])
  // a 项目长 (role agent) of a project in our county: never an administrator
  sessions = { anonymous: undefined, citizen: a.citizen, staffHere: a.staffHere, staffOther: a.staffOther, adminHere: a.adminHere, adminOther: a.adminOther, dispatcher, handler, agent: projects.leader }
  cityWide = { ...sessions, adminHere: a.adminCity, adminOther: a.adminHere }
})

const key = (method: string, route: string) => `${method.toUpperCase()} ${route}`

describe('authorization matrix of /staff and /admin routes', () => {
  it('when the app registers its routes, then every /staff and /admin route is in the table and the table names no other', () => {
    testApp()
    const registered = routeRegistry.filter((r) => /^\/(staff|admin)(\/|$)/.test(r.path)).map((r) => key(r.method, r.path))
    const listed = TABLE.map((r) => key(r.method, r.route))
    expect(new Set(listed).size).toBe(listed.length)
    expect({ missingFromTable: registered.filter((r) => !listed.includes(r)), notRegistered: listed.filter((r) => !registered.includes(r)) }).toEqual({
      missingFromTable: [],
      notRegistered: [],
    })
  })

  it('when a route is registered, then it requires a staff or admin role (never public, never any signed-in user)', () => {
    for (const r of routeRegistry.filter((x) => /^\/(staff|admin)(\/|$)/.test(x.path))) {
      const row = TABLE.find((t) => key(t.method, t.route) === key(r.method, r.path))
      expect({ route: key(r.method, r.path), auth: r.route.auth }).toEqual({
        route: key(r.method, r.path),
        auth: row && ALLOWED[row.scope].includes('staffHere') ? ['staff', 'admin'] : ['admin'],
      })
    }
  })

  it.each(TABLE.map((r) => [key(r.method, r.route), r] as const))('%s', async (_name, row) => {
    const req = await row.request(f)
    const callers = row.scope === 'city' ? cityWide : sessions
    const outcome: Record<string, number> = {}
    const expected: Record<string, string> = {}
    // refused callers first, so that the allowed ones cannot change the state the refusals are checked on
    const order: Actor[] = [...ACTORS.filter((a) => !ALLOWED[row.scope].includes(a)), ...ALLOWED[row.scope]]
    for (const actor of order) {
      let call = api()[row.method](`/api/v1${req.path}`)
      if (req.query) call = call.query(req.query)
      const session = callers[actor]
      if (session) call = call.set(session.auth)
      const res = req.body ? await call.send(req.body) : await call
      outcome[actor] = res.status
      expected[actor] = actor === 'anonymous' ? '401' : ALLOWED[row.scope].includes(actor) ? 'allowed' : '403'
    }
    const observed = Object.fromEntries(
      Object.entries(outcome).map(([actor, status]) => [
        actor,
        status === 401 || status === 403 ? String(status) : status < 500 ? 'allowed' : `error ${status}`,
      ]),
    )
    expect(observed).toEqual(expected)
  })
})

/**
 * Personal and public routes added with 周末办 / 待评价 / 消息 (issue 12): who gets an answer. Personal routes answer
 * only for the caller's own records (their API tests check that another user sees nothing of them).
 */
describe('authorization of the 周末办, 待评价 and 消息 routes', () => {
  const PERSONAL: { method: 'get' | 'post'; path: string; allowed: readonly Actor[] }[] = [
    { method: 'get', path: '/weekend?date=2026-12-05', allowed: ACTORS },
    { method: 'get', path: '/me/pending-ratings', allowed: ['citizen'] },
    // every signed-in holder has a message box (12345 dispatchers and handlers, 项目长/代办员 too)
    { method: 'get', path: '/notifications/unread-count', allowed: ['citizen', 'staffHere', 'staffOther', 'adminHere', 'adminOther', 'dispatcher', 'handler', 'agent'] },
    { method: 'post', path: '/notifications/read-all', allowed: ['citizen', 'staffHere', 'staffOther', 'adminHere', 'adminOther', 'dispatcher', 'handler', 'agent'] },
  ]
  it.each(PERSONAL.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', async (_name, row) => {
    const observed: Record<string, string> = {}
    const expected: Record<string, string> = {}
    for (const actor of ACTORS) {
      let call = api()[row.method](`/api/v1${row.path}`)
      const session = sessions[actor]
      if (session) call = call.set(session.auth)
      const res = await call
      observed[actor] = res.status === 401 || res.status === 403 ? String(res.status) : res.status < 500 ? 'allowed' : `error ${res.status}`
      expected[actor] = row.allowed.includes(actor) ? 'allowed' : actor === 'anonymous' ? '401' : '403'
    }
    expect(observed).toEqual(expected)
  })
})

// ---------------------------------------------------------------------------------------------
// 12345 routes outside /staff and /admin (issue 15): the requester's, the dispatchers' and the handlers'.
// The ticket is always in 忻府区, of "requester", held by "handlerHere"'s department.
// ---------------------------------------------------------------------------------------------
const TICKET_ACTORS = [
  'anonymous',
  'requester',
  'otherCitizen',
  'staff',
  'dispatcherCity',
  'dispatcherHere',
  'dispatcherOther',
  'handlerHere',
  'handlerOther',
  'adminHere',
  'adminOther',
] as const
type TicketActor = (typeof TICKET_ACTORS)[number]
const DISPATCHERS_HERE: TicketActor[] = ['dispatcherCity', 'dispatcherHere']
const CITIZENS: TicketActor[] = ['requester', 'otherCitizen']

interface TicketRow {
  method: 'get' | 'post' | 'patch'
  route: string
  /** Who gets past the role and scope checks (the rest: 403, anonymous 401 unless public). */
  allowed: TicketActor[] | 'public'
  request: (t: TicketWorld) => Req | Promise<Req>
}

const inState = (t: TicketWorld, status: string, type?: string) =>
  insertTicket({ status, type, userId: t.actors.requester.id, categoryId: t.category._id, departmentId: t.dept._id })

const knowledgeEntry = async (t: TicketWorld) =>
  id(
    await Knowledge.create({
      title: `社保卡补办-${uid()}`,
      categoryPath: ['社会保障'],
      content: '携带身份证到社保卡服务网点补办。',
      departmentId: t.dept._id,
      type: '热点问答',
      reviewedAt: new Date(),
    }),
  )

const TICKET_TABLE: TicketRow[] = [
  { method: 'get', route: '/ticket-categories', allowed: 'public', request: () => ({ path: '/ticket-categories' }) },
  {
    method: 'post',
    route: '/tickets',
    allowed: CITIZENS,
    request: (t) => ({ path: '/tickets', body: { type: '投诉', categoryId: id(t.category), description: '社保卡补办等待时间过长', contactMobile: '13812345678', regionCode: COUNTY } }),
  },
  // a JSON body: a citizen gets past the role check to 415 (the upload itself is tested in tickets.test.ts)
  { method: 'post', route: '/tickets/photos', allowed: CITIZENS, request: () => ({ path: '/tickets/photos', body: { photo: 'x' } }) },
  {
    method: 'get',
    route: '/tickets/photos/:name',
    allowed: ['requester', ...DISPATCHERS_HERE, 'handlerHere', 'adminHere'],
    request: async (t) => {
      // a photo of the requester on a ticket of 忻府区 (its file is not written: an allowed caller gets 404)
      const name = `${crypto.randomBytes(16).toString('hex')}.png`
      await TicketPhoto.create({ _id: name, userId: t.actors.requester.id, ticketId: await inState(t, 'handling'), mime: 'image/png', size: 1, at: new Date() })
      return { path: `/tickets/photos/${name}` }
    },
  },
  { method: 'get', route: '/tickets/mine', allowed: CITIZENS, request: () => ({ path: '/tickets/mine' }) },
  { method: 'get', route: '/tickets/:id', allowed: ['requester', ...DISPATCHERS_HERE, 'handlerHere', 'adminHere'], request: async (t) => ({ path: `/tickets/${await inState(t, 'handling')}` }) },
  { method: 'post', route: '/tickets/:id/rate', allowed: ['requester'], request: async (t) => ({ path: `/tickets/${await inState(t, 'replied')}/rate`, body: { satisfaction: '满意' } }) },
  {
    method: 'post',
    route: '/tickets/:id/supplement',
    allowed: ['requester'],
    request: async (t) => ({ path: `/tickets/${await inState(t, 'awaiting_supplement')}/supplement`, body: { text: '已补充身份证照片' } }),
  },
  { method: 'get', route: '/dispatch/tickets', allowed: [...DISPATCHERS_HERE, 'dispatcherOther'], request: () => ({ path: '/dispatch/tickets' }) },
  { method: 'post', route: '/dispatch/tickets/:id/dispatch', allowed: DISPATCHERS_HERE, request: async (t) => ({ path: `/dispatch/tickets/${await inState(t, 'submitted')}/dispatch`, body: {} }) },
  {
    method: 'post',
    route: '/dispatch/tickets/:id/merge',
    allowed: DISPATCHERS_HERE,
    request: async (t) => ({ path: `/dispatch/tickets/${await inState(t, 'submitted')}/merge`, body: { intoId: await inState(t, 'handling') } }),
  },
  {
    method: 'post',
    route: '/dispatch/tickets/:id/answer',
    allowed: DISPATCHERS_HERE,
    request: async (t) => ({ path: `/dispatch/tickets/${await inState(t, 'submitted', '咨询')}/answer`, body: { text: '携带身份证到社保卡服务网点补办' } }),
  },
  { method: 'get', route: '/dept/tickets', allowed: ['handlerHere', 'handlerOther'], request: () => ({ path: '/dept/tickets' }) },
  { method: 'post', route: '/dept/tickets/:id/accept', allowed: ['handlerHere'], request: async (t) => ({ path: `/dept/tickets/${await inState(t, 'dispatched')}/accept` }) },
  { method: 'post', route: '/dept/tickets/:id/return', allowed: ['handlerHere'], request: async (t) => ({ path: `/dept/tickets/${await inState(t, 'dispatched')}/return`, body: { reason: '不属于本部门职责' } }) },
  {
    method: 'post',
    route: '/dept/tickets/:id/supplement-request',
    allowed: ['handlerHere'],
    request: async (t) => ({ path: `/dept/tickets/${await inState(t, 'handling')}/supplement-request`, body: { reason: '请补充挂失回执' } }),
  },
  {
    method: 'post',
    route: '/dept/tickets/:id/extension',
    allowed: ['handlerHere'],
    request: async (t) => ({ path: `/dept/tickets/${await inState(t, 'handling')}/extension`, body: { days: 3, reason: '需要省制卡中心核查' } }),
  },
  // ---- knowledge base ----
  { method: 'get', route: '/knowledge', allowed: 'public', request: () => ({ path: '/knowledge', query: { q: '社保卡' } }) },
  { method: 'get', route: '/knowledge/:id', allowed: 'public', request: async (t) => ({ path: `/knowledge/${await knowledgeEntry(t)}` }) },
  { method: 'post', route: '/knowledge/:id/resolved', allowed: CITIZENS, request: async (t) => ({ path: `/knowledge/${await knowledgeEntry(t)}/resolved`, body: { regionCode: COUNTY } }) },
  { method: 'get', route: '/knowledge/review-due', allowed: ['handlerHere', 'handlerOther', 'adminHere', 'adminOther'], request: () => ({ path: '/knowledge/review-due' }) },
  { method: 'get', route: '/knowledge/review-report', allowed: ['adminHere', 'adminOther'], request: () => ({ path: '/knowledge/review-report', query: { month: '2026-10' } }) },
  {
    method: 'post',
    route: '/knowledge',
    allowed: ['handlerHere', 'adminHere'],
    request: (t) => ({
      path: '/knowledge',
      body: { title: `社保卡补办-${uid()}`, categoryPath: ['社会保障'], content: '携带身份证到社保卡服务网点补办。', departmentId: id(t.dept), type: '热点问答' },
    }),
  },
  { method: 'patch', route: '/knowledge/:id', allowed: ['handlerHere', 'adminHere'], request: async (t) => ({ path: `/knowledge/${await knowledgeEntry(t)}`, body: { keywords: ['补卡'] } }) },
  { method: 'post', route: '/knowledge/:id/review', allowed: ['handlerHere', 'adminHere'], request: async (t) => ({ path: `/knowledge/${await knowledgeEntry(t)}/review`, body: { action: 'valid' } }) },
  {
    method: 'post',
    route: '/dept/tickets/:id/to-knowledge',
    allowed: ['handlerHere'],
    request: async (t) => ({ path: `/dept/tickets/${await inState(t, 'replied', '咨询')}/to-knowledge`, body: { title: `公积金提取-${uid()}`, categoryPath: ['住房公积金'] } }),
  },
  { method: 'post', route: '/dept/tickets/:id/reply', allowed: ['handlerHere'], request: async (t) => ({ path: `/dept/tickets/${await inState(t, 'handling')}/reply`, body: { text: '已协调加急办理' } }) },
]

describe('authorization matrix of the 12345 routes (requesters, dispatchers, handlers)', () => {
  const TICKET_PREFIX = /^\/(tickets|ticket-categories|dispatch|dept|knowledge)(\/|$)/

  it('when the app registers its routes, then every 12345 route outside /admin is in the table and the table names no other', () => {
    testApp()
    const registered = routeRegistry.filter((r) => TICKET_PREFIX.test(r.path)).map((r) => key(r.method, r.path))
    const listed = TICKET_TABLE.map((r) => key(r.method, r.route))
    expect(new Set(listed).size).toBe(listed.length)
    expect({ missingFromTable: registered.filter((r) => !listed.includes(r)), notRegistered: listed.filter((r) => !registered.includes(r)) }).toEqual({
      missingFromTable: [],
      notRegistered: [],
    })
  })

  it.each(TICKET_TABLE.map((r) => [key(r.method, r.route), r] as const))('%s', async (_name, row) => {
    const t = f.tickets
    const callers: Record<TicketActor, Session | undefined> = { anonymous: undefined, ...t.actors }
    const allowed = row.allowed === 'public' ? [...TICKET_ACTORS] : row.allowed
    const req = await row.request(t)
    const order: TicketActor[] = [...TICKET_ACTORS.filter((a) => !allowed.includes(a)), ...allowed]
    const observed: Record<string, string> = {}
    const expected: Record<string, string> = {}
    for (const actor of order) {
      let call = api()[row.method](`/api/v1${req.path}`)
      if (req.query) call = call.query(req.query)
      const session = callers[actor]
      if (session) call = call.set(session.auth)
      const res = req.body ? await call.send(req.body) : await call
      observed[actor] = res.status === 401 || res.status === 403 ? String(res.status) : res.status < 500 ? 'allowed' : `error ${res.status}`
      expected[actor] = allowed.includes(actor) ? 'allowed' : actor === 'anonymous' ? '401' : '403'
    }
    expect(observed).toEqual(expected)
  })
})

// ---------------------------------------------------------------------------------------------
// 全代办 / 项目长 routes outside /admin (issue 17): the enterprise's, and the 项目长/代办员's under /agent.
// The project is always in 忻府区, of "owner"'s enterprise, led by "leader" with "agent".
// ---------------------------------------------------------------------------------------------
const PROJECT_ACTORS = ['anonymous', 'owner', 'otherCitizen', 'leader', 'agent', 'otherAgent', 'staff', 'adminHere', 'adminOther'] as const
type ProjectActor = (typeof PROJECT_ACTORS)[number]

interface ProjectRow {
  method: 'get' | 'post' | 'patch'
  route: string
  allowed: ProjectActor[]
  request: (p: ProjectWorld) => Req | Promise<Req>
}

const entrusted = async (p: ProjectWorld) => {
  const pid = await makeProject(p)
  const res = await api().post(`/api/v1/projects/${pid}/agency`).set(p.owner.auth).send({ action: 'entrust', itemKeys: ['beian'], signerName: '郝建军', signerMobile: '13935012345' })
  if (res.status !== 200) throw new Error(`entrust failed: ${res.status}`)
  return pid
}
const committed = async (p: ProjectWorld) => {
  const pid = await makeProject(p)
  const res = await api().post(`/api/v1/projects/${pid}/items/gcgh/commitment`).set(p.owner.auth).send({ signerName: '郝建军', agree: true })
  if (res.status !== 200) throw new Error(`commitment failed: ${res.status}`)
  return pid
}

const PROJECT_TABLE: ProjectRow[] = [
  { method: 'get', route: '/projects/mine', allowed: ['owner', 'otherCitizen'], request: () => ({ path: '/projects/mine' }) },
  { method: 'get', route: '/projects/:id', allowed: ['owner', 'leader', 'agent', 'adminHere'], request: async (p) => ({ path: `/projects/${await makeProject(p)}` }) },
  {
    method: 'post',
    route: '/projects/:id/agency',
    allowed: ['owner'],
    request: async (p) => ({ path: `/projects/${await makeProject(p)}/agency`, body: { action: 'entrust', itemKeys: ['ydys'], signerName: '郝建军', signerMobile: '13935012345' } }),
  },
  { method: 'post', route: '/projects/:id/items/:key/commitment', allowed: ['owner'], request: async (p) => ({ path: `/projects/${await makeProject(p)}/items/gcgh/commitment`, body: { signerName: '郝建军', agree: true } }) },
  { method: 'get', route: '/projects/:id/forms/:form', allowed: ['owner', 'leader', 'agent', 'adminHere'], request: async (p) => ({ path: `/projects/${await entrusted(p)}/forms/entrustment` }) },
  { method: 'get', route: '/agent/projects', allowed: ['leader', 'agent', 'otherAgent'], request: () => ({ path: '/agent/projects' }) },
  { method: 'patch', route: '/agent/projects/:id/items/:key', allowed: ['leader', 'agent'], request: async (p) => ({ path: `/agent/projects/${await makeProject(p)}/items/beian`, body: { status: 'in_progress' } }) },
  {
    method: 'post',
    route: '/agent/projects/:id/items/:key/commitment-check',
    allowed: ['leader', 'agent'],
    request: async (p) => ({ path: `/agent/projects/${await committed(p)}/items/gcgh/commitment-check`, body: { result: 'verified' } }),
  },
  {
    method: 'post',
    route: '/agent/projects/:id/checklist',
    allowed: ['leader'],
    request: async (p) => ({ path: `/agent/projects/${await makeProject(p)}/checklist`, body: { op: 'update', key: 'ydys', changes: { promisedDays: 4 }, reason: '区域评估成果共享' } }),
  },
]

describe('authorization matrix of the 全代办 routes (enterprises, 项目长 and 代办员)', () => {
  const PROJECT_PREFIX = /^\/(projects|agent)(\/|$)/

  it('when the app registers its routes, then every projects route outside /admin is in the table and the table names no other', () => {
    testApp()
    const registered = routeRegistry.filter((r) => PROJECT_PREFIX.test(r.path)).map((r) => key(r.method, r.path))
    const listed = PROJECT_TABLE.map((r) => key(r.method, r.route))
    expect(new Set(listed).size).toBe(listed.length)
    expect({ missingFromTable: registered.filter((r) => !listed.includes(r)), notRegistered: listed.filter((r) => !registered.includes(r)) }).toEqual({
      missingFromTable: [],
      notRegistered: [],
    })
  })

  it.each(PROJECT_TABLE.map((r) => [key(r.method, r.route), r] as const))('%s', async (_name, row) => {
    const p = f.projects
    const callers: Record<ProjectActor, Session | undefined> = {
      anonymous: undefined,
      owner: p.owner,
      otherCitizen: p.otherOwner,
      leader: p.leader,
      agent: p.agent,
      otherAgent: p.otherAgent,
      staff: p.staff,
      adminHere: p.adminHere,
      adminOther: p.adminOther,
    }
    const req = await row.request(p)
    const order: ProjectActor[] = [...PROJECT_ACTORS.filter((a) => !row.allowed.includes(a)), ...row.allowed]
    const observed: Record<string, string> = {}
    const expected: Record<string, string> = {}
    for (const actor of order) {
      let call = api()[row.method](`/api/v1${req.path}`)
      if (req.query) call = call.query(req.query)
      const session = callers[actor]
      if (session) call = call.set(session.auth)
      const res = req.body ? await call.send(req.body) : await call
      observed[actor] = res.status === 401 || res.status === 403 ? String(res.status) : res.status < 500 ? 'allowed' : `error ${res.status}`
      expected[actor] = row.allowed.includes(actor) ? 'allowed' : actor === 'anonymous' ? '401' : '403'
    }
    expect(observed).toEqual(expected)
  })
})
