import Taro from '@tarojs/taro'
import { storage } from '../test/mocks/taro'
import { authContract, bookingContract, catalogueContract, healthContract } from '@xz/shared'
import { ApiError, SESSION_KEY, call, getSession, setSession, urlOf } from '@/api/request'
import { errorMessage } from '@/api/errors'

const taroRequest = Taro.request as jest.Mock

const ok = (data: unknown, statusCode = 200) => ({ statusCode, data, header: {}, errMsg: 'request:ok' })
const fail = (statusCode: number, code: string, message = code) => ok({ error: { code, message } }, statusCode)
const BOOKING = { slotId: 's1', serviceId: 'x1', applicant: { name: '王群众', phone: '13800000000' } }

describe('api/request', () => {
  beforeEach(() => {
    taroRequest.mockReset()
    storage.clear()
  })

  it('when signed in, then it sends the Bearer token and resolves with the body', async () => {
    setSession({ accessToken: 'access-1', refreshToken: 'refresh-1' })
    taroRequest.mockResolvedValue(ok({ hello: 'world' }))

    await expect(call(authContract.me)).resolves.toEqual({ hello: 'world' })
    expect(taroRequest).toHaveBeenCalledWith(expect.objectContaining({
      url: '/api/v1/me',
      method: 'GET',
      header: expect.objectContaining({ Authorization: 'Bearer access-1' })
    }))
  })

  it('when the server answers an error body, then it rejects with its code, status and message', async () => {
    taroRequest.mockResolvedValue(fail(409, 'SLOT_FULL', 'slot is full'))

    const err = await call(bookingContract.create, { body: BOOKING }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'SLOT_FULL', status: 409, message: 'slot is full' })
    expect(errorMessage(err)).toBe('该时段已约满')
  })

  it('when the server cannot be reached, then it rejects with NETWORK_ERROR', async () => {
    taroRequest.mockRejectedValue({ errMsg: 'request:fail' })

    const err = await call(healthContract.get).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'NETWORK_ERROR', status: 0 })
    expect(errorMessage(err)).toBe('网络连接失败，请检查网络')
    expect(errorMessage(new Error('boom'))).toBe('操作失败')
  })

  it('when the access token has expired, then it refreshes once, stores the new pair and retries', async () => {
    setSession({ accessToken: 'old', refreshToken: 'refresh-old' })
    taroRequest.mockImplementation(({ url, header }: { url: string; header: Record<string, string> }) => {
      if (url === '/api/v1/auth/refresh') {
        return Promise.resolve(ok({ accessToken: 'new', refreshToken: 'refresh-new', expiresIn: 900, user: { id: '1', role: 'citizen' } }))
      }
      return Promise.resolve(header.Authorization === 'Bearer new' ? ok({ id: '1' }) : fail(401, 'UNAUTHENTICATED'))
    })

    // two concurrent calls share one refresh
    await expect(Promise.all([call(authContract.me), call(authContract.me)])).resolves.toEqual([{ id: '1' }, { id: '1' }])
    const refreshCalls = taroRequest.mock.calls.filter(([opts]) => opts.url === '/api/v1/auth/refresh')
    expect(refreshCalls).toHaveLength(1)
    expect(refreshCalls[0][0]).toMatchObject({ method: 'POST', data: { refreshToken: 'refresh-old' } })
    expect(getSession()).toEqual({ accessToken: 'new', refreshToken: 'refresh-new' })
  })

  it('when the refresh is refused, then it clears the session and rejects with UNAUTHENTICATED', async () => {
    setSession({ accessToken: 'old', refreshToken: 'refresh-old' })
    taroRequest.mockResolvedValue(fail(401, 'UNAUTHENTICATED'))

    const err = await call(authContract.me).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 })
    expect(errorMessage(err)).toBe('请先登录')
    expect(storage.has(SESSION_KEY)).toBe(false)
    expect(taroRequest).toHaveBeenCalledTimes(2)
  })

  it('when a route has path parameters and a query, then call fills and encodes them, sends the query as data and no token to a public route', async () => {
    setSession({ accessToken: 'access-1', refreshToken: 'refresh-1' })
    taroRequest.mockResolvedValue(ok({ id: 'a/b' }))

    await call(catalogueContract.getService, { params: { id: 'a/b' } })
    expect(taroRequest).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/api/v1/services/a%2Fb', method: 'GET' }))
    expect(taroRequest.mock.lastCall?.[0].header.Authorization).toBeUndefined()

    await call(bookingContract.list, { query: { pageSize: 50, status: undefined } })
    expect(taroRequest).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/api/v1/bookings', data: { pageSize: 50 }, header: expect.objectContaining({ Authorization: 'Bearer access-1' }) }))

    await call(bookingContract.create, { body: BOOKING, headers: { 'idempotency-key': 'key-12345678' } })
    expect(taroRequest).toHaveBeenLastCalledWith(expect.objectContaining({ method: 'POST', data: BOOKING, header: expect.objectContaining({ 'Idempotency-Key': 'key-12345678' }) }))

    expect(urlOf(catalogueContract.searchServices, { query: { q: '营业 执照', page: 2 } })).toBe('/api/v1/services?q=%E8%90%A5%E4%B8%9A%20%E6%89%A7%E7%85%A7&page=2')
  })
})
