import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { LEGAL_VERSION } from '@xz/shared'
import { SESSION_KEY, getSession, setSession } from '@/api/request'
import MinePage from '@/pages/mine'
import { storage } from '../test/mocks/taro'
import { apiError, fakeApi, typeInto } from './helpers/api'
import { VALID_CREDIT_CODE } from './helpers/fixtures'

const health = (devLogin: boolean) => () => ({ status: 'ok', db: 'up', devLogin, time: '' })
const pair = { accessToken: 'acc', refreshToken: 'ref-token-1', expiresIn: 900, user: { id: 'u1', role: 'citizen' } }

describe('我的 page', () => {
  beforeEach(() => storage.clear())
  afterEach(() => {
    ;(Taro.request as jest.Mock).mockReset()
    ;(Taro.getEnv as jest.Mock).mockImplementation(() => 'WEB')
  })

  it('when H5 runs against a server with the development login, then a name logs in through /auth/wechat', async () => {
    let signedIn = false
    const calls = fakeApi({
      'GET /api/v1/health': health(true),
      'POST /api/v1/auth/wechat': () => {
        signedIn = true
        return pair
      },
      'GET /api/v1/me': () => (signedIn ? { id: 'u1', role: 'citizen', name: '李四' } : apiError(401, 'UNAUTHENTICATED'))
    })
    render(<MinePage />)

    expect(await screen.findByTestId('dev-login')).toBeInTheDocument()
    expect(screen.getByTestId('login-state')).toHaveTextContent('未登录')
    act(() => typeInto('dev-login-code', 'lisi'))
    fireEvent.click(screen.getByTestId('dev-login-submit'))

    await waitFor(() => expect(screen.getByTestId('login-state')).toHaveTextContent('李四'))
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ path: '/api/v1/auth/wechat', data: { code: 'lisi' } })
    expect(getSession()).toEqual({ accessToken: 'acc', refreshToken: 'ref-token-1' })
  })

  it('when the server has no development login, then H5 offers no login form', async () => {
    fakeApi({ 'GET /api/v1/health': health(false) })
    render(<MinePage />)
    expect(await screen.findByText('请在微信中打开“忻州政务·无忧办”小程序登录')).toBeInTheDocument()
    expect(screen.queryByTestId('dev-login')).not.toBeInTheDocument()
  })

  it('when running in WeChat, then 微信一键登录 sends the Taro.login code', async () => {
    ;(Taro.getEnv as jest.Mock).mockImplementation(() => 'WEAPP')
    const calls = fakeApi({ 'POST /api/v1/auth/wechat': () => pair, 'GET /api/v1/me': () => ({ id: 'u1', role: 'citizen' }) })
    render(<MinePage />)
    fireEvent.click(await screen.findByTestId('wechat-login'))
    await waitFor(() => expect(screen.getByTestId('login-state')).toHaveTextContent('已登录用户'))
    expect(calls.find((c) => c.method === 'POST')?.data).toEqual({ code: 'test-code' })
    expect(calls.some((c) => c.path === '/api/v1/health')).toBe(false)
  })

  it('when nobody is signed in, then 工作人员登录 opens the staff sign-in page', async () => {
    fakeApi({ 'GET /api/v1/health': health(false) })
    ;(Taro.navigateTo as jest.Mock).mockClear()
    render(<MinePage />)
    fireEvent.click(await screen.findByTestId('staff-login-entry'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/login/index' })
    expect(screen.queryByTestId('workbench-entry')).not.toBeInTheDocument()
  })

  it.each([
    ['staff', '/staff/desk/index'],
    ['admin', '/admin/index/index']
  ])('when the signed-in account is %s, then 进入工作台 replaces the staff sign-in and opens %s', async (role, url) => {
    setSession({ accessToken: 'a', refreshToken: 'r' })
    fakeApi({ 'GET /api/v1/health': health(false), 'GET /api/v1/me': () => ({ id: 'u9', role, name: '王五' }) })
    ;(Taro.navigateTo as jest.Mock).mockClear()
    render(<MinePage />)
    fireEvent.click(await screen.findByTestId('workbench-entry'))
    expect(screen.getByTestId('workbench-entry')).toHaveTextContent('进入工作台')
    expect(screen.queryByTestId('staff-login-entry')).not.toBeInTheDocument()
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url })
  })

  it('when an enterprise is bound, then the credit code is validated live and the binding is saved', async () => {
    setSession({ accessToken: 'a', refreshToken: 'r' })
    let me: Record<string, unknown> = { id: 'u1', role: 'citizen', name: '李四', mobile: '13812345678' }
    const calls = fakeApi({
      'GET /api/v1/health': health(true),
      'GET /api/v1/me': () => me,
      'PATCH /api/v1/me': (req) => {
        me = { ...me, ...req.data }
        return me
      },
      // personal data only after agreement to the 用户协议/隐私政策 (the modal mock answers 同意)
      'GET /api/v1/me/agreement': () => ({ currentVersion: LEGAL_VERSION, agreed: false }),
      'POST /api/v1/me/agreement': () => ({ currentVersion: LEGAL_VERSION, agreedVersion: LEGAL_VERSION, agreed: true })
    })
    render(<MinePage />)
    expect(await screen.findByTestId('enterprise-binding')).toBeInTheDocument()
    expect(screen.getByTestId('login-state')).toHaveTextContent('李四')
    expect(screen.getByText('138****5678')).toBeInTheDocument()

    act(() => typeInto('bind-name', '忻州市示例科技有限公司'))
    act(() => typeInto('bind-credit-code', '91140900MA0K1234X'))
    expect(screen.getByTestId('bind-credit-code-error')).toHaveTextContent('统一社会信用代码为18位（已输入17位）')
    act(() => typeInto('bind-credit-code', VALID_CREDIT_CODE))
    expect(screen.queryByTestId('bind-credit-code-error')).not.toBeInTheDocument()
    fireEvent.click(screen.getByTestId('bind-save'))

    await waitFor(() => expect(screen.getByText('已绑定')).toBeInTheDocument())
    expect(calls.find((c) => c.method === 'PATCH')?.data).toEqual({
      enterprise: { name: '忻州市示例科技有限公司', creditCode: VALID_CREDIT_CODE }
    })
    const agreed = calls.findIndex((c) => c.method === 'POST' && c.path === '/api/v1/me/agreement')
    expect(agreed).toBeGreaterThanOrEqual(0)
    expect(agreed).toBeLessThan(calls.findIndex((c) => c.method === 'PATCH'))
    expect(calls[agreed].data).toEqual({ version: LEGAL_VERSION })
  })

  it('when signing out, then the session is removed', async () => {
    setSession({ accessToken: 'a', refreshToken: 'r' })
    fakeApi({ 'GET /api/v1/health': health(true), 'GET /api/v1/me': () => ({ id: 'u1', role: 'citizen' }) })
    render(<MinePage />)
    fireEvent.click(await screen.findByTestId('logout'))
    await waitFor(() => expect(screen.getByTestId('login-state')).toHaveTextContent('未登录'))
    expect(storage.has(SESSION_KEY)).toBe(false)
  })
})
