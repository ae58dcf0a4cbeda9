import type { KnowledgeEntry, MonthlyReport, Page, Ticket, TicketCategory, TicketPhotoUpload, TicketSatisfaction, TicketType } from '@xz/shared'
import { request, uploadFile } from './request'

/** 12345 诉求 and 知识库 API (shared/src/schemas/{tickets,knowledge}.ts). */

export const fetchTicketCategories = () => request<{ items: TicketCategory[] }>('/api/v1/ticket-categories', { auth: false })

export const searchKnowledge = (q: string) =>
  request<Page<KnowledgeEntry>>(`/api/v1/knowledge?q=${encodeURIComponent(q)}&pageSize=5`, { auth: false })

export const markKnowledgeResolved = (id: string, regionCode?: string) =>
  request<{ ok: true }>(`/api/v1/knowledge/${id}/resolved`, { method: 'POST', data: regionCode ? { regionCode } : {} })

export interface SubmitTicket {
  type: TicketType
  categoryId: string
  description: string
  contactMobile: string
  regionCode?: string
  enterprise?: boolean
  address?: string
  contactName?: string
  photos?: string[]
  shownKnowledgeIds: string[]
}
/** Uploads one photo chosen with chooseImage (field `photo`); the `url` goes into a submission's or supplement's photos. */
export const uploadTicketPhoto = (filePath: string) => uploadFile<TicketPhotoUpload>('/api/v1/tickets/photos', filePath, 'photo')
export const submitTicket = (body: SubmitTicket) => request<Ticket>('/api/v1/tickets', { method: 'POST', data: { ...body } })
export const fetchMyTickets = () => request<Page<Ticket>>('/api/v1/tickets/mine?pageSize=50')
export const rateTicket = (id: string, satisfaction: TicketSatisfaction) =>
  request<Ticket>(`/api/v1/tickets/${id}/rate`, { method: 'POST', data: { satisfaction } })
export const supplementTicket = (id: string, text: string, photos: string[] = []) =>
  request<Ticket>(`/api/v1/tickets/${id}/supplement`, { method: 'POST', data: { text, photos } })

// ---- dispatchers ----
export const fetchDispatchQueue = () => request<Page<Ticket>>('/api/v1/dispatch/tickets?pageSize=50')
export const dispatchTicket = (id: string, departmentId?: string, note?: string) =>
  request<Ticket>(`/api/v1/dispatch/tickets/${id}/dispatch`, { method: 'POST', data: { ...(departmentId ? { departmentId } : {}), ...(note ? { note } : {}) } })
export const mergeTicket = (id: string, intoId: string) => request<Ticket>(`/api/v1/dispatch/tickets/${id}/merge`, { method: 'POST', data: { intoId } })

// ---- department handlers ----
export const fetchHandlerTickets = () => request<Page<Ticket>>('/api/v1/dept/tickets?pageSize=50')
export type HandlerAction = 'accept' | 'return' | 'reply' | 'supplement-request' | 'extension'
export const handlerAct = (id: string, action: HandlerAction, data: Record<string, unknown> = {}) =>
  request<Ticket>(`/api/v1/dept/tickets/${id}/${action}`, { method: 'POST', data })

// ---- administrators ----
export const fetchPendingExtensions = () => request<Page<Ticket>>('/api/v1/admin/tickets/extensions?pageSize=50')
export const decideExtension = (id: string, approve: boolean, reason: string) =>
  request<Ticket>(`/api/v1/admin/tickets/${id}/extension-decision`, { method: 'POST', data: { approve, reason } })
export const fetchMonthlyReport = (month: string) => request<MonthlyReport>(`/api/v1/admin/ticket-stats/monthly-report?month=${month}`)
