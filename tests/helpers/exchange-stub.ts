/**
 * A local stand-in for the provincial 好差评 endpoint (the real HTTP client of the server talks to it).
 * Each request is answered as `behave` says: 'ok' (200), 'fail' (503), 'reject' (400), 'timeout' (never answers),
 * or 'slow' (stores the record at once, answers 200 after `slowMs`). Like the real platform it accepts a record once per Idempotency-Key:
 * a repeat is answered 200 and counted in `repeats`, never twice in `accepted`.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type StubBehaviour = 'ok' | 'fail' | 'reject' | 'timeout' | 'slow'

export interface StubRequest {
  id: string
  body: Record<string, unknown>
  authorization?: string
  at: number
}

export interface ExchangeStub {
  url: string
  received: StubRequest[]
  /** First acceptance per record id, in acceptance order. */
  accepted: StubRequest[]
  repeats: string[]
  /** Requests whose connection closed before an answer (the pusher timed out or died): a repeat may follow. */
  unanswered: string[]
  behave: (req: StubRequest, nth: number) => StubBehaviour
  slowMs: number
  /** Resolves when the stub has received `n` requests in all. */
  waitForRequests(n: number, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export async function startExchangeStub(): Promise<ExchangeStub> {
  const open = new Set<http.ServerResponse>()
  const waiters: { n: number; resolve: () => void }[] = []
  const stub: ExchangeStub = {
    url: '',
    received: [],
    accepted: [],
    repeats: [],
    unanswered: [],
    behave: () => 'ok',
    slowMs: 300,
    waitForRequests(n, timeoutMs = 30_000) {
      if (stub.received.length >= n) return Promise.resolve()
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`stub got ${stub.received.length} of ${n} requests`)), timeoutMs)
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) })
      })
    },
    close: () =>
      new Promise((resolve) => {
        for (const r of open) r.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
  const accept = (req: StubRequest) => {
    if (stub.accepted.some((a) => a.id === req.id)) stub.repeats.push(req.id)
    else stub.accepted.push(req)
  }
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (d) => (raw += d))
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>
      const r: StubRequest = { id: String(req.headers['idempotency-key'] ?? ''), body, authorization: req.headers.authorization, at: Date.now() }
      const nth = stub.received.filter((x) => x.id === r.id).length
      stub.received.push(r)
      for (const w of waiters.filter((w) => stub.received.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve()
      }
      const b = stub.behave(r, nth)
      const send = (status: number, json: unknown) => {
        open.delete(res)
        if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json))
      }
      open.add(res)
      res.on('close', () => {
        if (!res.writableFinished) stub.unanswered.push(r.id)
      })
      if (b === 'ok') {
        accept(r)
        send(200, { code: '0', msg: '成功' })
      } else if (b === 'slow') {
        // the platform stores the record at once and answers late: a pusher that dies meanwhile never hears of it
        accept(r)
        setTimeout(() => send(200, { code: '0', msg: '成功' }), stub.slowMs)
      } else if (b === 'fail') send(503, { code: '500', msg: '系统繁忙' })
      else if (b === 'reject') send(400, { code: '400', msg: 'satisfaction 取值错误' })
      // 'timeout': never answered
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/evaluation/push`
  return stub
}
