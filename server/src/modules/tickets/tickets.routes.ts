import {
  DispatchQueueQuerySchema,
  HandlerTicketsQuerySchema,
  IdParamsSchema,
  MyTicketsQuerySchema,
  PageQuerySchema,
  TicketAnswerSchema,
  TicketCategoryInputSchema,
  TicketCategoryListSchema,
  TicketCategoryPatchSchema,
  TicketCategorySchema,
  TicketDispatchSchema,
  TicketExtensionDecisionSchema,
  TicketExtensionSchema,
  TicketIdParamsSchema,
  TicketMergeSchema,
  TicketPageSchema,
  TicketRateSchema,
  TicketReasonSchema,
  TicketSchema,
  TicketSubmitSchema,
  TicketSupplementSchema,
  TicketTextSchema,
  TicketAccountCreateSchema,
  TicketAccountListSchema,
  TicketAccountWithPasswordSchema,
  TicketMetricsQuerySchema,
  TicketPhotoParamsSchema,
  TicketPhotoQuerySchema,
  TicketPhotoUploadSchema,
  TicketMetricsSchema,
  MonthlyReportQuerySchema,
  MonthlyReportSchema,
} from '@xz/shared'
import { ApiRouter } from '../../lib/routes'
import * as ticketAccounts from './ticket-accounts.service'
import * as photos from './ticket-photos'
import * as metrics from './tickets.metrics'
import * as tickets from './tickets.service'

/** The dispatch catalogue, public (the requester picks a category). */
export const ticketCategoryRoutes = new ApiRouter('/ticket-categories', 'tickets').get(
  '/',
  { summary: '12345 派单目录 (active categories)', response: TicketCategoryListSchema },
  () => tickets.listCategories(),
)

/** The requester's side, and reading one ticket for every actor in scope. */
export const ticketRoutes = new ApiRouter('/tickets', 'tickets')
  .post('/', { summary: 'Submit a 12345 诉求 (gets its number 12345-YYYYMMDD-NNNN)', auth: ['citizen'], body: TicketSubmitSchema, response: TicketSchema, status: 201 }, ({ auth, body }) =>
    tickets.submitTicket(auth, body),
  )
  .post(
    '/photos',
    { summary: 'Upload one photo for a 诉求 (multipart/form-data, field `photo`; JPEG/PNG/WebP, at most 5 MB)', auth: ['citizen'], response: TicketPhotoUploadSchema, status: 201 },
    ({ auth, req, res }) => photos.uploadPhoto(auth, req, res),
  )
  .get(
    '/photos/:name',
    { summary: "A 诉求's photo: to its uploader and whoever may see the ticket (Bearer token or the signed link of the ticket view)", params: TicketPhotoParamsSchema, query: TicketPhotoQuerySchema },
    async ({ maybeAuth, params, query, res }) => {
      await photos.servePhoto(maybeAuth, params.name, query, res)
      return undefined
    },
  )
  .get('/mine', { summary: 'My 诉求, newest first', auth: ['citizen'], query: MyTicketsQuerySchema, response: TicketPageSchema }, ({ auth, query }) => tickets.listMine(auth, query))
  .get(
    '/:id',
    { summary: 'One 诉求 with its timeline and clock (requester, dispatchers and administrators of its region, handlers of its department)', auth: ['citizen', 'dispatcher', 'handler', 'admin'], params: TicketIdParamsSchema, response: TicketSchema },
    ({ auth, params }) => tickets.getTicket(auth, params.id),
  )
  .post('/:id/rate', { summary: '回访: rate the reply (不满意 sends it back once: 重办)', auth: ['citizen'], params: TicketIdParamsSchema, body: TicketRateSchema, response: TicketSchema }, ({ auth, params, body }) =>
    tickets.rateTicket(auth, params.id, body.satisfaction, body.comment),
  )
  .post('/:id/supplement', { summary: 'Provide the 补充材料 asked for (the clock resumes)', auth: ['citizen'], params: TicketIdParamsSchema, body: TicketSupplementSchema, response: TicketSchema }, ({ auth, params, body }) =>
    tickets.supplementTicket(auth, params.id, body.text, body.photos),
  )

/** 12345 受理/派单: dispatchers of the city or of a county. */
export const dispatchRoutes = new ApiRouter('/dispatch/tickets', 'tickets')
  .get('/', { summary: 'Queue: new and returned tickets of my region (returned and 涉企 first, then oldest)', auth: ['dispatcher'], query: DispatchQueueQuerySchema, response: TicketPageSchema }, ({ auth, query }) =>
    tickets.dispatchQueue(auth, query),
  )
  .post('/:id/dispatch', { summary: '派单 (new) or 改派 (returned) to a department', auth: ['dispatcher'], params: TicketIdParamsSchema, body: TicketDispatchSchema, response: TicketSchema }, ({ auth, params, body }) =>
    tickets.dispatchTicket(auth, params.id, body),
  )
  .post('/:id/merge', { summary: '并单: merge a repeated submission into the open ticket it repeats', auth: ['dispatcher'], params: TicketIdParamsSchema, body: TicketMergeSchema, response: TicketSchema }, ({ auth, params, body }) =>
    tickets.mergeTicket(auth, params.id, body.intoId, body.note),
  )
  .post('/:id/answer', { summary: '即问即答: answer a 咨询 at once and close it', auth: ['dispatcher'], params: TicketIdParamsSchema, body: TicketAnswerSchema, response: TicketSchema }, ({ auth, params, body }) =>
    tickets.answerTicket(auth, params.id, body.text),
  )

/** Department handlers. */
export const handlerRoutes = new ApiRouter('/dept/tickets', 'tickets')
  .get('/', { summary: "My department's open tickets: overdue, then soon due, then by deadline", auth: ['handler'], query: HandlerTicketsQuerySchema, response: TicketPageSchema }, ({ auth, query }) =>
    tickets.handlerTickets(auth, query),
  )
  .post('/:id/accept', { summary: '签收 (first response)', auth: ['handler'], params: TicketIdParamsSchema, response: TicketSchema }, ({ auth, params }) => tickets.acceptTicket(auth, params.id))
  .post('/:id/return', { summary: '退单 with a reason, within 2 working days of the dispatch', auth: ['handler'], params: TicketIdParamsSchema, body: TicketReasonSchema, response: TicketSchema }, ({ auth, params, body }) =>
    tickets.returnTicket(auth, params.id, body.reason),
  )
  .post('/:id/supplement-request', { summary: 'Ask the requester for 补充材料 (the clock pauses)', auth: ['handler'], params: TicketIdParamsSchema, body: TicketReasonSchema, response: TicketSchema }, ({ auth, params, body }) =>
    tickets.requestSupplement(auth, params.id, body.reason),
  )
  .post('/:id/extension', { summary: 'Ask once for an extension of up to 10 working days', auth: ['handler'], params: TicketIdParamsSchema, body: TicketExtensionSchema, response: TicketSchema }, ({ auth, params, body }) =>
    tickets.requestExtension(auth, params.id, body.days, body.reason),
  )
  .post('/:id/reply', { summary: 'Reply to the requester', auth: ['handler'], params: TicketIdParamsSchema, body: TicketTextSchema, response: TicketSchema }, ({ auth, params, body }) =>
    tickets.replyTicket(auth, params.id, body.text),
  )

/** Administrators: the catalogue, extension decisions, archiving. */
export const adminTicketRoutes = new ApiRouter('/admin/tickets', 'admin')
  .get('/extensions', { summary: 'Extension requests waiting for a decision in my region', auth: ['admin'], query: PageQuerySchema, response: TicketPageSchema }, ({ auth, query }) =>
    tickets.pendingExtensions(auth, query),
  )
  .post('/:id/extension-decision', { summary: 'Approve or refuse an extension request', auth: ['admin'], params: TicketIdParamsSchema, body: TicketExtensionDecisionSchema, response: TicketSchema }, ({ auth, params, body }) =>
    tickets.decideExtension(auth, params.id, body.approve, body.reason),
  )
  .post('/:id/archive', { summary: 'Archive a closed (or merged) ticket', auth: ['admin'], params: TicketIdParamsSchema, response: TicketSchema }, ({ auth, params }) => tickets.archiveTicket(auth, params.id))

export const adminTicketCategoryRoutes = new ApiRouter('/admin/ticket-categories', 'admin')
  .get('/', { summary: 'The whole dispatch catalogue (inactive included)', auth: ['admin'], response: TicketCategoryListSchema }, () => tickets.listCategories(true))
  .post('/', { summary: 'Add a category to the dispatch catalogue (city administrators)', auth: ['admin'], body: TicketCategoryInputSchema, response: TicketCategorySchema, status: 201 }, ({ auth, body }) =>
    tickets.createCategory(auth, body),
  )
  .patch('/:id', { summary: 'Change a category of the dispatch catalogue (city administrators)', auth: ['admin'], params: IdParamsSchema, body: TicketCategoryPatchSchema, response: TicketCategorySchema }, ({ auth, params, body }) =>
    tickets.updateCategory(auth, params.id, body),
  )


/** Dispatchers and department handlers, created by the administrators of their region. */
export const adminTicketAccountRoutes = new ApiRouter('/admin/ticket-accounts', 'admin')
  .get('/', { summary: 'Dispatchers and handlers of my region', auth: ['admin'], response: TicketAccountListSchema }, ({ auth }) => ticketAccounts.listTicketAccounts(auth))
  .post('/', { summary: 'Create a dispatcher (city/county) or a department handler (password returned once)', auth: ['admin'], body: TicketAccountCreateSchema, response: TicketAccountWithPasswordSchema, status: 201 }, ({ auth, body }) =>
    ticketAccounts.createTicketAccount(auth, body),
  )

/** Metrics and the 月通报 (CSV/XLSX downloads as well as JSON). */
export const adminTicketStatsRoutes = new ApiRouter('/admin/ticket-stats', 'admin')
  .get('/', { summary: '12345 metrics per department, category, region or month (from counts)', auth: ['admin'], query: TicketMetricsQuerySchema, response: TicketMetricsSchema }, ({ auth, query }) =>
    metrics.ticketMetrics(auth, query),
  )
  .get(
    '/monthly-report',
    { summary: '月通报: departments ranked for a month (format=json|csv|xlsx)', auth: ['admin'], query: MonthlyReportQuerySchema, response: MonthlyReportSchema },
    async ({ auth, query, res }) => {
      const report = await metrics.monthlyReport(auth, query.month)
      if (query.format === 'json') return report
      const name = `12345-monthly-report-${query.month}`
      if (query.format === 'csv') {
        res.setHeader('Content-Type', 'text/csv; charset=utf-8')
        res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`)
        res.send(metrics.reportCsv(report))
        return undefined
      }
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      res.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`)
      res.send(await metrics.reportXlsx(report, await metrics.regionNameOf(auth)))
      return undefined
    },
  )
