import { CONTENT_TYPES, ticketContract } from '@xz/shared'
import { fileReply, implement, reply } from '../../lib/routes'
import * as ticketAccounts from './ticket-accounts.service'
import * as photos from './ticket-photos'
import * as metrics from './tickets.metrics'
import * as tickets from './tickets.service'

/** 12345: the requester, dispatchers, department handlers, administrators (catalogue, accounts, 月通报). */
export const ticketRoutes = implement(ticketContract, {
  categories: () => tickets.listCategories(),
  submit: ({ auth, body }) => tickets.submitTicket(auth, body),
  uploadPhoto: ({ auth, file }) => photos.uploadPhoto(auth, file),
  photo: async ({ auth, params, query }) =>
    fileReply(200, await photos.servePhoto(auth, params.name, query), { 'Cache-Control': 'private, max-age=3600', 'X-Content-Type-Options': 'nosniff' }),
  mine: ({ auth, query }) => tickets.listMine(auth, query),
  get: ({ auth, params }) => tickets.getTicket(auth, params.id),
  rate: ({ auth, params, body }) => tickets.rateTicket(auth, params.id, body.satisfaction, body.comment),
  supplement: ({ auth, params, body }) => tickets.supplementTicket(auth, params.id, body.text, body.photos),
  dispatchQueue: ({ auth, query }) => tickets.dispatchQueue(auth, query),
  dispatch: ({ auth, params, body }) => tickets.dispatchTicket(auth, params.id, body),
  merge: ({ auth, params, body }) => tickets.mergeTicket(auth, params.id, body.intoId, body.note),
  answer: ({ auth, params, body }) => tickets.answerTicket(auth, params.id, body.text),
  handlerTickets: ({ auth, query }) => tickets.handlerTickets(auth, query),
  accept: ({ auth, params }) => tickets.acceptTicket(auth, params.id),
  return: ({ auth, params, body }) => tickets.returnTicket(auth, params.id, body.reason),
  requestSupplement: ({ auth, params, body }) => tickets.requestSupplement(auth, params.id, body.reason),
  requestExtension: ({ auth, params, body }) => tickets.requestExtension(auth, params.id, body.days, body.reason),
  reply: ({ auth, params, body }) => tickets.replyTicket(auth, params.id, body.text),
  pendingExtensions: ({ auth, query }) => tickets.pendingExtensions(auth, query),
  decideExtension: ({ auth, params, body }) => tickets.decideExtension(auth, params.id, body.approve, body.reason),
  archive: ({ auth, params }) => tickets.archiveTicket(auth, params.id),
  allCategories: () => tickets.listCategories(true),
  createCategory: ({ auth, body }) => tickets.createCategory(auth, body),
  updateCategory: ({ auth, params, body }) => tickets.updateCategory(auth, params.id, body),
  accounts: ({ auth }) => ticketAccounts.listTicketAccounts(auth),
  createAccount: ({ auth, body }) => ticketAccounts.createTicketAccount(auth, body),
  metrics: ({ auth, query }) => metrics.ticketMetrics(auth, query),
  monthlyReport: async ({ auth, query }) => {
    const report = await metrics.monthlyReport(auth, query.month)
    if (query.format === 'json') return reply(200, report)
    const filename = `12345-monthly-report-${query.month}.${query.format}`
    if (query.format === 'csv') return fileReply(200, { filename, contentType: CONTENT_TYPES.csv, data: metrics.reportCsv(report) })
    return fileReply(200, { filename, contentType: CONTENT_TYPES.xlsx, data: await metrics.reportXlsx(report, await metrics.regionNameOf(auth)) })
  },
})
