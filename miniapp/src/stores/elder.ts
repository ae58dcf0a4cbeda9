import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'

/** Storage key of the 长辈版 (elder-friendly mode) choice: '1' on, anything else off. */
export const ELDER_MODE_KEY = 'xz.elderMode'

/** Root class that switches a page to large type (see components/elder/elder.scss). */
export const ELDER_CLASS = 'elder'

type Listener = (on: boolean) => void
const listeners = new Set<Listener>()

export function getElderMode(): boolean {
  try {
    return Taro.getStorageSync(ELDER_MODE_KEY) === '1'
  } catch {
    return false
  }
}

/** Persists the choice (it survives reloads) and tells every mounted page. */
export function setElderMode(on: boolean): void {
  Taro.setStorageSync(ELDER_MODE_KEY, on ? '1' : '0')
  applyToDocument(on)
  listeners.forEach((listener) => listener(on))
}

/**
 * H5 only: mirror the mode on <body> as well, so that the page background and anything rendered outside a page root
 * (e.g. the tab bar) follow it. The mini-program has no document; there each page root carries the class.
 */
function applyToDocument(on: boolean): void {
  if (typeof document === 'undefined' || !document.body) return
  document.body.classList.toggle(ELDER_CLASS, on)
}

export interface ElderMode {
  elder: boolean
  setElder: (on: boolean) => void
  /** ELDER_CLASS when on, '' otherwise: append it to the page root's className */
  elderClass: string
}

/** The 长辈版 switch state, shared by every mounted component and persisted with Taro storage. */
export function useElderMode(): ElderMode {
  const [elder, setState] = useState(getElderMode)

  useEffect(() => {
    const listener: Listener = (on) => setState(on)
    listeners.add(listener)
    // another page may have changed it while this one was hidden
    setState(getElderMode())
    applyToDocument(getElderMode())
    return () => {
      listeners.delete(listener)
    }
  }, [])

  return { elder, setElder: setElderMode, elderClass: elder ? ELDER_CLASS : '' }
}
