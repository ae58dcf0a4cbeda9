/**
 * The real WeChat code2Session client against a local stub of WeChat's API (same URL path and JSON shapes).
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadConfig, setConfig } from '../../server/src/config'
import { User } from '../../server/src/modules/auth/auth.model'
import { api } from '../helpers/app'
import { useTestDb } from '../helpers/db'

useTestDb()

let stub: http.Server
const calls: URL[] = []

beforeAll(async () => {
  stub = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://stub')
    calls.push(url)
    res.setHeader('Content-Type', 'text/plain') // WeChat answers JSON as text/plain
    if (url.pathname !== '/sns/jscode2session') return void res.writeHead(404).end()
    const code = url.searchParams.get('js_code')
    if (code === 'expired') return void res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }))
    if (code === 'busy') return void res.end(JSON.stringify({ errcode: -1, errmsg: 'system error' }))
    res.end(JSON.stringify({ openid: `o_${code}`, session_key: `sk_${code}`, unionid: `u_${code}` }))
  })
  await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r))
  const port = (stub.address() as AddressInfo).port
  setConfig(
    loadConfig({
      ...process.env,
      WECHAT_APPID: 'wx1234567890',
      WECHAT_SECRET: 'secret-from-env',
      WECHAT_API_BASE: `http://127.0.0.1:${port}`,
    }),
  )
})

afterAll(async () => {
  setConfig(loadConfig(process.env))
  await new Promise((r) => stub.close(r))
})

describe('WeChat code2Session client', () => {
  it('when WeChat accepts the code, then the openid is stored and session_key stays on the server', async () => {
    const res = await api().post('/api/v1/auth/wechat').send({ code: 'good1' })
    expect(res.status).toBe(200)
    expect(JSON.stringify(res.body)).not.toContain('sk_good1')
    const call = calls.at(-1)!
    expect(call.searchParams.get('appid')).toBe('wx1234567890')
    expect(call.searchParams.get('secret')).toBe('secret-from-env')
    expect(call.searchParams.get('grant_type')).toBe('authorization_code')
    const user = await User.findOne({ openid: 'o_good1' }).select('+sessionKey').lean()
    expect(user).toMatchObject({ unionid: 'u_good1', sessionKey: 'sk_good1' })
  })

  it('when WeChat answers errcode 40029, then 401 WECHAT_LOGIN_FAILED and no user', async () => {
    const res = await api().post('/api/v1/auth/wechat').send({ code: 'expired' })
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('WECHAT_LOGIN_FAILED')
    expect(res.body.error.details).toEqual({ errcode: 40029 })
    expect(await User.countDocuments({ openid: /expired/ })).toBe(0)
  })

  it('when WeChat reports a system error, then 401 with a clear code, not a 500', async () => {
    const res = await api().post('/api/v1/auth/wechat').send({ code: 'busy' })
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('WECHAT_LOGIN_FAILED')
  })

  it('when real credentials are configured, then the development provider is off', async () => {
    const res = await api().get('/api/v1/health')
    expect(res.body.devLogin).toBe(false)
    await api().post('/api/v1/auth/wechat').send({ code: 'devcheck' })
    expect(await User.countDocuments({ openid: 'dev_devcheck' })).toBe(0)
  })
})
