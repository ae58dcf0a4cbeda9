import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, type ApiErrorCode } from '@/api/request'
import { errorMessage } from '@/api/errors'

export interface AsyncState<T> {
  data: T | undefined
  loading: boolean
  /** Chinese message of the failure, null when the last load succeeded */
  error: string | null
  errorCode: ApiErrorCode | null
  reload: () => void
}

/**
 * Runs `load` on mount and whenever `deps` change; a late answer of a superseded call is dropped.
 * Every failure ends the loading state with a Chinese message (no screen hangs on a failed request).
 */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[], enabled = true): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [loading, setLoading] = useState(enabled)
  const [error, setError] = useState<string | null>(null)
  const [errorCode, setErrorCode] = useState<ApiErrorCode | null>(null)
  const [tick, setTick] = useState(0)
  const callId = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    if (!enabled) {
      setLoading(false)
      return
    }
    const id = ++callId.current
    setLoading(true)
    setError(null)
    setErrorCode(null)
    loadRef.current().then(
      (value) => {
        if (id !== callId.current) return
        setData(value)
        setLoading(false)
      },
      (err: unknown) => {
        if (id !== callId.current) return
        setError(errorMessage(err))
        setErrorCode(err instanceof ApiError ? err.code : null)
        setLoading(false)
      }
    )
  }, [...deps, tick, enabled])

  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data, loading, error, errorCode, reload }
}
