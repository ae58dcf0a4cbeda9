// Minimal stand-in for @tarojs/taro in jest (jsdom). Extend as the app's code needs.
import { useEffect } from 'react'

export const request = jest.fn()
export const navigateTo = jest.fn(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
export const navigateBack = jest.fn(() => Promise.resolve({ errMsg: 'navigateBack:ok' }))
export const redirectTo = jest.fn(() => Promise.resolve({ errMsg: 'redirectTo:ok' }))
export const switchTab = jest.fn(() => Promise.resolve({ errMsg: 'switchTab:ok' }))
export const reLaunch = jest.fn(() => Promise.resolve({ errMsg: 'reLaunch:ok' }))
export const showToast = jest.fn(() => Promise.resolve({ errMsg: 'showToast:ok' }))
export const showLoading = jest.fn(() => Promise.resolve({ errMsg: 'showLoading:ok' }))
export const hideLoading = jest.fn(() => Promise.resolve({ errMsg: 'hideLoading:ok' }))
export const showModal = jest.fn(() => Promise.resolve({ errMsg: 'showModal:ok', confirm: true, cancel: false }))
export const login = jest.fn(() => Promise.resolve({ errMsg: 'login:ok', code: 'test-code' }))
export const getLocation = jest.fn(() => Promise.reject(new Error('getLocation:fail auth deny')))
export const openLocation = jest.fn(() => Promise.resolve({ errMsg: 'openLocation:ok' }))
export const makePhoneCall = jest.fn(() => Promise.resolve({ errMsg: 'makePhoneCall:ok' }))
export const getEnv = jest.fn(() => 'WEB')
export const ENV_TYPE = {
  WEAPP: 'WEAPP', WEB: 'WEB', RN: 'RN', SWAN: 'SWAN', ALIPAY: 'ALIPAY', TT: 'TT', QQ: 'QQ', JD: 'JD', HARMONY: 'HARMONY'
}
export const pxTransform = jest.fn((size: number) => `${size / 2}px`)
export const getSystemInfoSync = jest.fn(() => ({ windowWidth: 375, windowHeight: 812, pixelRatio: 2, platform: 'devtools' }))
export const createSelectorQuery = jest.fn(() => ({
  select: () => ({ boundingClientRect: () => ({ exec: (cb?: any) => cb?.([{}]) }) }),
  selectAll: () => ({ boundingClientRect: () => ({ exec: (cb?: any) => cb?.([[]]) }) })
}))
export const nextTick = (fn: () => void) => setTimeout(fn, 0)

// In-memory synchronous storage; tests can inspect or reset it: storage.clear()
export const storage = new Map<string, unknown>()
export const getStorageSync = jest.fn((key: string) => (storage.has(key) ? storage.get(key) : ''))
export const setStorageSync = jest.fn((key: string, value: unknown) => { storage.set(key, value) })
export const removeStorageSync = jest.fn((key: string) => { storage.delete(key) })

// params for useRouter(); tests can mutate it: routerParams.id = '2'
export const routerParams: Record<string, string> = {}
export const useRouter = jest.fn(() => ({ params: routerParams, path: '' }))
export const getCurrentInstance = jest.fn(() => ({ router: { params: routerParams, path: '' }, page: null }))

// Taro's global event bus (NutUI's Dialog/Toast use it)
const listeners = new Map<string, Array<(...args: unknown[]) => void>>()
export const eventCenter = {
  on: (name: string, cb: (...args: unknown[]) => void) => { listeners.set(name, [...(listeners.get(name) ?? []), cb]) },
  off: (name: string) => { listeners.delete(name) },
  trigger: (name: string, ...args: unknown[]) => { for (const cb of listeners.get(name) ?? []) cb(...args) }
}

// Page lifecycle hooks: run once after mount (close enough for component tests)
const once = (cb: () => void) => useEffect(() => { cb() }, [])
export const useLoad = once
export const useLaunch = once
export const useReady = once
export const useDidShow = once
export const useDidHide = (_cb: () => void) => {}
export const useUnload = (cb: () => void) => useEffect(() => cb, [])
export const usePullDownRefresh = (_cb: () => void) => {}
export const useReachBottom = (_cb: () => void) => {}
export const stopPullDownRefresh = jest.fn()

const Taro = {
  request, navigateTo, navigateBack, redirectTo, switchTab, reLaunch, showToast, showLoading, hideLoading, showModal,
  login, getLocation, openLocation, makePhoneCall, getEnv, ENV_TYPE, pxTransform, getSystemInfoSync, createSelectorQuery, nextTick,
  getStorageSync, setStorageSync, removeStorageSync, useRouter, getCurrentInstance, eventCenter, useLoad, useLaunch, useReady, useDidShow, useDidHide,
  useUnload, usePullDownRefresh, useReachBottom, stopPullDownRefresh
}
export default Taro
