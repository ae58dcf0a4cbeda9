import Taro from '@tarojs/taro'

/** Unfinished form content kept on the device (e.g. while the user signs in), per page and subject. */
const PREFIX = 'xz.draft.'
/** A draft older than this is forgotten. */
const MAX_AGE_MS = 24 * 3_600_000

export function saveDraft<T>(key: string, value: T): void {
  Taro.setStorageSync(PREFIX + key, JSON.stringify({ at: Date.now(), value }))
}

export function loadDraft<T>(key: string): T | undefined {
  const raw: unknown = Taro.getStorageSync(PREFIX + key)
  if (typeof raw !== 'string' || !raw) return undefined
  try {
    const { at, value } = JSON.parse(raw) as { at?: number; value?: T }
    if (typeof at !== 'number' || Date.now() - at > MAX_AGE_MS) return undefined
    return value
  } catch {
    return undefined
  }
}

export function clearDraft(key: string): void {
  Taro.removeStorageSync(PREFIX + key)
}
