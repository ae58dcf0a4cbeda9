import Taro from '@tarojs/taro'

/** Storage key of the page to come back to after signing in on 我的 (a tab page cannot take query parameters). */
const RETURN_KEY = 'xz.loginReturn'
const MINE_PAGE = '/pages/mine/index'
const TAB_PAGES = ['/pages/index/index', '/pages/nearby/index', '/pages/bookings/index', MINE_PAGE]

/**
 * A page of this app as `/path/of/page[?query]`: main-package pages (`/pages/…`) and subpackage pages (`/enterprise/…`,
 * `/hotline/…`, …) alike; never another origin or scheme (`//host`, `https:`).
 */
const PAGE_URL = /^\/[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)+(\?.*)?$/

export function isPageUrl(url: string): boolean {
  return PAGE_URL.test(url)
}

/** The current page as `/path?query` (Taro's router; H5 and weapp alike), for goLogin. */
export function currentPageUrl(fallback = MINE_PAGE): string {
  const router = Taro.getCurrentInstance()?.router
  const raw = router?.path ?? ''
  const path = (raw.startsWith('/') ? raw : `/${raw}`).split('?')[0]
  if (!isPageUrl(path)) return fallback
  const params = Object.entries(router?.params ?? {}).filter(([k, v]) => k !== '$taroTimestamp' && k !== 'stamp' && v !== undefined && v !== '')
  const query = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')
  return query ? `${path}?${query}` : path
}

/** Sends the user to 我的 to sign in, remembering `returnUrl` (path + query) to come back to afterwards. */
export function goLogin(returnUrl: string): void {
  Taro.setStorageSync(RETURN_KEY, JSON.stringify({ url: returnUrl, at: Date.now() }))
  void Taro.switchTab({ url: MINE_PAGE })
}

/** The page the sign-in started from (within the last hour), removed as it is read. */
export function takeLoginReturn(): string | undefined {
  const raw: unknown = Taro.getStorageSync(RETURN_KEY)
  Taro.removeStorageSync(RETURN_KEY)
  if (typeof raw !== 'string' || !raw) return undefined
  try {
    const { url, at } = JSON.parse(raw) as { url?: unknown; at?: unknown }
    if (typeof url !== 'string' || !isPageUrl(url) || typeof at !== 'number' || Date.now() - at > 3_600_000) return undefined
    return url
  } catch {
    return undefined
  }
}

/** After a successful sign-in: back to where the user was, if they came from somewhere. */
export function returnAfterLogin(): boolean {
  const url = takeLoginReturn()
  if (!url) return false
  const path = url.split('?')[0]
  void (TAB_PAGES.includes(path) ? Taro.switchTab({ url: path }) : Taro.navigateTo({ url }))
  return true
}
