import Taro from '@tarojs/taro'

export interface FakeRequest {
  method: string
  path: string
  data: Record<string, unknown>
  header: Record<string, string>
}

type Answer = { status?: number; body: unknown } | unknown
export type Handler = (req: FakeRequest) => Answer | Promise<Answer>

const isAnswer = (a: unknown): a is { status?: number; body: unknown } =>
  typeof a === 'object' && a !== null && 'body' in a && Object.keys(a).every((k) => k === 'body' || k === 'status')

/**
 * Routes Taro.request to handlers keyed "METHOD /api/v1/path" (path without query). A handler returns the body,
 * or {status, body}. Unrouted calls answer 404. Returns the list of calls for assertions.
 */
export function fakeApi(routes: Record<string, Handler>): FakeRequest[] {
  const calls: FakeRequest[] = []
  ;(Taro.request as jest.Mock).mockImplementation(async (opts: { url: string; method?: string; data?: unknown; header?: Record<string, string> }) => {
    const req: FakeRequest = {
      method: opts.method ?? 'GET',
      path: opts.url.split('?')[0],
      data: (opts.data ?? {}) as Record<string, unknown>,
      header: opts.header ?? {}
    }
    calls.push(req)
    const handler = routes[`${req.method} ${req.path}`]
    if (!handler) return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: 'not found' } }, header: {}, errMsg: 'request:ok' }
    const answer = await handler(req)
    if (isAnswer(answer)) return { statusCode: answer.status ?? 200, data: answer.body, header: {}, errMsg: 'request:ok' }
    return { statusCode: 200, data: answer, header: {}, errMsg: 'request:ok' }
  })
  return calls
}

export const apiError = (status: number, code: string) => ({ status, body: { error: { code, message: code } } })

export const page = <T>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 })

/** Types into the Taro input inside the element with `testId` (NutUI reads target.value on H5, SearchBar reads detail.value). */
export function typeInto(testId: string, value: string) {
  const box = document.querySelector(`[data-testid="${testId}"]`)
  if (!box) throw new Error(`no element with data-testid=${testId}`)
  const el = (box.tagName.toLowerCase() === 'taro-input-core' || box.tagName.toLowerCase() === 'taro-textarea-core'
    ? box
    : box.querySelector('taro-input-core, taro-textarea-core')) ?? box
  // an own property: the web component's `value` setter would try to reach its inner <input>, which jsdom never renders
  Object.defineProperty(el, 'value', { value, configurable: true, writable: true })
  el.dispatchEvent(new CustomEvent('input', { bubbles: true, detail: { value } }))
}
