import { config } from '../../config'
import { AppError } from '../../lib/errors'
import { logger } from '../../lib/logger'

export interface WechatSession {
  openid: string
  unionid?: string
  sessionKey: string
}

/** Exchanges a `wx.login` code for the user's openid (WeChat's code2Session). */
export interface Code2SessionProvider {
  readonly kind: 'wechat' | 'development'
  code2Session(code: string): Promise<WechatSession>
}

/** WeChat's real endpoint: GET /sns/jscode2session. */
export class WechatCode2Session implements Code2SessionProvider {
  readonly kind = 'wechat' as const

  constructor(
    private readonly appid: string,
    private readonly secret: string,
    private readonly apiBase: string,
  ) {}

  async code2Session(code: string): Promise<WechatSession> {
    const url = new URL('/sns/jscode2session', this.apiBase)
    url.search = new URLSearchParams({
      appid: this.appid,
      secret: this.secret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString()
    let data: { openid?: string; unionid?: string; session_key?: string; errcode?: number; errmsg?: string }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) })
      data = (await res.json()) as typeof data
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'code2Session request failed')
      throw new AppError('WECHAT_LOGIN_FAILED', '微信登录服务暂不可用，请稍后再试')
    }
    if (data.errcode || !data.openid || !data.session_key) {
      logger.info({ errcode: data.errcode, errmsg: data.errmsg }, 'code2Session refused')
      const message = data.errcode === 40029 ? '登录凭证无效或已过期，请重新登录' : '微信登录失败'
      throw new AppError('WECHAT_LOGIN_FAILED', message, { errcode: data.errcode })
    }
    return { openid: data.openid, unionid: data.unionid, sessionKey: data.session_key }
  }
}

/** Development only: code `X` → openid `dev_X`. Never active in production or with real credentials. */
export class DevCode2Session implements Code2SessionProvider {
  readonly kind = 'development' as const

  async code2Session(code: string): Promise<WechatSession> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(code)) throw new AppError('WECHAT_LOGIN_FAILED', '开发登录码只能包含字母、数字、_ 和 -')
    return { openid: `dev_${code}`, sessionKey: `dev-session-${code}` }
  }
}

export function code2SessionProvider(): Code2SessionProvider | undefined {
  const c = config()
  if (c.wechatConfigured) return new WechatCode2Session(c.WECHAT_APPID!, c.WECHAT_SECRET!, c.WECHAT_API_BASE)
  if (c.devLogin) return new DevCode2Session()
  return undefined
}
