import Taro from '@tarojs/taro'
import {
  authContract, definedEntries, headerName, isErrorCode, pathOf, queryString, type CallArgs, type CallInput, type ErrorCode, type ResponseOf, type Route, type TokenPair,
  type UploadSpec
} from '@xz/shared'

/** API origin baked in at build time (config/index.ts); '' = same origin (H5 served by the API server). */
export const API_BASE: string = process.env.TARO_APP_API_BASE ?? ''

/** Storage key of the signed-in session (JSON {accessToken, refreshToken}). */
export const SESSION_KEY = 'xz.session'

/** Every contract path is relative to this. */
const API_PREFIX = '/api/v1'
const TIMEOUT_MS = 15_000

export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR'

/** Every failed API call rejects with an ApiError; callers branch on `code` only. */
export class ApiError extends Error {
  readonly code: ApiErrorCode
  /** HTTP status; 0 when the server was not reached */
  readonly status: number
  readonly details?: unknown

  constructor(code: ApiErrorCode, status: number, message: string, details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.status = status
    this.details = details
  }
}

export interface Session {
  accessToken: string
  refreshToken: string
}

export function getSession(): Session | null {
  try {
    const raw: unknown = Taro.getStorageSync(SESSION_KEY)
    if (typeof raw !== 'string' || raw === '') return null
    const parsed = JSON.parse(raw) as Partial<Session>
    if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string') return null
    return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken }
  } catch {
    return null
  }
}

export function setSession(session: Session): void {
  const { accessToken, refreshToken } = session
  Taro.setStorageSync(SESSION_KEY, JSON.stringify({ accessToken, refreshToken }))
}

export function clearSession(): void {
  Taro.removeStorageSync(SESSION_KEY)
}

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

interface RequestOptions {
  method?: HttpMethod
  /** JSON body, or query parameters for GET */
  data?: Record<string, unknown> | unknown[]
  /** Send the Bearer token of the stored session */
  auth: boolean
  header?: Record<string, string>
}

/**
 * Calls a route of the API contract (shared/src/contracts) and resolves with its response, typed by the
 * contract: `call(bookingContract.get, { params: { id } })`. Path parameters are filled in and encoded, a
 * GET's query goes as its query string, and the Bearer token is sent to routes that read it.
 * Non-2xx answers reject with ApiError(code, status, message) from the server's `{error:{code,message,details}}`;
 * an unreachable server rejects with ApiError('NETWORK_ERROR').
 * An expired access token is refreshed once (shared by concurrent calls) and the call retried once.
 */
export function call<R extends Route>(route: R, ...args: CallArgs<R>): Promise<ResponseOf<R>> {
  const input = (args[0] ?? {}) as CallInput<Route> & { params?: Record<string, unknown>; query?: Record<string, unknown>; headers?: Record<string, string> }
  const isGet = route.method === 'get'
  const query = definedEntries(input.query)
  const qs = isGet ? '' : queryString(query)
  return request<ResponseOf<R>>(API_PREFIX + pathOf(route, input.params) + (qs ? `?${qs}` : ''), {
    method: route.method.toUpperCase() as HttpMethod,
    data: isGet ? query : route.body ? ((input.body ?? {}) as Record<string, unknown>) : undefined,
    header: input.headers && Object.fromEntries(Object.entries(input.headers).map(([name, value]) => [headerName(name), value])),
    auth: route.auth !== undefined,
  })
}

/** The full URL of a route (e.g. a download opened outside `call`). */
export function urlOf<R extends Route>(route: R, ...args: CallArgs<R>): string {
  const input = (args[0] ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown> }
  const qs = queryString(input.query)
  return `${API_BASE}${API_PREFIX}${pathOf(route, input.params)}${qs ? `?${qs}` : ''}`
}

async function request<T>(path: string, options: RequestOptions): Promise<T> {
  const session = options.auth ? getSession() : null
  try {
    return await send<T>(path, options, session?.accessToken)
  } catch (err) {
    if (!session || !isAuthExpired(err)) throw err
    const refreshed = await refreshSession(session.refreshToken)
    if (!refreshed) throw err
    try {
      return await send<T>(path, options, refreshed.accessToken)
    } catch (retryErr) {
      // the fresh token was refused too: the session is no longer valid
      if (isAuthExpired(retryErr)) clearSession()
      throw retryErr
    }
  }
}

function isAuthExpired(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401 && (err.code === 'UNAUTHENTICATED' || err.code === 'TOKEN_EXPIRED')
}

let pendingRefresh: Promise<Session | null> | null = null

/** Exchanges the refresh token for a new pair and stores it; clears the session and resolves null on failure. */
function refreshSession(refreshToken: string): Promise<Session | null> {
  pendingRefresh ??= send<TokenPair>(API_PREFIX + pathOf(authContract.refresh), { method: 'POST', data: { refreshToken }, auth: false })
    .then((pair) => {
      const next = { accessToken: pair.accessToken, refreshToken: pair.refreshToken }
      setSession(next)
      return next
    })
    .catch(() => {
      clearSession()
      return null
    })
    .finally(() => {
      pendingRefresh = null
    })
  return pendingRefresh
}

async function send<T>(path: string, options: RequestOptions, accessToken?: string): Promise<T> {
  const method = options.method ?? 'GET'
  const header: Record<string, string> = { Accept: 'application/json', ...options.header }
  if (method !== 'GET') header['Content-Type'] = 'application/json'
  if (accessToken) header.Authorization = `Bearer ${accessToken}`

  let res: Taro.request.SuccessCallbackResult
  try {
    res = await Taro.request({
      url: `${API_BASE}${path}`,
      method,
      data: options.data,
      header,
      dataType: 'json',
      timeout: TIMEOUT_MS
    })
  } catch {
    throw new ApiError('NETWORK_ERROR', 0, '网络连接失败')
  }

  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T
  throw toApiError(res.statusCode, res.data)
}

/** Builds an ApiError from the server's error body; tolerates bodies that are not (e.g. a proxy's HTML page). */
function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error
  const code: ErrorCode = isErrorCode(error?.code) ? error.code : status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL'
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`
  return new ApiError(code, status, message, error?.details)
}

/**
 * Uploads one local file (a `tempFilePath` of chooseImage) to a route that takes one (the contract's `upload`: its
 * field name) as multipart/form-data with `Taro.uploadFile` (WeChat's upload API; on H5 Taro sends the chosen file
 * with a FormData): the same session, refresh and error model as `call`.
 */
export async function upload<R extends Route & { upload: UploadSpec }>(route: R, filePath: string): Promise<ResponseOf<R>> {
  type T = ResponseOf<R>
  const path = API_PREFIX + pathOf(route)
  const name = route.upload.field
  const once = async (accessToken?: string): Promise<T> => {
    let res: Taro.uploadFile.SuccessCallbackResult
    try {
      res = await Taro.uploadFile({ url: `${API_BASE}${path}`, filePath, name, header: accessToken ? { Authorization: `Bearer ${accessToken}` } : {}, timeout: TIMEOUT_MS * 3 })
    } catch {
      throw new ApiError('NETWORK_ERROR', 0, '网络连接失败')
    }
    let body: unknown = res.data
    try {
      body = typeof res.data === 'string' ? JSON.parse(res.data) : res.data
    } catch {
      // not JSON (e.g. a proxy's page): toApiError copes
    }
    if (res.statusCode >= 200 && res.statusCode < 300) return body as T
    throw toApiError(res.statusCode, body)
  }
  const session = getSession()
  try {
    return await once(session?.accessToken)
  } catch (err) {
    if (!session || !isAuthExpired(err)) throw err
    const refreshed = await refreshSession(session.refreshToken)
    if (!refreshed) throw err
    return once(refreshed.accessToken)
  }
}
