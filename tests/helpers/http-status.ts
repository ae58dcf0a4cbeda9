import http from 'node:http'

/**
 * One request through node:http over the sockets of `agent` (kept alive): resolves to the status, the body read and
 * dropped. Lean on CPU (a burst's client shares the machine's cores with the server and the database; `fetch` costs
 * about three times as much per request), and with open sockets requests written together arrive together.
 */
export function requestStatus(url: string, opts: { agent: http.Agent; method?: string; headers?: Record<string, string>; body?: unknown }): Promise<number> {
  const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body))
  const headers = payload ? { ...opts.headers, 'Content-Type': 'application/json', 'Content-Length': String(payload.length) } : opts.headers
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', agent: opts.agent, headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(payload)
  })
}
