import { useEffect, useState } from 'react'
import { fetchHealth } from '@/api/health'

/** 'loading' until the first answer; 'up' only when the server and its database are healthy. */
export type HealthState = 'loading' | 'up' | 'down'

export function useHealth(): HealthState {
  const [state, setState] = useState<HealthState>('loading')

  useEffect(() => {
    let active = true
    fetchHealth()
      .then((health) => health.status === 'ok' && health.db === 'up')
      .catch(() => false)
      .then((healthy) => {
        if (active) setState(healthy ? 'up' : 'down')
      })
    return () => {
      active = false
    }
  }, [])

  return state
}
