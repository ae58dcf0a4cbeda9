import Taro from '@tarojs/taro'
import { authContract, ticketContract, type TicketCategory, type TicketCategoryInput, type TicketCategoryPatch, type TicketMetrics } from '@xz/shared'
import { ApiError, call, getSession, urlOf } from '@/api/request'

/** Administrator 12345 API, derived from shared/src/contracts/tickets.ts: the editable dispatch catalogue, metrics, 月通报 downloads. */

/** The whole catalogue, inactive categories included. */
export const fetchAdminCategories = (): Promise<{ items: TicketCategory[] }> => call(ticketContract.allCategories)

export const createCategory = (input: TicketCategoryInput): Promise<TicketCategory> => call(ticketContract.createCategory, { body: input })

export const updateCategory = (id: string, patch: TicketCategoryPatch): Promise<TicketCategory> => call(ticketContract.updateCategory, { params: { id }, body: patch })

export type MetricsGroup = 'department' | 'category' | 'region'

/** 'YYYY-MM' → first and last day. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` }
}

export const fetchMetrics = (month: string, groupBy: MetricsGroup): Promise<TicketMetrics> => call(ticketContract.metrics, { query: { groupBy, ...monthRange(month) } })

export type ReportFormat = 'csv' | 'xlsx'

function reportUrl(month: string, format: ReportFormat): string {
  return urlOf(ticketContract.monthlyReport, { query: { month, format } })
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
  const get = () => fetch(reportUrl(month, format), { headers: { Authorization: `Bearer ${getSession()?.accessToken ?? ''}` } })
  let res = await get()
  if (res.status === 401) {
    // an expired access token: one authenticated call refreshes the session, then try again
    await call(authContract.me)
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
  const res = await Taro.downloadFile({ url: reportUrl(month, format), header: { Authorization: `Bearer ${getSession()?.accessToken ?? ''}` } })
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
