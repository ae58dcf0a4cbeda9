import type { ProvincialRecord } from './exchange.mappers'

/** The outcome of one push: delivered, worth retrying (network, timeout, 5xx, 408, 429) or refused for good (other 4xx). */
export type PushResult = { ok: true } | { ok: false; retry: boolean; error: string }

/**
 * POSTs one record to the provincial endpoint. `Idempotency-Key` is the record id, so the platform can drop a
 * repeat: the one a pusher killed between the platform's answer and its own bookkeeping sends again.
 */
export async function pushRecord(
  endpoint: string,
  token: string | undefined,
  id: string,
  payload: ProvincialRecord,
  timeoutMs: number,
): Promise<PushResult> {
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': id,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ recordId: id, ...payload }),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await res.text().catch(() => '')
    if (res.ok) return { ok: true }
    const retry = res.status >= 500 || res.status === 408 || res.status === 429
    return { ok: false, retry, error: `HTTP ${res.status} ${text.slice(0, 200)}`.trim() }
  } catch (err) {
    const e = err as Error
    const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError'
    return { ok: false, retry: true, error: timedOut ? `超时（${timeoutMs} ms）` : `网络错误：${e.message}` }
  }
}
