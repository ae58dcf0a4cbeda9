import Taro from '@tarojs/taro'
import type { TicketCategory, TicketCategoryInput, TicketCategoryPatch, TicketMetrics } from '@xz/shared'
import { API_BASE, ApiError, getSession, request } from '@/api/request'

/** Administrator 12345 API: the editable dispatch catalogue, metrics, 月通报 downloads (shared/src/schemas/tickets.ts). */

/** The whole catalogue, inactive categories included. */
export const fetchAdminCategories = () => request<{ items: TicketCategory[] }>('/api/v1/admin/ticket-categories')

export const createCategory = (input: TicketCategoryInput) => request<TicketCategory>('/api/v1/admin/ticket-categories', { method: 'POST', data: { ...input } })

export const updateCategory = (id: string, patch: TicketCategoryPatch) =>
  request<TicketCategory>(`/api/v1/admin/ticket-categories/${id}`, { method: 'PATCH', data: { ...patch } })

export type MetricsGroup = 'department' | 'category' | 'region'

/** 'YYYY-MM' → first and last day. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` }
}

export const fetchMetrics = (month: string, groupBy: MetricsGroup) => request<TicketMetrics>('/api/v1/admin/ticket-stats', { data: { groupBy, ...monthRange(month) } })

export type ReportFormat = 'csv' | 'xlsx'

function reportPath(month: string, format: ReportFormat): string {
  return `/api/v1/admin/ticket-stats/monthly-report?month=${month}&format=${format}`
}

/** The server's message of a failed download (its JSON error body), or the status. */
async function errorOf(status: number, body: () => Promise<string>): Promise<ApiError> {
  try {
    const parsed = JSON.parse(await body()) as { error?: { code?: string; message?: string } }
    return new ApiError('INTERNAL', status, parsed.error?.message ?? `HTTP ${status}`)
  } catch {
    return new ApiError('INTERNAL', status, `HTTP ${status}`)
  }
}

/** H5: fetch with the Bearer token, then save the blob through a temporary link. */
async function downloadH5(month: string, format: ReportFormat): Promise<string> {
  const get = () => fetch(`${API_BASE}${reportPath(month, format)}`, { headers: { Authorization: `Bearer ${getSession()?.accessToken ?? ''}` } })
  let res = await get()
  if (res.status === 401) {
    // an expired access token: one authenticated call refreshes the session, then try again
    await request('/api/v1/me')
    res = await get()
  }
  if (!res.ok) throw await errorOf(res.status, () => res.text())
  const name = `12345-月通报-${month}.${format}`
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}

/** WeChat: download to a temporary file and open it (the document viewer offers 转发/保存). */
async function downloadWeapp(month: string, format: ReportFormat): Promise<string> {
  const res = await Taro.downloadFile({ url: `${API_BASE}${reportPath(month, format)}`, header: { Authorization: `Bearer ${getSession()?.accessToken ?? ''}` } })
  if (res.statusCode !== 200) throw new ApiError('INTERNAL', res.statusCode, res.statusCode === 401 ? '登录已过期，请重新登录' : `下载失败（HTTP ${res.statusCode}）`)
  if (format === 'xlsx') {
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true })
    return '已打开月通报'
  }
  // the document viewer cannot show CSV: keep the file and say where it is
  const saved = (await Taro.saveFile({ tempFilePath: res.tempFilePath })) as { savedFilePath?: string }
  return `已保存：${saved.savedFilePath ?? res.tempFilePath}`
}

/** Downloads the 月通报 as CSV or XLSX; resolves with what to tell the user. */
export function downloadMonthlyReport(month: string, format: ReportFormat): Promise<string> {
  return process.env.TARO_ENV === 'h5' ? downloadH5(month, format) : downloadWeapp(month, format)
}
