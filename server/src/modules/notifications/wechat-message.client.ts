import { config } from '../../config'
import { logger } from '../../lib/logger'

/** A WeChat error answer (`errcode` ≠ 0) or a transport failure (`errcode` undefined). */
export class WechatApiError extends Error {
  constructor(
    message: string,
    readonly errcode?: number,
  ) {
    super(message)
    this.name = 'WechatApiError'
  }

  /** The message can never be delivered this way (the user has not subscribed, bad openid or data). */
  get permanent(): boolean {
    return this.errcode !== undefined && PERMANENT_ERRORS.has(this.errcode)
  }
}

// 43101 user refused / has no subscription left, 40003 invalid openid, 40037 invalid template id,
// 47003 template data invalid, 41030 invalid page
const PERMANENT_ERRORS = new Set([43101, 40003, 40037, 47003, 41030])
// 40001 invalid credential, 40014 invalid access_token, 42001 access_token expired
const TOKEN_ERRORS = new Set([40001, 40014, 42001])

export interface SubscribeMessage {
  touser: string
  templateId: string
  page?: string
  /** Template fields, e.g. { thing1: '营业执照', time2: '2026-10-01 09:00' }. */
  data: Record<string, string>
}

interface WechatAnswer {
  errcode?: number
  errmsg?: string
  access_token?: string
  expires_in?: number
}

/**
 * WeChat subscribe messages (订阅消息): the access token from `GET /cgi-bin/token` (client_credential),
 * cached until shortly before it expires, and `POST /cgi-bin/message/subscribe/send`.
 */
export class WechatSubscribeClient {
  private token?: { value: string; expiresAt: number }
  private pending?: Promise<string>

  constructor(
    private readonly appid: string,
    private readonly secret: string,
    private readonly apiBase: string,
  ) {}

  private async call(path: string, init: { query: Record<string, string>; body?: unknown }): Promise<WechatAnswer> {
    const url = new URL(path, this.apiBase)
    url.search = new URLSearchParams(init.query).toString()
    let res: Response
    try {
      res = await fetch(url, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers: init.body === undefined ? undefined : { 'Content-Type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(5000),
      })
    } catch (err) {
      throw new WechatApiError(`WeChat ${path} unreachable: ${(err as Error).message}`)
    }
    if (!res.ok) throw new WechatApiError(`WeChat ${path} answered HTTP ${res.status}`)
    try {
      return (await res.json()) as WechatAnswer
    } catch {
      throw new WechatApiError(`WeChat ${path} answered something other than JSON`)
    }
  }

  /** A valid access token (fetched once for concurrent callers, renewed 5 minutes before expiry). */
  async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.expiresAt) return this.token.value
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined
    })
    return this.pending
  }

  private async fetchToken(): Promise<string> {
    const data = await this.call('/cgi-bin/token', {
      query: { grant_type: 'client_credential', appid: this.appid, secret: this.secret },
    })
    if (!data.access_token) throw new WechatApiError(`WeChat token refused: ${data.errmsg ?? 'no token'}`, data.errcode)
    const ttlMs = Math.max(60, (data.expires_in ?? 7200) - 300) * 1000
    this.token = { value: data.access_token, expiresAt: Date.now() + ttlMs }
    return data.access_token
  }

  /** Sends one subscribe message; retries once with a fresh token when WeChat says the token is stale. */
  async send(msg: SubscribeMessage): Promise<void> {
    const body = {
      touser: msg.touser,
      template_id: msg.templateId,
      page: msg.page,
      lang: 'zh_CN',
      data: Object.fromEntries(Object.entries(msg.data).map(([k, v]) => [k, { value: v }])),
    }
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken()
      const data = await this.call('/cgi-bin/message/subscribe/send', { query: { access_token: token }, body })
      if (!data.errcode) return
      if (TOKEN_ERRORS.has(data.errcode) && attempt === 0) {
        logger.info({ errcode: data.errcode }, 'WeChat access token rejected; fetching a new one')
        this.token = undefined
        continue
      }
      throw new WechatApiError(`WeChat subscribe/send failed: ${data.errmsg ?? data.errcode}`, data.errcode)
    }
  }
}

let client: { key: string; client: WechatSubscribeClient } | undefined

/** The client for the current configuration, or undefined when WeChat credentials are not configured. */
export function wechatSubscribeClient(): WechatSubscribeClient | undefined {
  const c = config()
  if (!c.wechatConfigured) return undefined
  const key = `${c.WECHAT_APPID}\n${c.WECHAT_SECRET}\n${c.WECHAT_API_BASE}`
  if (client?.key !== key) client = { key, client: new WechatSubscribeClient(c.WECHAT_APPID!, c.WECHAT_SECRET!, c.WECHAT_API_BASE) }
  return client.client
}
