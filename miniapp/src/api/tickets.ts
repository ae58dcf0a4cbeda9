import { knowledgeContract, ticketContract, type KnowledgeEntry, type MonthlyReport, type Page, type Ticket, type TicketCategory, type TicketPhotoUpload, type TicketSatisfaction, type TicketSubmit } from '@xz/shared'
import { call, upload } from './request'

/** 12345 诉求 and 知识库 API, derived from shared/src/contracts/{tickets,knowledge}.ts. */

export const fetchTicketCategories = (): Promise<{ items: TicketCategory[] }> => call(ticketContract.categories)

export const searchKnowledge = (q: string): Promise<Page<KnowledgeEntry>> => call(knowledgeContract.search, { query: { q, pageSize: 5 } })

export const markKnowledgeResolved = (id: string, regionCode?: string): Promise<{ ok: true }> =>
  call(knowledgeContract.markResolved, { params: { id }, body: regionCode ? { regionCode } : {} })

export type SubmitTicket = TicketSubmit
/** Uploads one photo chosen with chooseImage (field `photo`); the `url` goes into a submission's or supplement's photos. */
export const uploadTicketPhoto = (filePath: string): Promise<TicketPhotoUpload> => upload(ticketContract.uploadPhoto, filePath)
export const submitTicket = (body: SubmitTicket): Promise<Ticket> => call(ticketContract.submit, { body })
export const fetchMyTickets = (): Promise<Page<Ticket>> => call(ticketContract.mine, { query: { pageSize: 50 } })
export const rateTicket = (id: string, satisfaction: TicketSatisfaction): Promise<Ticket> => call(ticketContract.rate, { params: { id }, body: { satisfaction } })
export const supplementTicket = (id: string, text: string, photos: string[] = []): Promise<Ticket> =>
  call(ticketContract.supplement, { params: { id }, body: { text, photos } })

// ---- dispatchers ----
export const fetchDispatchQueue = (): Promise<Page<Ticket>> => call(ticketContract.dispatchQueue, { query: { pageSize: 50 } })
export const dispatchTicket = (id: string, departmentId?: string, note?: string): Promise<Ticket> =>
  call(ticketContract.dispatch, { params: { id }, body: { ...(departmentId ? { departmentId } : {}), ...(note ? { note } : {}) } })
export const mergeTicket = (id: string, intoId: string): Promise<Ticket> => call(ticketContract.merge, { params: { id }, body: { intoId } })

// ---- department handlers ----
export const fetchHandlerTickets = (): Promise<Page<Ticket>> => call(ticketContract.handlerTickets, { query: { pageSize: 50 } })
/** What a handler does with a ticket of the department, each its own route. */
export const handlerActions = {
  accept: (id: string): Promise<Ticket> => call(ticketContract.accept, { params: { id } }),
  return: (id: string, reason: string): Promise<Ticket> => call(ticketContract.return, { params: { id }, body: { reason } }),
  reply: (id: string, text: string): Promise<Ticket> => call(ticketContract.reply, { params: { id }, body: { text } }),
  requestSupplement: (id: string, reason: string): Promise<Ticket> => call(ticketContract.requestSupplement, { params: { id }, body: { reason } }),
  requestExtension: (id: string, days: number, reason: string): Promise<Ticket> => call(ticketContract.requestExtension, { params: { id }, body: { days, reason } }),
}

// ---- administrators ----
export const fetchPendingExtensions = (): Promise<Page<Ticket>> => call(ticketContract.pendingExtensions, { query: { pageSize: 50 } })
export const decideExtension = (id: string, approve: boolean, reason: string): Promise<Ticket> =>
  call(ticketContract.decideExtension, { params: { id }, body: { approve, reason } })
export const fetchMonthlyReport = async (month: string): Promise<MonthlyReport> => call(ticketContract.monthlyReport, { query: { month } })
