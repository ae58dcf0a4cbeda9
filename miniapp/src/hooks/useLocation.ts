import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import gcoord from 'gcoord'

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

/**
 * The browser's own position (WGS-84, as the Geolocation API reports it) converted to GCJ-02, the datum of the
 * points' coordinates and of Chinese maps. Taro's H5 getLocation cannot give GCJ-02, so H5 asks the browser.
 */
function browserLocation(timeoutMs: number): Promise<Coords> {
  return new Promise<Coords>((resolve, reject) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) return reject(new Error('getLocation:unsupported'))
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const [lng, lat] = gcoord.transform([pos.coords.longitude, pos.coords.latitude], gcoord.WGS84, gcoord.GCJ02)
        resolve({ lat, lng })
      },
      (err) => reject(new Error(`getLocation:${err.code}`)),
      { enableHighAccuracy: false, timeout: timeoutMs, maximumAge: 5 * 60_000 }
    )
  })
}

/** GCJ-02 position (WeChat: Taro.getLocation; H5: the browser's geolocation), with a timeout: a silent prompt must not hang the screen. */
export function locate(timeoutMs = LOCATE_TIMEOUT_MS): Promise<Coords> {
  return new Promise<Coords>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('getLocation:timeout')), timeoutMs)
    Promise.resolve()
      .then(() =>
        process.env.TARO_ENV === 'h5'
          ? browserLocation(timeoutMs)
          : Taro.getLocation({ type: 'gcj02' }).then((res) => ({ lat: res.latitude, lng: res.longitude }))
      )
      .then(
        (coords) => {
          clearTimeout(timer)
          resolve(coords)
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
