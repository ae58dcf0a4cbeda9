// Test helper (not a test): a routing stand-in for Taro.request used by the staff/admin/elder component tests.
import Taro from '@tarojs/taro'
import { routerParams, storage } from '../test/mocks/taro'
import type { HallDetail, Me } from '@xz/shared'
import { setSession } from '@/api/request'

export type Handler = (data: Record<string, unknown>) => { status?: number; body: unknown }
export type Routes = Record<string, Handler | Record<string, unknown> | unknown[]>

export interface Call {
  method: string
  path: string
  data: Record<string, unknown>
}

/** Answers `METHOD /path` (query string ignored) from `routes`; unknown routes answer 404. Returns the call log. */
export function fakeApi(routes: Routes): Call[] {
  const calls: Call[] = []
  ;(Taro.request as jest.Mock).mockImplementation(async (opts: { url: string; method?: string; data?: Record<string, unknown> }) => {
    const method = opts.method ?? 'GET'
    const path = opts.url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '')
    const data = opts.data ?? {}
    calls.push({ method, path, data })
    const route = routes[`${method} ${path}`]
    if (route === undefined) return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '内容不存在' } }, header: {}, errMsg: 'request:ok' }
    const answer = typeof route === 'function' ? (route as Handler)(data) : { body: route }
    return { statusCode: answer.status ?? 200, data: answer.body, header: {}, errMsg: 'request:ok' }
  })
  return calls
}

export const apiError = (status: number, code: string, message: string, details?: unknown) => ({
  status,
  body: { error: { code, message, ...(details ? { details } : {}) } }
})

export const HALL_ID = '64b000000000000000000001'
export const STAFF_ME: Me = { id: 'u1', role: 'staff', username: 'zhang', name: '张窗口', hallIds: [HALL_ID] }
export const ADMIN_ME: Me = { id: 'a1', role: 'admin', username: 'admin', name: '李管理', hallIds: [], regionCode: '140900' }
export const CITIZEN_ME: Me = { id: 'c1', role: 'citizen', name: '王群众' }

/** The part of a point's detail the staff screens read. */
export const HALL: Pick<HallDetail, 'id' | 'name' | 'services'> = {
  id: HALL_ID,
  name: '忻州市政务服务中心',
  services: [{ id: '64c000000000000000000001', name: '营业执照办理', code: 'S1' }]
}

export function resetTaro(): void {
  jest.clearAllMocks()
  storage.clear()
  for (const key of Object.keys(routerParams)) delete routerParams[key]
}

export function signIn(): void {
  setSession({ accessToken: 'access-token', refreshToken: 'refresh-token-123' })
}
