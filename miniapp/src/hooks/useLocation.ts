import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'

export interface Coords {
  lat: number
  lng: number
}

export type LocationState =
  | { status: 'locating' }
  | { status: 'located'; coords: Coords }
  /** permission denied, unsupported or timed out: the user picks a county instead */
  | { status: 'denied' }

const REGION_KEY = 'xz.regionCode'
const LOCATE_TIMEOUT_MS = 6000

export function getSavedRegion(): string {
  const saved: unknown = Taro.getStorageSync(REGION_KEY)
  return typeof saved === 'string' ? saved : ''
}

export function saveRegion(code: string): void {
  Taro.setStorageSync(REGION_KEY, code)
}

/** GCJ-02 position via Taro.getLocation, with a timeout: a silent browser prompt must not hang the screen. */
export function locate(timeoutMs = LOCATE_TIMEOUT_MS): Promise<Coords> {
  return new Promise<Coords>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('getLocation:timeout')), timeoutMs)
    Promise.resolve()
      .then(() => Taro.getLocation({ type: 'gcj02' }))
      .then(
        (res) => {
          clearTimeout(timer)
          resolve({ lat: res.latitude, lng: res.longitude })
        },
        (err: unknown) => {
          clearTimeout(timer)
          reject(err instanceof Error ? err : new Error('getLocation:fail'))
        }
      )
  })
}

export function useLocation() {
  const [state, setState] = useState<LocationState>({ status: 'locating' })
  const [regionCode, setRegionCode] = useState<string>(getSavedRegion)

  const retry = useCallback(() => {
    setState({ status: 'locating' })
    locate().then(
      (coords) => setState({ status: 'located', coords }),
      () => setState({ status: 'denied' })
    )
  }, [])

  useEffect(retry, [retry])

  const chooseRegion = useCallback((code: string) => {
    saveRegion(code)
    setRegionCode(code)
  }, [])

  return { state, regionCode, chooseRegion, retry }
}
